/**
 * A model named rather than held: where its protocol comes from (a shipped
 * protocol's name, or a module's URL and export), its options and
 * variant. Worker threads cannot receive functions, so a parallel search
 * sends this and each thread builds the same model itself.
 *
 * @module
 */
import type { AnyModel, AnyProtocol } from "../src/protocol.js";
import { ConfigError, resolveOptions } from "../src/protocol.js";
import { findProtocol, protocols } from "../src/registry.js";
import { importModule, protocolExport } from "./protocol-module.js";

/** Which model to build: a protocol, its options, and optionally a variant. */
export interface ModelSource {
  /** The protocol's name (for a module, as the protocol calls itself). */
  readonly protocol: string;
  /** Option values by flag; options left out take their defaults. */
  readonly options: Readonly<Record<string, number>>;
  readonly variant?: string;
  /** The file URL of the module that exports the protocol; left out for a shipped protocol. */
  readonly module?: string;
  /** The module's export that holds the protocol (`default` when left out). */
  readonly exportName?: string;
}

/** Protocols loaded from modules in this thread, by `url#export`. */
const loaded = new Map<string, AnyProtocol>();

const keyOf = (module: string, exportName: string | undefined): string => `${module}#${exportName ?? "default"}`;

/**
 * Imports the module a source names, once per thread, so that
 * {@link buildModel} can build its model; a source of a shipped protocol
 * needs nothing. Returns the protocol and the name of the export it is.
 */
export async function loadProtocol(source: Pick<ModelSource, "protocol" | "module" | "exportName">): Promise<{ protocol: AnyProtocol; exportName?: string }> {
  if (source.module === undefined) return { protocol: shippedProtocol(source.protocol) };
  const known = loaded.get(keyOf(source.module, source.exportName));
  if (known !== undefined) return { protocol: known, exportName: source.exportName ?? "default" };
  let namespace: Record<string, unknown>;
  try {
    namespace = await importModule(source.module);
  } catch (e) {
    // A module that fails to load (missing, a syntax or type error at import) is the user's to fix: one line.
    throw new ConfigError(`cannot load ${source.module}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }
  const chosen = protocolExport(namespace, source.module, source.exportName);
  loaded.set(keyOf(source.module, chosen.exportName), chosen.protocol);
  if (source.exportName === undefined) loaded.set(keyOf(source.module, undefined), chosen.protocol);
  return chosen;
}

function shippedProtocol(name: string): AnyProtocol {
  const protocol = findProtocol(name);
  if (protocol === undefined) {
    throw new ConfigError(`unknown protocol "${name}" (known: ${protocols.map((p) => p.name).join(", ")}; or give a module file, e.g. ./my-protocol.ts)`);
  }
  return protocol;
}

/** Builds the model a source names; throws {@link ConfigError} for an unknown protocol or a bad config. */
export function buildModel(source: ModelSource): AnyModel {
  const protocol = source.module === undefined ? shippedProtocol(source.protocol) : loaded.get(keyOf(source.module, source.exportName));
  if (protocol === undefined) throw new Error(`the module ${source.module} is not loaded in this thread (loadProtocol first)`);
  return protocol.model(resolveOptions(protocol, source.options), source.variant);
}
