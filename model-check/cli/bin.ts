#!/usr/bin/env node
/**
 * Entry point of the `tla-twin` executable.
 *
 * @module
 */
import { ExitCode } from "./exit-codes.js";
import { main } from "./main.js";

// A reader that goes away (`| head`) is not a failure of the check: stop writing, keep the exit code.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE" && e.code !== "ERR_STREAM_DESTROYED") throw e;
});
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // main() turns every error into one line; one that escapes it is a bug in main itself.
  console.error(e);
  process.exitCode = ExitCode.internal;
}
