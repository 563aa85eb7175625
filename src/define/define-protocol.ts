/**
 * `defineProtocol`: a protocol (options, shipped configs, bug variants) from
 * a function that declares its model for given option values. What it
 * returns is a {@link Protocol} like the shipped ones: the CLI, the
 * checker and the package API take it as they take Raft.
 *
 * @module
 */
import type { IntOption, Preset, Protocol, VariantInfo } from "../protocol.js";
import { ConfigError, findVariant } from "../protocol.js";
import { type ActionOf, type ActionSpecs, type DefinedModel, type ModelDefinition, defineModel } from "./define-model.js";

/** An integer option of the protocol's config (a CLI flag). */
export interface OptionSpec {
  readonly description: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** A deliberate change of the model (a bug to catch, or a change to try), as a function of its declarations. */
export interface VariantSpec<D> extends Omit<VariantInfo, "name" | "tlaVariant"> {
  /** The changed declarations, given the reference's and the option values they were made for. */
  change(definition: D, options: Readonly<Record<string, number>>): D;
}

/** What a protocol is declared with. */
export interface ProtocolDefinition<S, Acts extends ActionSpecs<S>> {
  /** The CLI name, e.g. `peterson`. */
  readonly name: string;
  /** Its name in words; the CLI name when left out. */
  readonly title?: string;
  /** The spec module, when there is one; the CLI name otherwise. */
  readonly tlaModule?: string;
  /** Integer options by flag name (without dashes). */
  readonly options?: Readonly<Record<string, OptionSpec>>;
  readonly presets?: readonly Preset[];
  readonly variants?: Readonly<Record<string, VariantSpec<ModelDefinition<S, Acts>>>>;
  /**
   * The model for fully resolved option values (each present and in
   * range), made with {@link defineModel}; its name and label are the
   * protocol's and the options'.
   */
  model(options: Readonly<Record<string, number>>): DefinedModel<S, Acts>;
}

/** A protocol made by {@link defineProtocol}: its models keep their declarations. */
export interface DefinedProtocol<S, Acts extends ActionSpecs<S>> extends Protocol<S, ActionOf<Acts>> {
  model(options: Readonly<Record<string, number>>, variant?: string): DefinedModel<S, Acts>;
}

/** The protocol these declarations describe. */
export function defineProtocol<S, Acts extends ActionSpecs<S>>(definition: ProtocolDefinition<S, Acts>): DefinedProtocol<S, Acts> {
  const options: IntOption[] = Object.entries(definition.options ?? {}).map(([flag, o]) => ({ flag, ...o }));
  const variants = Object.entries(definition.variants ?? {}).map(([name, v]) => ({ name, ...v }));
  return {
    name: definition.name,
    title: definition.title ?? definition.name,
    tlaModule: definition.tlaModule ?? definition.name,
    options,
    presets: definition.presets ?? [],
    variants: variants.map(({ change: _change, ...info }) => info),
    model(values, variant) {
      const base = definition.model(values).definition;
      const chosen = variant === undefined ? undefined : findVariant(definition.name, variants, variant);
      const declared = chosen === undefined ? base : chosen.change(base, values);
      const label = declared.label ?? options.map((o) => `${o.flag}=${values[o.flag]}`).join(", ");
      const model = defineModel({ ...declared, name: definition.name, label });
      if (chosen !== undefined) {
        const properties = [...model.invariants, ...model.actionProperties, ...(model.refinement === undefined ? [] : [model.refinement])].map((p) => p.name);
        if (!properties.includes(chosen.breaks)) {
          throw new ConfigError(`variant ${chosen.name} says it breaks ${chosen.breaks}, which is not an invariant or action property of ${definition.name} (${properties.join(", ") || "none"})`);
        }
      }
      return model;
    },
  };
}
