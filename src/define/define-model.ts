/**
 * `defineModel`: a model from declarations. The state is a schema (its
 * codec, TLA+ form and symmetry are derived), the actions are a table of
 * step functions with declared parameters (the candidates, `step`, labels
 * and variants come from it), and invariants are named predicates.
 *
 * @module
 */
import { type ActionTable, fixedThen, stepThrough, successorsThrough } from "../action-table.js";
import type {
  ActionProperty,
  Invariant,
  Model,
  Refinement,
  StateCodec,
  StateConstraint,
  TlaActionLabel,
  TlcModel,
  TwinAction,
  Witness,
} from "../protocol.js";
import { codecOf, symmetryOf } from "../schema/derive.js";
import { type Schema, SchemaError, modelValuesOf } from "../schema/schema.js";
import { type TlaValue, TlaShapeError } from "../tla/value.js";
import { type FromState, type ParamDomain, type ParamValues, forEachAssignment, isFromState } from "./params.js";

/** One action: its parameters and what it does (the state it leads to, or `undefined` when it is not enabled). */
export interface ActionSpec<S, P extends Readonly<Record<string, ParamDomain<S>>>> {
  readonly params?: P;
  /** One line: what the action does, for docs and the spec map. */
  readonly description?: string;
  step(state: S, params: ParamValues<P>): S | undefined;
}

/** A model's actions by name, in the order their candidates are tried. */
// Each action has its own parameter types; a map of them needs `any` there.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionSpecs<S> = Readonly<Record<string, ActionSpec<S, any>>>;

/** The parameter declarations of an action spec. */
export type ParamsOf<X> = X extends ActionSpec<infer _S, infer P> ? P : never;

/** The action type of a model with these actions: `{ type: name, ...parameters }`. */
export type ActionOf<Acts> = {
  [K in keyof Acts & string]: { readonly type: K } & ParamValues<ParamsOf<Acts[K]>>;
}[keyof Acts & string];

/** A named predicate, with the one line that says what it means. */
export interface Predicate<Args extends unknown[]> {
  readonly description: string;
  holds(...args: Args): boolean;
}

/** What a model is declared with. Only `state`, `init` and `actions` are required. */
export interface ModelDefinition<S, Acts extends ActionSpecs<S>> {
  /** The protocol's name, for messages (set by `defineProtocol`); `model` when left out. */
  readonly name?: string;
  /** The config in words, e.g. `procs=2`. */
  readonly label?: string;
  /** The state: a `record` schema whose fields are the spec's variables. */
  readonly state: Schema<S>;
  readonly init: readonly NoInfer<S>[];
  readonly actions: Acts;
  /** Invariants by name (the spec's names), in the order they are checked. */
  readonly invariants?: Readonly<Record<string, Predicate<[S]>>>;
  /** Properties of each step (`[][P]_vars`), by name. */
  readonly actionProperties?: Readonly<Record<string, Predicate<[S, ActionOf<Acts>, S]>>>;
  /** States to reach at least once (so that the invariants they guard are not vacuous), by name. */
  readonly witnesses?: Readonly<Record<string, Predicate<[S]>>>;
  /** States for which this holds are checked but not explored further (TLC's `CONSTRAINT`). */
  readonly constraint?: (state: S) => boolean;
  /** The `ids` sets whose elements are interchangeable: searched with `--symmetry`, one state per orbit. */
  readonly symmetry?: readonly string[];
  readonly refinement?: Refinement<S, unknown, TwinAction>;
  /** A hand-written codec, where the derived one is too slow; it must be canonical (the contract check tests it). */
  readonly codec?: StateCodec<S>;
  /** The TLA+ spec this model mirrors, for the TLC bridge: without it, everything but the bridge works. */
  readonly tla?: SpecDeclaration;
}

/** How a model is named to TLC: its spec module and the config file's text. */
export interface SpecDeclaration {
  /** The module (a file `<module>.tla` in the spec folder). */
  readonly module: string;
  /** The TLC config that describes the same model (constants, invariants, bounds). */
  readonly cfg?: string;
  /** The module that defines each witness goal as an operator of its name (it may be `module` itself). */
  readonly goalsModule?: string;
  /** The definition TLC's `SYMMETRY` names, for searches with symmetry. */
  readonly symmetry?: string;
  /** The folder of the `.tla` files: a path, or a URL such as `new URL(".", import.meta.url)`. */
  readonly specDir: string | URL;
}

