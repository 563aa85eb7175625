#!/usr/bin/env node
/**
 * Entry point of the `tla-twin` executable. A bug that escapes `main` keeps
 * its stack on stderr and exits with code 4 (internal error), never with a
 * code that means a verdict.
 *
 * @module
 */
import { ExitCode } from "./exit-codes.js";
import { main } from "./main.js";

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  console.error(e);
  process.exitCode = ExitCode.internal;
}
