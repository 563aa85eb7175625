/**
 * Hand-built states that break, and states that satisfy, each invariant and
 * each action property of each protocol, and the checks that keep them
 * honest. An auditor's demand: every property is exercised both ways by a
 * state one can read, and replacing any invariant's `holds` by `() => true`
 * makes a check fail (test/support/mutate-invariants.ts shows it).
 *
 * A protocol's fixtures live in `invariant-fixtures-<protocol>.ts` and are
 * listed in {@link allInvariantFixtures}. The checks are plain functions
 * that return results rather than assert, so that the vitest suite
 * (test/model-check/invariant-fixtures.test.ts) and the mutation script can
 * both count what fails.
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import type { Model, TwinAction } from "../../src/protocol.js";
import { projectRoot } from "../../model-check/project-root.js";
import { TlaShapeError } from "../../src/tla/value.js";
import { paxosInvariantFixtures } from "./invariant-fixtures-paxos.js";
import { raftInvariantFixtures } from "./invariant-fixtures-raft.js";
import { twoPhaseInvariantFixtures } from "./invariant-fixtures-twophase.js";

/** One hand-built state, and what makes it break or satisfy the property. */
export interface StateCase<S> {
  /** What is wrong (or right) in the state, in a few words: the title of its test. */
  readonly what: string;
  /** Why that breaks (or satisfies) the property, citing the spec's lines. */
  readonly why: string;
  readonly state: S;
  /**
   * The other invariants of the model that this state breaks, by name; the
   * checks demand exactly these (and, for a breaking case, the invariant
   * the case belongs to) to be false. Left out: none.
   */
  readonly alsoBreaks?: readonly string[];
}

/** One hand-built transition `[state, action, next]`, and what makes it break or satisfy the property. */
export interface TransitionCase<S, A> {
  readonly what: string;
  readonly why: string;
  readonly transition: readonly [S, A, S];
  /** The other action properties this transition breaks, by name. Left out: none. */
  readonly alsoBreaks?: readonly string[];
}

/** The fixtures of one invariant. */
export interface InvariantFixture<S> {
  /** Where the spec defines it, `spec/<Module>.tla:<line>`; the line starts with `<Name> ==`. */
  readonly spec: string;
  readonly breaks: readonly StateCase<S>[];
  readonly holds: readonly StateCase<S>[];
  /**
   * Set for the type invariant (TypeOK): why a state that breaks it is not
   * a state of the config's type. Such states (and any other case that
   * lists this invariant in `alsoBreaks`) skip the codec round trip, and
   * the TLA+ bridge must refuse them or give back a different state.
   */
  readonly outsideType?: string;
}

/** The fixtures of one action property. */
export interface ActionPropertyFixture<S, A> {
  readonly spec: string;
  readonly breaks: readonly TransitionCase<S, A>[];
  readonly holds: readonly TransitionCase<S, A>[];
}

/** Every invariant's and every action property's fixtures for one protocol, in one config. */
export interface InvariantFixtures<S, A extends TwinAction> {
  readonly protocol: string;
  /** The model (one config) whose invariants the fixtures exercise; every fixture state is of its type. */
  readonly model: Model<S, A>;
  /** By invariant name: exactly the names of `model.invariants`. */
  readonly invariants: Readonly<Record<string, InvariantFixture<S>>>;
  /** By property name: exactly the names of `model.actionProperties`. */
  readonly actionProperties: Readonly<Record<string, ActionPropertyFixture<S, A>>>;
}

/** Fixtures seen from code that does not know the state type. */
export type AnyInvariantFixtures = InvariantFixtures<unknown, TwinAction>;

/**
 * The fixtures of every protocol, in the order of src/registry.ts. A
 * protocol joins by exporting a `<protocol>InvariantFixtures()` from its
 * own `invariant-fixtures-<protocol>.ts` and being added here.
 */
export function allInvariantFixtures(): readonly AnyInvariantFixtures[] {
  return [
    twoPhaseInvariantFixtures() as unknown as AnyInvariantFixtures,
    paxosInvariantFixtures() as unknown as AnyInvariantFixtures,
    raftInvariantFixtures() as unknown as AnyInvariantFixtures,
  ];
}

// ---------------------------------------------------------------------------
// Checks.

/**
 * What a check looks at: `coverage` (each property has fixtures both ways),
 * `spec` (the cited line defines the property), `breaks` / `holds` (the
 * property's own verdict on a case), `others` (exactly the listed other
 * properties are broken too), `codec` and `tla` (the state round-trips, so
 * it is a state of the config's type; for a state outside the type, `tla`
 * demands the bridge refuse it).
 */
