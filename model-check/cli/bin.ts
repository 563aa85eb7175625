#!/usr/bin/env node
/**
 * Entry point of the `tla-twin` executable.
 *
 * @module
 */
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
