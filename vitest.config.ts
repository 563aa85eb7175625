import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The examples import the package by name, as a user's code does; in this repo that is its source.
  resolve: { alias: { "tla-twin": fileURLToPath(new URL("./model-check/api.ts", import.meta.url)) } },
  test: {
    include: ["test/**/*.test.ts"],
    // Exhaustive checks of small configs take a few seconds each on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
