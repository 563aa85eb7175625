/**
 * The contract every protocol twin implements, and the only thing the model
 * checker, the CLI and the TLC bridge know about a protocol.
 *
 * A protocol is instantiated for one validated config as a {@link Model}: a
 * transition system with initial states, a deterministic successor relation,
 * named invariants, a canonical state codec and conversions to and from the
 * TLA+ values of its spec's variables.
 *
 * @module
 */
import type { Transitions } from "./action-table.js";
import type { TlaValue } from "./tla/value.js";

/**
 * An action of a twin: a discriminated union member whose `type` is the exact
 * name of the TLA+ action and whose other fields are its parameters, plus the
 * witnesses of any existential quantifier in it, so that a step is a function.
 */
export interface TwinAction {
  readonly type: string;
}

/** A state predicate that must hold in every reachable state. */
export interface Invariant<S> {
  /** The name of the same invariant in the TLA+ spec. */
  readonly name: string;
  /** One line: what it says and why it should hold. */
  readonly description: string;
  holds(state: S): boolean;
}

/** A predicate on transitions (a `[][P]_vars` property), checked on every step the search takes. */
export interface ActionProperty<S, A extends TwinAction> {
  readonly name: string;
  readonly description: string;
  holds(state: S, action: A, next: S): boolean;
}

/**
 * A reachability goal (in the spirit of Stateright's `sometimes`): something
 * the configs that declare it must reach at least once, so that the
 * invariants whose antecedent it is are not vacuous there. Every search
 * reports each goal as witnessed (with the length of the behaviour that
 * first reached it, the shortest under breadth-first search) or not.
 *
 * A `state` goal is a state predicate; TLC confirms it by checking `~Goal`
 * as an invariant. A `step` goal is a predicate on one step; TLC confirms it
 * by checking `[][~Goal]_vars` as a property. Either way TLC must report its
 * violation at the depth the twin reports the witness.
 */
export type Witness<S, A extends TwinAction> =
  | {
      readonly kind: "state";
      /** The name of the goal's operator in the spec's model module. */
      readonly name: string;
      /** One line: what is reached, and which invariant it keeps from being vacuous. */
      readonly description: string;
      holds(state: S): boolean;
    }
  | {
      readonly kind: "step";
      readonly name: string;
      readonly description: string;
      holds(state: S, action: A, next: S): boolean;
    };

/**
 * A refinement the model claims: every behaviour of it, mapped state by
 * state, is a behaviour of the abstract model. The checker confirms that
 * the mapping of every initial state is an initial state of the abstract
 * model and that every transition maps to a step of the abstract model or
 * to a stutter (equal mapped states); the first transition that does
 * neither is reported as a violation of the property named `name`.
 */
export interface Refinement<S, T, B extends TwinAction> {
  /** The property's name in the spec, e.g. `RefinesTCommit`. */
  readonly name: string;
  readonly description: string;
  readonly abstract: Model<T, B>;
  /** The refinement mapping: the abstract state that `state` stands for. */
  map(state: S): T;
}

/**
 * A state constraint that bounds the search like TLC's `CONSTRAINT`: states
 * that violate it are counted and checked but not explored further.
 */
export interface StateConstraint<S> {
  readonly name: string;
  holds(state: S): boolean;
}

/**
 * A canonical encoding of states as 32-bit words: two states are equal exactly
 * when their encodings are equal word for word. The checker stores only
 * encodings and fingerprints of them; it decodes a state when it expands it.
 */
export interface StateCodec<S> {
  /** The most words {@link StateCodec.encode} ever writes for this config. */
  readonly maxWords: number;
  /** Writes the encoding of `state` at `out[offset...]` and returns how many words it wrote. */
  encode(state: S, out: Int32Array, offset: number): number;
  /** Rebuilds the state from `length` words at `words[offset...]`. */
  decode(words: Int32Array, offset: number, length: number): S;
}

/**
 * Opt-in symmetry reduction, like TLC's `SYMMETRY`: states that differ only by
 * a permutation of interchangeable identities (RMs, acceptors, servers,
 * values) are explored once, through a representative of their orbit.
 */
