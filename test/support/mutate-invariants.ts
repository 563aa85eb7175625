/**
 * Shows that the invariant fixtures (./invariant-fixtures.ts) catch a
 * broken invariant. Run it with
 *
 *     npx tsx test/support/mutate-invariants.ts
 *
 * Two kinds of mutant, neither of which edits a source file:
 *
 * 1. For each protocol and each invariant (and action property), a wrapped
 *    model whose `holds` is `() => true` (and, the other way round,
 *    `() => false`); the fixture checks must then fail somewhere.
 * 2. Bounds moved by one, the mistake an auditor tried on Raft
 *    (`k < both` to `k < both - 1`): the text of `src/<protocol>/invariants.ts`
 *    with one comparison changed is compiled from a temporary copy and its
 *    invariants replace the model's. Mutants that weaken a loop or a bound
 *    are caught by a breaking fixture at the boundary (the highest ballot,
 *    the ballot just below, the last acceptor or RM); mutants that
 *    strengthen one, by a holding fixture there.
 *
 * Prints one line per mutant with the number of fixture checks that fail,
 * and exits non-zero when some mutant makes none fail (or when the
 * fixtures fail unmutated). test/model-check/invariant-fixtures.test.ts runs
 * the same mutants under vitest.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../../model-check/project-root.js";
import type { Invariant } from "../../src/protocol.js";
import {
  type AnyInvariantFixtures,
  allInvariantFixtures,
  checkInvariantFixtures,
  failures,
  withActionPropertyReplaced,
  withInvariantReplaced,
} from "./invariant-fixtures.js";
import { paxosFixtureContext } from "./invariant-fixtures-paxos.js";
import { twoPhaseFixtureRMs } from "./invariant-fixtures-twophase.js";

/** The outcome of one mutant: how many fixture checks fail under it. */
export interface MutantResult {
  /** One line: `<protocol> <property>: <mutation> -> N fixture checks fail`. */
  readonly line: string;
  readonly failing: number;
}

function result(protocol: string, property: string, mutation: string, failing: number): MutantResult {
  return { line: `${protocol} ${property}: ${mutation} -> ${failing} fixture checks fail`, failing };
}

/** Fails loudly when the fixtures do not pass unmutated: counts would mean nothing then. */
export function assertBaseline(fixtures: AnyInvariantFixtures): void {
  const failed = failures(checkInvariantFixtures(fixtures));
  if (failed.length > 0) throw new Error(`${fixtures.protocol}'s fixtures fail without any mutation:\n${failed.join("\n")}`);
}

/**
 * How many checks fail with `model` that pass with the fixtures' own model.
 * A mutated model has the same properties by name, so the checks come in
 * the same order and are compared one by one.
 */
export function newFailures(fixtures: AnyInvariantFixtures, model: AnyInvariantFixtures["model"]): number {
  const before = checkInvariantFixtures(fixtures);
  const after = checkInvariantFixtures(fixtures, model);
  if (after.length !== before.length) throw new Error(`${fixtures.protocol}: the mutant changed which checks there are`);
  return after.filter((c, i) => !c.ok && before[i]!.ok).length;
}

/** Mutants of kind 1: each invariant and action property replaced by `() => true` and by `() => false`. */
export function constantMutants(fixtures: AnyInvariantFixtures): MutantResult[] {
  const { model, protocol } = fixtures;
  const count = (m: typeof model) => newFailures(fixtures, m);
  const results: MutantResult[] = [];
  for (const value of [true, false]) {
    for (const { name } of model.invariants) {
      results.push(result(protocol, name, `replaced by ${value}`, count(withInvariantReplaced(model, name, () => value))));
    }
    for (const { name } of model.actionProperties) {
      results.push(result(protocol, name, `replaced by ${value}`, count(withActionPropertyReplaced(model, name, () => value))));
    }
  }
  return results;
}

/** Where a protocol's invariants live, and how to build them from that module for the fixtures' config. */
interface InvariantSource {
  readonly file: string;
  readonly build: (module: unknown) => readonly Invariant<unknown>[];
}

