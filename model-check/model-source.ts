/**
 * A model named rather than held: protocol, options and variant. Worker
 * threads cannot receive functions, so a parallel search sends this and each
 * thread builds the same model from the registry.
 *
 * @module
 */
import type { AnyModel } from "../src/protocol.js";
import { ConfigError, resolveOptions } from "../src/protocol.js";
import { findProtocol, protocols } from "../src/registry.js";

/** Which model to build: a registered protocol, its options, and optionally a bug-zoo variant. */
export interface ModelSource {
  readonly protocol: string;
  /** Option values by flag; options left out take their defaults. */
  readonly options: Readonly<Record<string, number>>;
  readonly variant?: string;
}

/** Builds the model a source names; throws {@link ConfigError} for an unknown protocol or a bad config. */
export function buildModel(source: ModelSource): AnyModel {
  const protocol = findProtocol(source.protocol);
  if (protocol === undefined) {
    throw new ConfigError(`unknown protocol "${source.protocol}" (known: ${protocols.map((p) => p.name).join(", ")})`);
  }
  return protocol.model(resolveOptions(protocol, source.options), source.variant);
}
