/**
 * An action's parameters, declared: each ranges over a finite schema (every
 * value of it) or over values read from the state (the witness of an
 * existential such as `\E m \in msgs`), so that the candidate actions of a
 * state are enumerated, never hand-unrolled.
 *
 * @module
 */
import type { Schema } from "../schema/schema.js";

/**
 * The parameters declared before a {@link FromState} one, by name, as its
 * `values` function sees them (untyped: a declaration order is not a type).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EarlierParams = Readonly<Record<string, any>>;

/**
 * A parameter whose values come from the state: the TLA+ action's
 * existential (`\E m \in msgs : Receive(m)`). `schema` gives its TLA+ form
 * for labels; `values` lists the candidates in a fixed order, and may
 * depend on the parameters declared before it (`\E m \in Q1b(b, Q)`).
 */
export interface FromState<S, V> {
  readonly kind: "from-state";
  readonly schema: Schema<V>;
  values(state: S, earlier: EarlierParams): Iterable<V>;
}

/** A parameter whose values are read from the state, e.g. `from(Message, (s) => s.msgs)`. */
export function from<S, V>(schema: Schema<V>, values: (state: S, earlier: EarlierParams) => Iterable<V>): FromState<S, V> {
  return { kind: "from-state", schema, values };
}

/** What a parameter ranges over. */
// A parameter map holds schemas of different value types; Schema is invariant in it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ParamDomain<S> = Schema<any> | FromState<S, any>;

/** The values of declared parameters, by name. */
export type ParamValues<P> = {
  readonly [K in keyof P]: P[K] extends Schema<infer V> ? V : P[K] extends FromState<unknown, infer V> ? V : never;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function isFromState<S>(domain: ParamDomain<S>): domain is FromState<S, any> {
  return (domain as FromState<S, unknown>).kind === "from-state";
}

/**
 * Calls `visit` with every assignment of the parameters, the first
 * parameter varying slowest, each over its values in order. An empty
 * parameter map has one assignment, the empty one.
 */
export function forEachAssignment<S>(
  state: S,
  names: readonly string[],
  domains: readonly ParamDomain<S>[],
  visit: (values: Record<string, unknown>) => void,
): void {
  const values: Record<string, unknown> = {};
  const next = (i: number): void => {
    if (i === names.length) {
      visit({ ...values });
      return;
    }
    const domain = domains[i]!;
    if (isFromState(domain)) {
      for (const value of domain.values(state, values)) {
        values[names[i]!] = value;
        next(i + 1);
      }
    } else {
      const finite = domain.finite;
      if (finite === undefined) throw new TypeError(`parameter ${names[i]} ranges over ${domain.description}, which is not finite`);
      for (let k = 0; k < finite.size; k++) {
        values[names[i]!] = finite.valueAt(k);
        next(i + 1);
      }
    }
  };
  next(0);
}
