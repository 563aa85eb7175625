/**
 * Single-decree Paxos as a {@link Model} for the checker: enumeration of
 * enabled actions with the witnesses TLC enumerates, the single-step
 * function, invariants, codec, symmetry and TLA+ conversions.
 *
 * @module
 */
import { match } from "ts-pattern";
import type { Model, TlaActionLabel } from "../protocol.js";
import { tlaInt } from "../tla/value.js";
import {
  type PaxosAction,
  type PaxosContext,
  type PaxosRules,
  paxosContext,
  phase1a,
  phase1b,
  phase2a,
  phase2b,
  referenceRules,
} from "./actions.js";
import { paxosCodec } from "./codec.js";
import { type PaxosConfig, checkConfig, configLabel } from "./config.js";
import { paxosInvariants } from "./invariants.js";
import { paxosRefinement } from "./refinement.js";
import { paxosWitnesses } from "./witnesses.js";
import { type Msg1b, type PaxosState, acceptorName, hasAcceptor, initialState, valueName } from "./state.js";
import { paxosSymmetry } from "./symmetry.js";
import {
  acceptorSetToTla,
  acceptorToTla,
  ballotToTla,
  messageToTla,
  paxosFromTla,
  paxosToTla,
  paxosVariables,
  valueToTla,
} from "./tla.js";

/**
 * `step`: performs one given action. Dispatch is exhaustive over the action
 * union (a new action type that is not handled here fails to compile).
 */
export function paxosStep(ctx: PaxosContext, s: PaxosState, a: PaxosAction): PaxosState | undefined {
  return match(a)
    .with({ type: "Phase1a" }, ({ b }) => phase1a(ctx, s, b))
    .with({ type: "Phase1b" }, ({ a: acceptor, m }) => phase1b(ctx, s, acceptor, m))
    .with({ type: "Phase2a" }, ({ b, v, q, m }) => phase2a(ctx, s, b, v, q, m))
    .with({ type: "Phase2b" }, ({ a: acceptor, m }) => phase2b(ctx, s, acceptor, m))
    .exhaustive();
}

/**
 * Calls `visit` for every enabled action of `s` with its successor, in the
 * order of the spec's `Next`: for each ballot b, `Phase1a(b)` and then
 * `Phase2a(b, v)` for each value; then for each acceptor a, `Phase1b(a)`
 * and `Phase2b(a)`. Within an action, one call per satisfying witness, in
 * the order of `Quorum` and of `msgs`, as TLC computes one successor per
 * satisfying binding of each `\E`.
 *
 * The loops only propose witnesses; the action functions decide. A
 * candidate is skipped early only by a guard the action checks anyway (no
 * proposal allowed in b, a quorum member that has not answered b), so
 * nothing enabled is missed; test/paxos/enumeration.test.ts checks this
 * against every action `step` accepts.
 */
export function forEachPaxosSuccessor(
  ctx: PaxosContext,
  s: PaxosState,
  visit: (action: PaxosAction, next: PaxosState) => void,
): void {
  const { acceptorCount, valueCount, maxBallot } = ctx.config;
  for (let b = 0; b <= maxBallot; b++) {
    visit({ type: "Phase1a", b }, phase1a(ctx, s, b)!);
    // Phase2a(b, v)'s candidate witnesses: the 1b messages of ballot b and who sent them.
    const oneBs: Msg1b[] = [];
    let answered = 0;
    for (const m of s.msgs) {
      if (m.type === "1b" && m.bal === b) {
        oneBs.push(m);
        answered |= 1 << m.acc;
      }
    }
    for (let v = 0; v < valueCount; v++) {
      if (!ctx.rules.mayPropose(s, b, v)) continue;
      for (const q of ctx.quorums) {
        if ((q & answered) !== q) continue;
        const proposeWith = (m: Msg1b | null) => {
          const next = phase2a(ctx, s, b, v, q, m);
          if (next !== undefined) visit({ type: "Phase2a", b, v, q, m }, next);
        };
        proposeWith(null);
        for (const m of oneBs) if (m.mbal >= 0 && hasAcceptor(q, m.acc)) proposeWith(m);
      }
    }
  }
  for (let a = 0; a < acceptorCount; a++) {
    for (const m of s.msgs) {
      if (m.type !== "1a") continue;
      const next = phase1b(ctx, s, a, m);
      if (next !== undefined) visit({ type: "Phase1b", a, m }, next);
    }
    for (const m of s.msgs) {
      if (m.type !== "2a") continue;
      const next = phase2b(ctx, s, a, m);
      if (next !== undefined) visit({ type: "Phase2b", a, m }, next);
    }
  }
}

