import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Exhaustive checks of small configs take a few seconds each on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