export type FixtureCheckKind = "coverage" | "spec" | "breaks" | "holds" | "others" | "codec" | "tla";

export interface FixtureCheck {
  readonly protocol: string;
  /** The invariant or action property the check is about. */
  readonly property: string;
  readonly kind: FixtureCheckKind;
  /** The case's `what`, or empty for checks of the whole fixture. */
  readonly case: string;
  readonly ok: boolean;
  /** One line: what was checked and, when it failed, what was found. */
  readonly detail: string;
}

/** The checks that failed, one line each (an empty list when all passed). */
export function failures(checks: readonly FixtureCheck[]): string[] {
  return checks.filter((c) => !c.ok).map((c) => `${c.protocol} ${c.property} [${c.kind}] ${c.case}: ${c.detail}`);
}

/** The model with invariant `name`'s `holds` replaced (a wrapper; the twin is untouched). */
export function withInvariantReplaced<S, A extends TwinAction>(
  model: Model<S, A>,
  name: string,
  holds: (state: S) => boolean,
): Model<S, A> {
  return { ...model, invariants: model.invariants.map((i) => (i.name === name ? { ...i, holds } : i)) };
}

/** The model with action property `name`'s `holds` replaced. */
export function withActionPropertyReplaced<S, A extends TwinAction>(
  model: Model<S, A>,
  name: string,
  holds: (state: S, action: A, next: S) => boolean,
): Model<S, A> {
  return { ...model, actionProperties: model.actionProperties.map((p) => (p.name === name ? { ...p, holds } : p)) };
}

/** Names of the predicates that are false (or throw) on the arguments. */
function falseOnes<P extends { readonly name: string }>(properties: readonly P[], holds: (p: P) => boolean): string[] {
  return properties
    .filter((p) => {
      try {
        return !holds(p);
      } catch {
        return true;
      }
    })
    .map((p) => p.name);
}

function sameNames(found: readonly string[], expected: readonly string[]): boolean {
  return found.length === expected.length && found.every((n) => expected.includes(n));
}

