/**
 * The protocol a command names first: a shipped protocol by name, or a
 * user's module by path (`./my-protocol.ts`, `dist/proto.js`), with
 * `--export NAME` when the module exports several protocols.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { AnyProtocol } from "../../src/protocol.js";
import { ConfigError } from "../../src/protocol.js";
import { protocols } from "../../src/registry.js";
import { type ModelSource, loadProtocol } from "../model-source.js";
import { moduleUrl, namesModule } from "../protocol-module.js";
import { UsageError } from "./usage-error.js";

/** The protocol, where it comes from (for worker threads), and the arguments after it. */
export interface ProtocolArgument {
  readonly protocol: AnyProtocol;
  readonly origin: Pick<ModelSource, "module" | "exportName">;
  readonly rest: readonly string[];
}

/** Takes `--export NAME` (or `--export=NAME`) out of the arguments. */
function takeExport(argv: readonly string[]): { exportName: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let exportName: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--export" || arg.startsWith("--export=")) {
      exportName = arg === "--export" ? argv[++i] : arg.slice("--export=".length);
      if (exportName === undefined || exportName === "") throw new UsageError("--export needs the name of an export of the module");
    } else {
      rest.push(arg);
    }
  }
  return { exportName, rest };
}

/** Reads the first argument of `command` as a protocol name or a module path. */
export async function protocolArgument(command: string, argv: readonly string[]): Promise<ProtocolArgument> {
  const [name, ...after] = argv;
  const known = protocols.map((p) => p.name).join(", ");
  if (name === undefined || name.startsWith("-")) {
    throw new UsageError(`${command} needs a protocol first: one of ${known}, or a module file that exports one (./my-protocol.ts)`);
  }
  const { exportName, rest } = takeExport(after);
  if (!namesModule(name)) {
    if (exportName !== undefined) throw new UsageError("--export chooses among a module's exports: give a module file, not a shipped protocol");
    const protocol = protocols.find((p) => p.name === name);
    if (protocol === undefined) throw new UsageError(`unknown protocol "${name}" (known: ${known}; or give a module file, e.g. ./my-protocol.ts)`);
    return { protocol, origin: {}, rest };
  }
  const path = resolve(name);
  if (!existsSync(path)) throw new UsageError(`no module file ${name} (give the path of a .ts or .js file that exports a protocol)`);
  const module = moduleUrl(path);
  try {
    const loaded = await loadProtocol({ protocol: "", module, ...(exportName === undefined ? {} : { exportName }) });
    return { protocol: loaded.protocol, origin: { module, exportName: loaded.exportName ?? "default" }, rest };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}