export interface Symmetry<S> {
  /** The spec's constants whose elements are permuted, e.g. `["RM"]`. */
  readonly sets: readonly string[];
  /**
   * The representative of the state's orbit: equal for two states exactly
   * when one is a permutation of the other.
   */
  representative(state: S): S;
}

/**
 * How an action reads in TLA+. TLC labels a step with the action's name and
 * the values of its formal parameters, e.g. `Phase1b(a1)`; the values the
 * twin chose for the action's existentials (the message `m` that `Phase1b`
 * answers) are witnesses, which TLC does not print.
 */
export interface TlaActionLabel {
  readonly name: string;
  /** The TLA+ operator's formal parameters and their values, in order. */
  readonly params: readonly (readonly [string, TlaValue])[];
  /** Values chosen for the action's existential quantifiers, by bound variable name. */
  readonly witnesses: readonly (readonly [string, TlaValue])[];
}

/**
 * The first part of the contract: a transition system, all that a search
 * needs (initial states, the successor relation, what to check, how to
 * store states). A protocol declared with `defineModel` gets every member
 * but the predicates from its declarations.
 */
export interface TransitionSystem<S, A extends TwinAction> {
  /** CLI name of the protocol, e.g. `twophase`. */
  readonly protocol: string;
  /** The config in words, e.g. `rm=3`. */
  readonly configLabel: string;

  /** The initial states, in a fixed order. */
  initialStates(): readonly S[];
  /**
   * Calls `visit` once for every enabled action of `state` and the state it
   * leads to, in a fixed order (servers, messages and values in order), so
   * that searches and stored paths replay exactly. Successors equal to
   * `state` (stuttering-like steps the spec allows) are visited too.
   */
  forEachSuccessor(state: S, visit: (action: A, next: S) => void): void;
  /** The state `action` leads to from `state`, or `undefined` when it is not enabled there. */
  step(state: S, action: A): S | undefined;
  /**
   * The action table and candidates that `step` and `forEachSuccessor` are
   * built from (see `action-table.ts`), for tools that need the actions one
   * by one: variants written by replacing an action, the spec map, coverage.
   */
  readonly transitions?: Transitions<S, A>;

  /** Invariants checked on every distinct state, in the spec's order. */
  readonly invariants: readonly Invariant<S>[];
  /** Action properties checked on every transition the search takes. */
  readonly actionProperties: readonly ActionProperty<S, A>[];
  /** The bound on the search, when the spec's model has one. */
  readonly constraint: StateConstraint<S> | undefined;
  /** Reachability goals every search reports on (see {@link Witness}); none when left out. */
  readonly witnesses?: readonly Witness<S, A>[];
  /** A refinement of an abstract model, checked on every transition (see {@link Refinement}). */
  readonly refinement?: Refinement<S, unknown, TwinAction>;

  readonly codec: StateCodec<S>;
  /** Symmetry reduction this model supports, if any. */
  readonly symmetry: Symmetry<S> | undefined;
}

/**
 * The second part: how states and actions read in TLA+. Traces, ITF and
 * TLA+ trace files and the contract check use the conversions; only the
 * TLC bridge needs {@link TlaBinding.tlcModel}, which a protocol without a
 * spec leaves out. `defineModel` derives everything else from the schema.
 */
export interface TlaBinding<S, A extends TwinAction> {
  /** The spec module this twin mirrors, e.g. `TwoPhase` (for a protocol without a spec, its name). */
  readonly tlaModule: string;
  /** The names of the spec's variables, in the spec's order. */
  readonly tlaVariables: readonly string[];
  /**
   * The model values that occur in states, each with the name of the
   * constant set it is an element of (`r1` → `RM`), for trace formats that
   * type them (ITF). Left out, they are read from the TLC config.
   */
  readonly modelValues?: ReadonlyMap<string, string>;

  /** The spec's variables as a record of TLA+ values, e.g. `[rmState |-> ..., msgs |-> ...]`. */
  toTla(state: S): TlaValue;
  /** The inverse of {@link TlaBinding.toTla}; throws `TlaShapeError` when the value is not a state of this config. */
  fromTla(value: TlaValue): S;
  /** The action as the spec names it. */
  actionLabel(action: A): TlaActionLabel;
  /**
   * The TLA+ module and TLC config text that describe this same model to TLC
   * (constants, bounds, invariants), so that any config can be cross-checked.
   * Only the TLC bridge needs it: a model without it is checked, simulated
   * and traced like any other.
   */
  tlcModel?(): TlcModel;
}