const sources: Readonly<Record<string, InvariantSource>> = {
  twophase: {
    file: "src/twophase/invariants.ts",
    build: (m) =>
      (m as typeof import("../../src/twophase/invariants.js")).twoPhaseInvariants(twoPhaseFixtureRMs) as readonly Invariant<unknown>[],
  },
  paxos: {
    file: "src/paxos/invariants.ts",
    build: (m) =>
      (m as typeof import("../../src/paxos/invariants.js")).paxosInvariants(paxosFixtureContext) as readonly Invariant<unknown>[],
  },
  // Raft: add src/raft/invariants.ts here (built for the config of its fixtures) to give it bound mutants below.
};

/** A bound moved by one in the source of an invariant. */
export interface BoundMutant {
  readonly protocol: string;
  /** The invariant whose verdicts change. */
  readonly invariant: string;
  /** The function (or class) of `src/<protocol>/invariants.ts` whose text is changed. */
  readonly within: string;
  /** Text that occurs exactly once in it, and what replaces it. */
  readonly from: string;
  readonly to: string;
  /** `weaker`: the invariant accepts more states (caught by a breaking case); `stronger`: fewer (a holding case). */
  readonly makes: "weaker" | "stronger";
  /** The fixture that sits on the bound, in words. */
  readonly caughtBy: string;
}

export const boundMutants: readonly BoundMutant[] = [
  {
    protocol: "twophase",
    invariant: "TypeOK",
    within: "typeOK",
    from: "allRMs(rmCount)",
    to: "allRMs(rmCount + 1)",
    makes: "weaker",
    caughtBy: "tmPrepared and msgs holding a fourth RM, one past the last",
  },
  {
    protocol: "twophase",
    invariant: "TypeOK",
    within: "typeOK",
    from: "allRMs(rmCount)",
    to: "allRMs(rmCount - 1)",
    makes: "stronger",
    caughtBy: "every RM, the last too, prepared",
  },
  {
    protocol: "paxos",
    invariant: "Agreement",
    within: "chosenValues",
    from: "b <= ctx.config.maxBallot",
    to: "b < ctx.config.maxBallot",
    makes: "weaker",
    caughtBy: "v2 chosen in the highest ballot",
  },
  {
    protocol: "paxos",
    invariant: "Agreement",
    within: "votersFor",
    from: "a < config.acceptorCount",
    to: "a < config.acceptorCount - 1",
    makes: "weaker",
    caughtBy: "v2 chosen by a quorum with the last acceptor",
  },
  {
    protocol: "paxos",
    invariant: "AcceptorConsistent",
    within: "acceptorConsistent",
    from: "a < ctx.config.acceptorCount",
    to: "a < ctx.config.acceptorCount - 1",
    makes: "weaker",
    caughtBy: "the last acceptor claiming a vote it never cast",
  },
  {
    protocol: "paxos",
    invariant: "AcceptorConsistent",
    within: "acceptorConsistent",
    from: "vbal <= s.maxBal[a]!",
    to: "vbal < s.maxBal[a]!",
    makes: "stronger",
    caughtBy: "a vote in the highest ballot with maxVBal = maxBal",
  },
  {
    protocol: "paxos",
    invariant: "Msg1bConsistent",
    within: "msg1bConsistent",
    from: "c < m.bal;",
    to: "c < m.bal - 1;",
    makes: "weaker",
    caughtBy: "a hidden vote in the ballot just below the joined one",
  },
  {
    protocol: "paxos",
    invariant: "Msg1bConsistent",
    within: "msg1bConsistent",
    from: "m.mbal < m.bal",
    to: "m.mbal <= m.bal",
    makes: "weaker",
    caughtBy: "a 1b reporting a vote in the joined ballot itself",
  },
  {
    protocol: "paxos",
    invariant: "Msg1bConsistent",
    within: "msg1bConsistent",
    from: "m.mbal < m.bal",
    to: "m.mbal < m.bal - 1",
    makes: "stronger",
    caughtBy: "a 1b reporting a vote in the ballot just below",
  },
  {
    protocol: "paxos",
    invariant: "Msg2aSafe",
    within: "safeAt",
    from: "c < b;",
    to: "c < b - 1;",
    makes: "weaker",
    caughtBy: "v2 proposed in ballot 2 over v1 chosen in ballot 1, just below",
  },
  {
    protocol: "paxos",
    invariant: "Msg2aSafe",
    within: "safeAt",
    from: "c < b;",
    to: "c <= b;",
    makes: "stronger",
    caughtBy: "any proposal (SafeAt would ask about the proposal's own ballot)",
  },
  {
    protocol: "paxos",
    invariant: "Msg2aSafe",
    within: "safeAt",
    from: "a < ctx.config.acceptorCount",
    to: "a < ctx.config.acceptorCount - 1",
    makes: "stronger",
    caughtBy: "a proposal made safe by a quorum with the last acceptor",
  },
  {
    protocol: "paxos",
    invariant: "Msg2bConsistent",
    within: "msg2bConsistent",
    from: "m.bal <= s.maxVBal[m.acc]!",
    to: "m.bal <= s.maxVBal[m.acc]! + 1",
    makes: "weaker",
    caughtBy: "a vote one ballot above maxVBal",
  },
  {
    protocol: "paxos",
    invariant: "TypeOK",
    within: "isBallotOrNone",
    from: "b <= config.maxBallot",
    to: "b <= config.maxBallot + 1",
    makes: "weaker",
    caughtBy: "maxBal one past MaxBallot",
  },
  {
    protocol: "paxos",
    invariant: "TypeOK",
    within: "typeOK",
    from: "b <= config.maxBallot",
    to: "b <= config.maxBallot + 1",
    makes: "weaker",
    caughtBy: "a 1a message one past MaxBallot",
  },
  {
    protocol: "paxos",
    invariant: "TypeOK",
    within: "isBallotOrNone",
    from: "b <= config.maxBallot",
    to: "b < config.maxBallot",
    makes: "stronger",
    caughtBy: "the highest ballot everywhere",
  },
];