/** The action as TLC labels it, with the witnesses of its existentials. */
export function paxosActionLabel(action: PaxosAction): TlaActionLabel {
  switch (action.type) {
    case "Phase1a":
      return { name: "Phase1a", params: [["b", tlaInt(action.b)]], witnesses: [] };
    case "Phase1b":
      return { name: "Phase1b", params: [["a", acceptorToTla(action.a)]], witnesses: [["m", messageToTla(action.m)]] };
    case "Phase2a":
      return {
        name: "Phase2a",
        params: [
          ["b", ballotToTla(action.b)],
          ["v", valueToTla(action.v)],
        ],
        witnesses: [["Q", acceptorSetToTla(action.q)], ...(action.m === null ? [] : [["m", messageToTla(action.m)] as const])],
      };
    case "Phase2b":
      return { name: "Phase2b", params: [["a", acceptorToTla(action.a)]], witnesses: [["m", messageToTla(action.m)]] };
  }
}

/**
 * The model of the spec with `config`, under the given rules (the spec's
 * unless a bug-zoo variant replaces one).
 */
export function paxosModel(config: PaxosConfig, rules: PaxosRules = referenceRules): Model<PaxosState, PaxosAction> {
  checkConfig(config);
  const ctx = paxosContext(config, rules);
  const invariants = paxosInvariants(ctx);
  return {
    protocol: "paxos",
    configLabel: configLabel(config),
    tlaModule: "Paxos",
    tlaVariables: paxosVariables,
    initialStates: () => [initialState(config.acceptorCount)],
    forEachSuccessor: (s, visit) => forEachPaxosSuccessor(ctx, s, visit),
    step: (s, a) => paxosStep(ctx, s, a),
    invariants,
    actionProperties: [],
    constraint: undefined,
    witnesses: paxosWitnesses(ctx),
    refinement: paxosRefinement(ctx),
    codec: paxosCodec(config),
    symmetry: paxosSymmetry(config),
    toTla: paxosToTla,
    fromTla: (v) => paxosFromTla(config, v),
    actionLabel: paxosActionLabel,
    // Bug-zoo variants change the twin only; TLC gets the reference spec.
    tlcModel: () => ({ module: "MCPaxos", cfg: paxosTlcConfig(config, invariants.map((i) => i.name)), goalsModule: "MCPaxosGoals" }),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The TLC config for `config` that checks the named invariants; the shipped
 * `spec/MCPaxos_<preset>.cfg` files are exactly this text.
 */
export function paxosTlcConfig(config: PaxosConfig, invariants: readonly string[]): string {
  const names = (count: number, name: (i: number) => string) => Array.from({ length: count }, (_, i) => name(i)).join(", ");
  return [
    `\\* Single-decree Paxos: ${plural(config.acceptorCount, "acceptor")} with majority quorums, ` +
      `${plural(config.valueCount, "value")}, ballots 0..${config.maxBallot}.`,
    "CONSTANTS",
    `  Acceptor = {${names(config.acceptorCount, acceptorName)}}`,
    `  Value = {${names(config.valueCount, valueName)}}`,
    "  None = None",
    `  MaxBallot = ${config.maxBallot}`,
    "  Ballot <- MCBallot",
    "  Quorum <- Majorities",
    "SPECIFICATION Spec",
    ...invariants.map((name) => `INVARIANT ${name}`),
    "",
  ].join("\n");
}