/** A protocol instantiated for one config: the transition system the checker explores, and its TLA+ binding. */
export interface Model<S, A extends TwinAction> extends TransitionSystem<S, A>, TlaBinding<S, A> {}

/** A model as TLC sees it: which module to check and with which config file. */
export interface TlcModel {
  /** The root module in `spec/`, e.g. `TwoPhase` or `MCRaft`. */
  readonly module: string;
  /** The text of the `.cfg` file. */
  readonly cfg: string;
  /**
   * The module in `spec/` that extends {@link TlcModel.module} with the
   * operators of the model's witness goals (one per goal, named as the goal),
   * for TLC to confirm each witness.
   */
  readonly goalsModule?: string;
  /** The definition TLC's `SYMMETRY` names for configs searched with symmetry reduction, e.g. `Symmetry`. */
  readonly symmetry?: string;
  /** The folder that holds {@link TlcModel.module} when it is not in tla-twin's own spec/ (a user's protocol). */
  readonly specDir?: string | URL;
}

/** The model values of the named constant sets, each with its set's name: a hand-written model's {@link TlaBinding.modelValues}. */
export function modelValueSetsOf(sets: Readonly<Record<string, readonly string[]>>): ReadonlyMap<string, string> {
  return new Map(Object.entries(sets).flatMap(([set, values]) => values.map((value) => [value, set] as const)));
}

/** The names `name(0) .. name(count - 1)`. */
export function namesOf(count: number, name: (i: number) => string): string[] {
  return Array.from({ length: count }, (_, i) => name(i));
}

/** Thrown when a model without a TLA+ binding is asked for what only TLC can do with one. */
export class NoTlaBindingError extends Error {
  override readonly name = "NoTlaBindingError";
}

/** The model's TLC binding, or a {@link NoTlaBindingError} saying that the bridge needs one. */
export function tlcModelOf(model: Pick<Model<unknown, TwinAction>, "protocol" | "tlcModel">): TlcModel {
  if (model.tlcModel === undefined) {
    throw new NoTlaBindingError(`${model.protocol} has no TLA+ binding (a spec module and TLC config: \`tla\` in defineModel), which TLC needs`);
  }
  return model.tlcModel();
}

