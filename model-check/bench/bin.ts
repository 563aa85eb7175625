#!/usr/bin/env node
/**
 * Entry point of `npm run bench`.
 *
 * @module
 */
import { UsageError } from "../cli/usage-error.js";
import { runBench } from "./bench.js";
import { killRunning } from "./measure.js";

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killRunning();
    process.exit(130);
  });
}

runBench(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`bench: ${e.message}`);
      process.exitCode = 2;
    } else {
      throw e;
    }
  },
);