/** A model built from declarations, with the declarations kept for tools and variants. */
export type DefinedModel<S, Acts extends ActionSpecs<S>> = Model<S, ActionOf<Acts>> & {
  readonly definition: ModelDefinition<S, Acts>;
};

function named<Args extends unknown[]>(predicates: Readonly<Record<string, Predicate<Args>>> | undefined) {
  return Object.entries(predicates ?? {}).map(([name, p]) => ({ name, description: p.description, holds: p.holds.bind(p) }));
}

/**
 * The model these declarations describe, for protocol `protocol`. Its
 * candidates are the actions in declaration order, each over every
 * assignment of its parameters (the first varying slowest); an action whose
 * parameters are all schemas has a fixed candidate list, built once.
 */
export function defineModel<S, Acts extends ActionSpecs<S>>(definition: ModelDefinition<S, Acts>): DefinedModel<S, Acts> {
  type A = ActionOf<Acts>;
  const protocol = definition.name ?? "model";
  const { state: schema } = definition;
  const variables = schema.fieldNames;
  if (variables === undefined) throw new SchemaError(`the state of ${protocol} must be a record schema (its fields are the variables), not ${schema.description}`);
  if (definition.init.length === 0) throw new SchemaError(`${protocol} has no initial state`);
  // Each initial state must be a value of the schema: said here, naming the field, rather than by the first step that trips on it.
  const scratch = new Int32Array(schema.maxWords);
  definition.init.forEach((state, i) => {
    try {
      schema.write(state, scratch, 0);
    } catch (e) {
      if (e instanceof SchemaError) throw new SchemaError(`initial state ${i + 1} of ${protocol}: ${e.message}`);
      throw e;
    }
  });

  const kinds = Object.keys(definition.actions);
  const table: Record<string, (state: S, action: A) => S | undefined> = {};
  // The candidates: the actions whose parameters are all schemas are the same in every state, listed once
  // (while no action with a parameter read from the state comes before them); the others are enumerated per state.
  const fixed: A[] = [];
  const enumerators: ((state: S, visit: (action: A) => void) => void)[] = [];
  const labels = new Map<string, (action: A) => TlaActionLabel>();
  // Each action's parameters read from the state, which `step` must find among the values the state offers.
  const witnessParams = new Map<string, [string, FromState<S, unknown>][]>();
  for (const type of kinds) {
    const spec = definition.actions[type]!;
    const params: Readonly<Record<string, ParamDomain<S>>> = spec.params ?? {};
    const names = Object.keys(params);
    const domains = names.map((name) => params[name]!);
    table[type] = (state, action) => spec.step(state, action as never);
    witnessParams.set(type, names.flatMap((name, i) => (isFromState(domains[i]!) ? [[name, domains[i]!] as [string, FromState<S, unknown>]] : [])));
    if (domains.some(isFromState)) {
      enumerators.push((state, visit) => forEachAssignment(state, names, domains, (values) => visit({ type, ...values } as unknown as A)));
    } else {
      const actions: A[] = [];
      forEachAssignment(undefined as S, names, domains, (values) => actions.push(Object.freeze({ type, ...values }) as unknown as A));
      if (enumerators.length === 0) fixed.push(...actions);
      else enumerators.push((_state, visit) => actions.forEach((action) => visit(action)));
    }
    labels.set(type, (action) => {
      const label: { params: [string, TlaValue][]; witnesses: [string, TlaValue][] } = { params: [], witnesses: [] };
      names.forEach((name, i) => {
        const domain = domains[i]!;
        const value = (action as unknown as Record<string, unknown>)[name];
        if (isFromState(domain)) label.witnesses.push([name, domain.schema.toTla(value)]);
        else label.params.push([name, domain.toTla(value)]);
      });
      return { name: type, ...label };
    });
  }
  const rest = enumerators.length === 0 ? undefined : (state: S, visit: (action: A) => void): void => enumerators.forEach((enumerate) => enumerate(state, visit));
  const actionTable = table as unknown as ActionTable<S, A>;
  const transitions = { table: actionTable, candidates: fixedThen(fixed, rest) };
  const dispatch = stepThrough(actionTable);
  const codec = definition.codec ?? codecOf(schema);

  return {
    protocol,
    configLabel: definition.label ?? "",
    tlaModule: definition.tla?.module ?? protocol,
    tlaVariables: variables,
    initialStates: () => definition.init,
    forEachSuccessor: successorsThrough(transitions),
    step(state, action) {
      // A parameter read from the state must be one of the values it offers there, as in `\E m \in msgs`.
      const witnesses = witnessParams.get(action.type);
      if (witnesses === undefined) return undefined;
      const given = action as unknown as Record<string, unknown>;
      for (const [name, domain] of witnesses) {
        if (![...domain.values(state, given)].some((value) => sameValue(domain.schema, value, given[name]))) return undefined;
      }
      return dispatch(state, action);
    },
    transitions,
    invariants: named(definition.invariants) as Invariant<S>[],
    actionProperties: named(definition.actionProperties) as ActionProperty<S, A>[],
    witnesses: named(definition.witnesses).map((w): Witness<S, A> => ({ kind: "state", ...w })),
    constraint: definition.constraint === undefined ? undefined : ({ name: "Constraint", holds: definition.constraint } satisfies StateConstraint<S>),
    ...(definition.refinement === undefined ? {} : { refinement: definition.refinement }),
    codec,
    symmetry: definition.symmetry === undefined || definition.symmetry.length === 0 ? undefined : symmetryOf(schema, definition.symmetry),
    modelValues: modelValuesOf(schema),
    toTla: (state) => schema.toTla(state),
    fromTla: (value) => {
      try {
        return schema.fromTla(value);
      } catch (e) {
        if (e instanceof SchemaError) throw new TlaShapeError(e.message);
        throw e;
      }
    },
    actionLabel: (action) => labels.get(action.type)!(action),
    ...(definition.tla === undefined ? {} : { tlcModel: () => bindingToTlcModel(protocol, definition.tla!) }),
    definition,
  };
}

