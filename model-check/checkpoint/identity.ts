/**
 * Which search a checkpoint belongs to: the model (protocol, config,
 * variant), the settings that change the state space or what is checked on
 * it (symmetry, refinement, deadlock), and the code that wrote it. A
 * snapshot resumes only a search with the same identity; the first field
 * that differs is named, with both values.
 *
 * The depth bound is not part of the identity: a snapshot taken within
 * levels 1 .. B-1 is a state of every search bounded at B or beyond, so a
 * bounded search may be resumed deeper (see `checkDepthBound`).
 *
 * @module
 */
import type { AnyModel } from "../../src/protocol.js";
import type { ModelSource } from "../model-source.js";
import { codeVersion } from "./code-version.js";

/** The search a snapshot belongs to. */
export interface CheckpointIdentity {
  readonly protocol: string;
  readonly configLabel: string;
  /** Every option of the protocol, resolved (defaults filled in), by flag. */
  readonly options: Readonly<Record<string, number>>;
  readonly variant: string | null;
  readonly symmetry: boolean;
  readonly refinement: boolean;
  readonly checkDeadlock: boolean;
  /** See {@link codeVersion}. */
  readonly codeVersion: string;
}

/** The identity fields in the order they are compared: the model first, the code last. */
const fieldOrder: readonly (keyof CheckpointIdentity)[] = [
  "protocol",
  "configLabel",
  "options",
  "variant",
  "symmetry",
  "refinement",
  "checkDeadlock",
  "codeVersion",
];

/** The search settings that enter the identity. */
export interface IdentitySettings {
  readonly symmetry?: boolean;
  readonly refinement?: boolean;
  readonly checkDeadlock: boolean;
}

/** The identity of a search of `model`, built from `source` with `settings`. */
export function searchIdentity(model: AnyModel, source: ModelSource, settings: IdentitySettings): CheckpointIdentity {
  return {
    protocol: model.protocol,
    configLabel: model.configLabel,
    options: sortedOptions(source.options),
    variant: source.variant ?? null,
    symmetry: settings.symmetry === true,
    refinement: settings.refinement === true,
    checkDeadlock: settings.checkDeadlock,
    codeVersion: codeVersion(),
  };
}

/**
 * The first field in which a checkpoint's identity differs from this
 * search's, in words (`variant is "x" in the checkpoint, none here`), or
 * undefined when they are the same search.
 */
export function firstDifference(checkpoint: CheckpointIdentity, here: CheckpointIdentity): string | undefined {
  for (const field of fieldOrder) {
    const theirs = describe(field, checkpoint[field]);
    const ours = describe(field, here[field]);
    if (theirs !== ours) return `${field} is ${theirs} in the checkpoint, ${ours} here`;
  }
  return undefined;
}

function describe(field: keyof CheckpointIdentity, value: unknown): string {
  if (field === "options" && typeof value === "object" && value !== null) {
    return Object.entries(sortedOptions(value as Record<string, number>))
      .map(([k, v]) => `--${k} ${v}`)
      .join(" ");
  }
  if (field === "variant" && value === null) return "none";
  if (typeof value === "boolean") return value ? "on" : "off";
  return JSON.stringify(value) ?? "missing";
}

function sortedOptions(options: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