/** An integer option of a protocol's config, as a CLI flag. */
export interface IntOption {
  /** Flag name without dashes, e.g. `rm`. */
  readonly flag: string;
  readonly description: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** A named config that the project ships (and cross-checks against TLC). */
export interface Preset {
  readonly name: string;
  /** Option values by flag; options left out take their defaults. */
  readonly options: Readonly<Record<string, number>>;
  /** Part of `npm run check`, the quick exhaustive run on every CI build. */
  readonly quick: boolean;
  /**
   * Why the TLC bridge does not cross-check this preset (too large for TLC
   * in reasonable time, or for the bridge's in-memory state graph): it then
   * gets no golden results and no live cross-check, and `npm run tlc:golden`
   * keeps whatever TLC counts `spec/manifest.json` records for it. Its `.cfg`
   * still ships, for running TLC on it directly.
   */
  readonly notCrossChecked?: string;
  /**
   * Search this preset with symmetry reduction (and TLC with `SYMMETRY`):
   * counts are of orbits on both sides, so the cross-check compares counts
   * and witness depths, not state sets.
   */
  readonly symmetry?: boolean;
  /** The witness goals this preset must reach; `check --all` fails when one is not witnessed. */
  readonly witnesses?: readonly string[];
  /** What the preset leaves out to stay small, in one sentence (for `tla-twin list` and docs). */
  readonly excludes?: string;
}

/** A deliberately broken version of a protocol, built from the reference through its public rules. */
export interface VariantInfo {
  readonly name: string;
  /** The mistake, in one sentence. */
  readonly description: string;
  /** The invariant (or property) that the checker must find broken. */
  readonly breaks: string;
  /**
   * Options (CLI flags) under which the mistake shows, where the quick
   * presets are too small for it; left out, the smallest quick preset shows it.
   */
  readonly exhibitedWith?: Readonly<Record<string, number>>;
  /**
   * The same mistake in TLA+: a module in `spec/` that extends the
   * protocol's TLC root module with the wrong version of the operator(s) the
   * variant changes, and the definition overrides (`Phase2a <-
   * IgnoreReportedValues_Phase2a`) that put them in place of the
   * reference's in a TLC config. `tla-twin zoo` shows what TLC reports.
   */
  readonly tlaVariant?: { readonly module: string; readonly overrides: readonly string[] };
  /**
   * Why no quick preset catches this variant, for a variant that is known
   * to need bigger bounds ({@link VariantInfo.exhibitedWith}); `tla-twin
   * zoo` fails on an uncaught variant without it.
   */
  readonly uncaughtInCi?: string;
}

/** Thrown for a config the user asked for that the protocol does not accept. */
export class ConfigError extends Error {
  override readonly name: string = "ConfigError";
}

/** A protocol: its options, shipped configs, variants, and a way to build models. */
export interface Protocol<S, A extends TwinAction> {
  /** CLI name, e.g. `twophase`. */
  readonly name: string;
  /** Human name, e.g. `Two-Phase Commit`. */
  readonly title: string;
  /** The spec module, e.g. `TwoPhase`. */
  readonly tlaModule: string;
  readonly options: readonly IntOption[];
  readonly presets: readonly Preset[];
  readonly variants: readonly VariantInfo[];
  /**
   * The model for fully resolved option values (every option present and in
   * range; see `resolveOptions`), optionally with a bug-zoo variant.
   */
  model(options: Readonly<Record<string, number>>, variant?: string): Model<S, A>;
}

/** A protocol seen from code that does not know its state type (the CLI, the registry). */
export type AnyProtocol = Protocol<unknown, TwinAction>;
/** A model seen from code that does not know its state type. */
export type AnyModel = Model<unknown, TwinAction>;

/**
 * Fills in defaults and checks every option against its range, so that a
 * model is only ever built from a valid config. Unknown options are errors.
 */
export function resolveOptions(
  protocol: { readonly name: string; readonly options: readonly IntOption[] },
  given: Readonly<Record<string, number>>,
): Record<string, number> {
  const resolved: Record<string, number> = {};
  for (const name of Object.keys(given)) {
    if (!protocol.options.some((o) => o.flag === name)) {
      const known = protocol.options.map((o) => `--${o.flag}`).join(", ");
      throw new ConfigError(`${protocol.name} has no option --${name} (its options: ${known || "none"})`);
    }
  }
  for (const option of protocol.options) {
    const value = given[option.flag] ?? option.default;
    if (!Number.isInteger(value) || value < option.min || value > option.max) {
      throw new ConfigError(
        `--${option.flag} must be an integer from ${option.min} to ${option.max} (${option.description}), got ${value}`,
      );
    }
    resolved[option.flag] = value;
  }
  return resolved;
}

/** The resolved option values of the protocol's preset `name`, or a {@link ConfigError} that lists its presets. */
export function presetOptions(
  protocol: { readonly name: string; readonly options: readonly IntOption[]; readonly presets: readonly Preset[] },
  name: string,
): Record<string, number> {
  const preset = protocol.presets.find((p) => p.name === name);
  if (preset === undefined) {
    throw new ConfigError(`${protocol.name} has no preset "${name}" (its presets: ${protocol.presets.map((p) => p.name).join(", ") || "none"})`);
  }
  return resolveOptions(protocol, preset.options);
}

/**
 * The variant called `name` among a protocol's variants, or a
 * {@link ConfigError} that lists the ones there are.
 */
export function findVariant<V extends VariantInfo>(protocol: string, variants: readonly V[], name: string): V {
  const found = variants.find((v) => v.name === name);
  if (found === undefined) {
    const names = variants.map((v) => v.name).join(", ") || "none";
    throw new ConfigError(`${protocol} has no variant "${name}" (its variants: ${names})`);
  }
  return found;
}