function bindingToTlcModel(protocol: string, binding: SpecDeclaration): TlcModel {
  if (binding.cfg === undefined) throw new SchemaError(`${protocol} names the module ${binding.module} but no TLC config (tla.cfg)`);
  return {
    module: binding.module,
    cfg: binding.cfg,
    specDir: binding.specDir,
    ...(binding.goalsModule === undefined ? {} : { goalsModule: binding.goalsModule }),
    ...(binding.symmetry === undefined ? {} : { symmetry: binding.symmetry }),
  };
}

function sameValue<V>(schema: Schema<V>, a: V, b: unknown): boolean {
  const words = new Int32Array(schema.maxWords * 2);
  try {
    const end = schema.write(a, words, 0);
    const end2 = schema.write(b as V, words, end);
    if (end2 - end !== end) return false;
    for (let i = 0; i < end; i++) if (words[i] !== words[end + i]) return false;
    return true;
  } catch (e) {
    if (e instanceof SchemaError) return false;
    throw e;
  }
}

/**
 * An action builder for models whose state is `_state`: `action({ p: Proc },
 * (s, { p }) => ...)` types the step's state and parameters from the
 * schemas, and `action((s) => ...)` declares an action without parameters.
 */
export function actionsOn<S>(_state: Schema<S>) {
  function action<const P extends Readonly<Record<string, ParamDomain<S>>>>(
    params: P,
    step: (state: S, params: ParamValues<P>) => S | undefined,
    description?: string,
  ): ActionSpec<S, P>;
  function action(step: (state: S) => S | undefined, description?: string): ActionSpec<S, Record<string, never>>;
  function action(
    first: Readonly<Record<string, ParamDomain<S>>> | ((state: S) => S | undefined),
    second?: ((state: S, params: never) => S | undefined) | string,
    third?: string,
  ): ActionSpec<S, Readonly<Record<string, ParamDomain<S>>>> {
    const description = typeof first === "function" ? (second as string | undefined) : third;
    const step = (typeof first === "function" ? first : second) as (state: S, params: unknown) => S | undefined;
    return { params: typeof first === "function" ? {} : first, step, ...(description === undefined ? {} : { description }) };
  }
  return action;
}
