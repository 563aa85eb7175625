/**
 * The configs the bridge cross-checks: every preset of every registered
 * protocol that ships a TLC config in `spec/`.
 *
 * @module
 */
import { type AnyProtocol, type Preset, resolveOptions } from "../../src/protocol.js";
import { protocols } from "../../src/registry.js";
import { type CrossCheckTarget, presetCfgFile } from "./crosscheck.js";

/** A shipped preset with its config file (undefined when spec/ has none for it). */
export interface ShippedPreset {
  readonly target: CrossCheckTarget;
  readonly cfg: string | undefined;
  readonly quick: boolean;
  /** Why the bridge does not cross-check it (see {@link Preset.notCrossChecked}), or undefined. */
  readonly notCrossChecked: string | undefined;
}

/** Every preset of the given protocols (all registered ones by default), in registry order. */
export function shippedPresets(among: readonly AnyProtocol[] = protocols): ShippedPreset[] {
  return among.flatMap((protocol) =>
    protocol.presets.map((preset) => {
      const options = resolveOptions(protocol, preset.options);
      return {
        target: { protocol, options, preset: preset.name, model: protocol.model(options) },
        cfg: presetCfgFile(protocol, preset.name),
        quick: preset.quick,
        notCrossChecked: preset.notCrossChecked,
      };
    }),
  );
}