function list(names: readonly string[]): string {
  return names.length === 0 ? "none" : names.join(", ");
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Whether the cited `spec/<file>:<line>` defines `name` (the line starts with `name ==`). */
function citesDefinition(root: string, spec: string, name: string): { ok: boolean; detail: string } {
  const cited = /^(spec\/[A-Za-z_]+\.tla):([1-9][0-9]*)$/.exec(spec);
  if (cited === null) return { ok: false, detail: `"${spec}" is not of the form spec/<Module>.tla:<line>` };
  let lines: string[];
  try {
    lines = readFileSync(`${root}/${cited[1]}`, "utf8").split("\n");
  } catch (e) {
    return { ok: false, detail: `cannot read ${cited[1]}: ${message(e)}` };
  }
  const line = lines[Number(cited[2]) - 1] ?? "";
  const ok = new RegExp(`^${name}\\b.*==`).test(line);
  return { ok, detail: ok ? `${spec} defines ${name}` : `${spec} reads "${line.trim()}", not the definition of ${name}` };
}

/**
 * Every check of one protocol's fixtures against `model` (the fixtures' own
 * model unless given, e.g. a mutated one). Pure apart from reading the
 * cited spec files; never throws for a wrong fixture, it fails a check.
 */
export function checkInvariantFixtures<S, A extends TwinAction>(
  fixtures: InvariantFixtures<S, A>,
  model: Model<S, A> = fixtures.model,
): FixtureCheck[] {
  const checks: FixtureCheck[] = [];
  const { protocol } = fixtures;
  const root = projectRoot();
  const record = (property: string, kind: FixtureCheckKind, what: string, ok: boolean, detail: string) =>
    checks.push({ protocol, property, kind, case: what, ok, detail });

  const codecRoundTrip = (property: string, what: string, label: string, s: S) => {
    try {
      const out = new Int32Array(model.codec.maxWords);
      const n = model.codec.encode(s, out, 0);
      const back = model.codec.decode(out, 0, n);
      const again = new Int32Array(model.codec.maxWords);
      const m = model.codec.encode(back, again, 0);
      const ok = n <= model.codec.maxWords && isDeepStrictEqual(back, s) && m === n && isDeepStrictEqual(again, out);
      record(property, "codec", what, ok, ok ? `${label} encodes and decodes to itself` : `${label} does not survive encode/decode`);
    } catch (e) {
      record(property, "codec", what, false, `${label}: the codec threw ${message(e)}`);
    }
  };
  const tlaRoundTrip = (property: string, what: string, label: string, s: S, outsideType: boolean) => {
    let back: S | undefined;
    let refused = "";
    try {
      back = model.fromTla(model.toTla(s));
    } catch (e) {
      if (!(e instanceof TlaShapeError)) {
        record(property, "tla", what, false, `${label}: the TLA+ bridge threw ${message(e)}`);
        return;
      }
      refused = e.message;
    }
    const same = back !== undefined && isDeepStrictEqual(back, s);
    const found =
      refused !== ""
        ? `fromTla refuses ${label}: ${refused}`
        : same
          ? `${label} survives fromTla(toTla(...))`
          : `fromTla(toTla(${label})) is another state`;
    // A state outside the type must not come back: the bridge refuses it, or what comes back is some other state.
    const detail = outsideType && same ? `${found}, so it is of the config's type after all` : found;
    record(property, "tla", what, outsideType ? !same : same, detail);
  };
  const verdict = (property: string, kind: "breaks" | "holds", what: string, broken: readonly string[], onWhat: string) => {
    const isFalse = broken.includes(property);
    const expected = kind === "breaks" ? "false" : "true";
    const detail = `${property} is ${isFalse ? "false" : "true"}${onWhat} (expected ${expected})`;
    record(property, kind, what, isFalse === (kind === "breaks"), detail);
  };
  const others = (property: string, what: string, broken: readonly string[], listed: readonly string[], kind: string) => {
    const found = broken.filter((n) => n !== property);
    const ok = sameNames(found, listed) && !listed.includes(property);
    record(property, "others", what, ok, `other ${kind} broken: ${list(found)} (listed: ${list(listed)})`);
  };

  // Coverage, both ways: every property of the model has fixtures both ways, and every fixture a property.
  const invariantNames = model.invariants.map((i) => i.name);
  const propertyNames = model.actionProperties.map((p) => p.name);
  type Fixture = { readonly breaks: readonly unknown[]; readonly holds: readonly unknown[] };
  const coverage = (kind: string, names: readonly string[], given: Readonly<Record<string, Fixture>>) => {
    for (const name of names) {
      const f = given[name];
      const ok = f !== undefined && f.breaks.length > 0 && f.holds.length > 0;
      const detail =
        f === undefined ? `${kind} ${name} has no fixtures` : `${kind} ${name}: ${f.breaks.length} breaking, ${f.holds.length} holding`;
      record(name, "coverage", "", ok, detail);
    }
    for (const name of Object.keys(given)) {
      if (!names.includes(name)) record(name, "coverage", "", false, `fixtures for ${name}, which is no ${kind} of the model`);
    }
  };
  coverage("invariant", invariantNames, fixtures.invariants);
  coverage("action property", propertyNames, fixtures.actionProperties);

  const typeInvariants = Object.entries(fixtures.invariants)
    .filter(([, f]) => f.outsideType !== undefined)
    .map(([name]) => name);

  for (const [name, f] of Object.entries(fixtures.invariants)) {
    const spec = citesDefinition(root, f.spec, name);
    record(name, "spec", "", spec.ok, spec.detail);
    const invariant = model.invariants.find((i) => i.name === name);
    for (const [kind, cases] of [["breaks", f.breaks], ["holds", f.holds]] as const) {
      for (const c of cases) {
        const also = c.alsoBreaks ?? [];
        const broken = falseOnes(model.invariants, (i) => i.holds(c.state));
        if (invariant !== undefined) verdict(name, kind, c.what, broken, "");
        others(name, c.what, broken, also, "invariants");
        const outside = (kind === "breaks" && f.outsideType !== undefined) || also.some((n) => typeInvariants.includes(n));
        if (!outside) codecRoundTrip(name, c.what, "the state", c.state);
        tlaRoundTrip(name, c.what, "the state", c.state, outside);
      }
    }
  }

  for (const [name, f] of Object.entries(fixtures.actionProperties)) {
    const spec = citesDefinition(root, f.spec, name);
    record(name, "spec", "", spec.ok, spec.detail);
    const property = model.actionProperties.find((p) => p.name === name);
    for (const [kind, cases] of [["breaks", f.breaks], ["holds", f.holds]] as const) {
      for (const c of cases) {
        const [s, a, t] = c.transition;
        const broken = falseOnes(model.actionProperties, (p) => p.holds(s, a, t));
        if (property !== undefined) verdict(name, kind, c.what, broken, " on the step");
        others(name, c.what, broken, c.alsoBreaks ?? [], "action properties");
        for (const [label, state] of [["the state before", s], ["the state after", t]] as const) {
          codecRoundTrip(name, c.what, label, state);
          tlaRoundTrip(name, c.what, label, state, false);
        }
      }
    }
  }
  return checks;
}
