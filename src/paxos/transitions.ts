/**
 * The actions of single-decree Paxos as the model performs them: one table
 * from action type to function, and the candidates (with the witnesses TLC
 * enumerates) tried in each state, from which `step` and the successor
 * enumeration are both built.
 *
 * @module
 */
import type { ActionTable, Candidates, Transitions } from "../action-table.js";
import { type PaxosAction, type PaxosContext, phase1a, phase1b, phase2a, phase2b } from "./actions.js";
import { type Msg1b, type PaxosState, hasAcceptor } from "./state.js";

/** Each action of `Next` under the context's rules. */
export function paxosActionTable(ctx: PaxosContext): ActionTable<PaxosState, PaxosAction> {
  return {
    Phase1a: (s, a) => phase1a(ctx, s, a.b),
    Phase1b: (s, a) => phase1b(ctx, s, a.a, a.m),
    Phase2a: (s, a) => phase2a(ctx, s, a.b, a.v, a.q, a.m),
    Phase2b: (s, a) => phase2b(ctx, s, a.a, a.m),
  };
}

/**
 * The candidate actions of `s`, in the order of the spec's `Next`: for each
 * ballot b, `Phase1a(b)` and then `Phase2a(b, v)` for each value; then for
 * each acceptor a, `Phase1b(a)` and `Phase2b(a)`. Within an action, one
 * candidate per witness, in the order of `Quorum` and of `msgs`, as TLC
 * computes one successor per satisfying binding of each `\E`.
 *
 * A witness is left out early only by a guard the reference action checks
 * anyway (no proposal allowed in b, a quorum member that has not answered
 * b), so nothing enabled is missed; an override of Phase2a that drops those
 * guards needs candidates of its own. test/paxos/enumeration.test.ts checks
 * this against every action `step` accepts.
 */
export function paxosCandidates(ctx: PaxosContext): Candidates<PaxosState, PaxosAction> {
  const { acceptorCount, valueCount, maxBallot } = ctx.config;
  return (s, visit) => {
    for (let b = 0; b <= maxBallot; b++) {
      visit({ type: "Phase1a", b });
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
          visit({ type: "Phase2a", b, v, q, m: null });
          for (const m of oneBs) if (m.mbal >= 0 && hasAcceptor(q, m.acc)) visit({ type: "Phase2a", b, v, q, m });
        }
      }
    }
    for (let a = 0; a < acceptorCount; a++) {
      for (const m of s.msgs) if (m.type === "1a") visit({ type: "Phase1b", a, m });
      for (const m of s.msgs) if (m.type === "2a") visit({ type: "Phase2b", a, m });
    }
  };
}

/** The table and the candidates of {@link paxosCandidates}. */
export function paxosTransitions(ctx: PaxosContext): Transitions<PaxosState, PaxosAction> {
  return { table: paxosActionTable(ctx), candidates: paxosCandidates(ctx) };
}
