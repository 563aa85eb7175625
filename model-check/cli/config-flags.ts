/**
 * The flags that choose a config of a protocol (its options, `--preset`,
 * `--variant`), shared by the commands that build one model from them.
 *
 * @module
 */
import type { AnyModel, AnyProtocol } from "../../src/protocol.js";
import { ConfigError, presetOptions, resolveOptions } from "../../src/protocol.js";
import type { FlagSpec, Flags } from "./args.js";
import { UsageError } from "./usage-error.js";

/** The protocol's options as int flags, then (when it has them) `--preset` and `--variant`. */
export function configFlags(protocol: AnyProtocol): FlagSpec[] {
  return [
    ...protocol.options.map(
      (o): FlagSpec => ({ name: o.flag, kind: "int", description: o.description, min: o.min, max: o.max }),
    ),
    ...(protocol.presets.length > 0 ? [{ name: "preset", kind: "choice", description: "a shipped config", choices: protocol.presets.map((p) => p.name) } as const] : []),
    ...(protocol.variants.length > 0
      ? [{ name: "variant", kind: "choice", description: "a bug-zoo variant", choices: protocol.variants.map((v) => v.name) } as const]
      : []),
  ];
}

/** The config the flags choose and its model; a config the protocol rejects is a usage error. */
export interface ChosenConfig {
  readonly options: Record<string, number>;
  readonly variant: string | undefined;
  readonly model: AnyModel;
}

/** The option values the flags give, resolved (defaults for the rest), and the preset they came from if any. */
export function chosenOptions(protocol: AnyProtocol, flags: Flags): { readonly options: Record<string, number>; readonly preset: string | undefined } {
  const preset = flags.text("preset");
  const given: Record<string, number> = {};
  for (const option of protocol.options) {
    const value = flags.int(option.flag);
    if (value !== undefined) given[option.flag] = value;
  }
  // A preset is a whole config: mixing it with options would silently run neither.
  if (preset !== undefined && Object.keys(given).length > 0) {
    throw new UsageError(`give either --preset or the options (${Object.keys(given).map((k) => `--${k}`).join(", ")}), not both`);
  }
  const options = toUsage(() => (preset === undefined ? resolveOptions(protocol, given) : presetOptions(protocol, preset)));
  return { options, preset };
}

/** Reads the flags of {@link configFlags}: a preset, or options (defaults for the rest), and a variant. */
export function chosenConfig(protocol: AnyProtocol, flags: Flags): ChosenConfig {
  const { options } = chosenOptions(protocol, flags);
  const variant = flags.text("variant");
  const model = toUsage(() => protocol.model(options, variant));
  return { options, variant, model };
}

/** Turns a config error into a usage error (exit 2). */
function toUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}