/**
 * The source of `file` with `from` replaced by `to` inside the declaration
 * `within` (from `function within(` or `class within` to the first line
 * that is a lone `}`), where `from` must occur exactly once, and with its
 * relative imports made absolute so that the copy compiles elsewhere.
 */
export function mutatedSource(root: string, file: string, mutant: Pick<BoundMutant, "within" | "from" | "to">): string {
  const text = readFileSync(join(root, file), "utf8");
  const start = text.search(new RegExp(`\\b(function|class) ${mutant.within}\\b`));
  if (start < 0) throw new Error(`${file} has no function or class ${mutant.within}`);
  const end = text.indexOf("\n}\n", start);
  const body = text.slice(start, end < 0 ? text.length : end);
  const occurrences = body.split(mutant.from).length - 1;
  if (occurrences !== 1) {
    throw new Error(`"${mutant.from}" occurs ${occurrences} times in ${mutant.within} of ${file}, not once: update the mutant`);
  }
  const mutated = text.slice(0, start) + body.replace(mutant.from, mutant.to) + text.slice(start + body.length);
  const dir = dirname(join(root, file));
  return mutated.replace(/from "(\.{1,2}\/[^"]+)\.js"/g, (_all, path: string) => `from ${JSON.stringify(resolve(dir, `${path}.ts`))}`);
}

/** Mutants of kind 2: compiles the mutated invariants and counts the fixture checks that fail with them. */
export async function runBoundMutant(fixtures: AnyInvariantFixtures, mutant: BoundMutant): Promise<MutantResult> {
  const source = sources[fixtures.protocol];
  if (source === undefined) throw new Error(`no invariant source is known for ${fixtures.protocol}`);
  const dir = mkdtempSync(join(tmpdir(), "tla-twin-mutant-"));
  try {
    const file = join(dir, "invariants.mts");
    writeFileSync(file, mutatedSource(projectRoot(), source.file, mutant));
    const module: unknown = await import(file);
    const invariants = source.build(module);
    const failing = newFailures(fixtures, { ...fixtures.model, invariants });
    const mutation = `${mutant.within} \`${mutant.from}\` -> \`${mutant.to}\` (${mutant.makes}; ${mutant.caughtBy})`;
    return result(fixtures.protocol, mutant.invariant, mutation, failing);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs every mutant, printing one line each; returns the exit code. */
export async function main(print: (line: string) => void = console.log): Promise<number> {
  let caughtAll = true;
  for (const fixtures of allInvariantFixtures()) {
    assertBaseline(fixtures);
    const results = [...constantMutants(fixtures)];
    for (const mutant of boundMutants.filter((m) => m.protocol === fixtures.protocol)) results.push(await runBoundMutant(fixtures, mutant));
    for (const r of results) {
      print(r.failing > 0 ? r.line : `${r.line}  <- NOT CAUGHT`);
      if (r.failing === 0) caughtAll = false;
    }
  }
  return caughtAll ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exitCode = 2;
    },
  );
}
