/**
 * Loading a user's protocol from a module file: `tla-twin check
 * ./my-protocol.ts` and the worker threads of its parallel search each
 * import the module themselves (TypeScript through tsx, JavaScript
 * directly) and take the protocol it exports.
 *
 * @module
 */
import { pathToFileURL } from "node:url";
import type { AnyProtocol } from "../src/protocol.js";
import { ConfigError } from "../src/protocol.js";

/** Whether a value has the shape of a {@link AnyProtocol} (a module may export other things too). */
export function isProtocol(value: unknown): value is AnyProtocol {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p["name"] === "string" && typeof p["model"] === "function" && Array.isArray(p["options"]) && Array.isArray(p["presets"]) && Array.isArray(p["variants"]);
}

/** Whether a CLI argument names a module file rather than a shipped protocol. */
export function namesModule(argument: string): boolean {
  return /[\\/]/.test(argument) || /\.(m|c)?(t|j)s$/.test(argument);
}

/** The file URL of a module path given on the command line (relative to the working directory). */
export function moduleUrl(path: string): string {
  return pathToFileURL(path).href;
}

/** Imports a module by file URL: TypeScript (`.ts`, `.mts`, `.cts`) through tsx, anything else as Node imports it. */
export async function importModule(url: string): Promise<Record<string, unknown>> {
  if (/\.(m|c)?ts$/.test(url)) {
    const { tsImport } = await import("tsx/esm/api");
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}

/**
 * The protocol a module exports, and under which name: the one named
 * `exportName`; otherwise the default export if it is one; otherwise the
 * only one. Anything else is a {@link ConfigError} that lists what there is.
 */
export function protocolExport(namespace: Record<string, unknown>, where: string, exportName?: string): { exportName: string; protocol: AnyProtocol } {
  // tsx hands a CommonJS-compiled module's exports to `import()` under `default`.
  const exports = Object.entries(namespace).filter(([, value]) => isProtocol(value));
  const names = exports.map(([name]) => name);
  if (exportName !== undefined) {
    const chosen = exports.find(([name]) => name === exportName);
    if (chosen === undefined) throw new ConfigError(`${where} exports no protocol named ${exportName} (its protocols: ${names.join(", ") || "none"})`);
    return { exportName, protocol: chosen[1] as AnyProtocol };
  }
  const preferred = exports.find(([name]) => name === "default") ?? (exports.length === 1 ? exports[0] : undefined);
  if (preferred === undefined) {
    throw new ConfigError(
      exports.length === 0
        ? `${where} exports no protocol (export one made with defineProtocol, as its default export or by name)`
        : `${where} exports several protocols (${names.join(", ")}): choose one with --export`,
    );
  }
  return { exportName: preferred[0], protocol: preferred[1] as AnyProtocol };
}
