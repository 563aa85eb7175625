/**
 * Each Paxos action against its definition in spec/Paxos.tla (line numbers
 * cited in the suite titles): when it is enabled, what it changes, and that
 * everything else stays as it was.
 */
import { describe, expect, it } from "vitest";
import {
  type Msg1a,
  type Msg1b,
  type Msg2a,
  type PaxosAction,
  type PaxosState,
  None,
  hasMessage,
  initialState,
  paxosActionTable,
  paxosContext,
  phase1a,
  phase1b,
  phase2a,
  phase2b,
  referenceRules,
} from "../../src/paxos/index.js";
import { stepThrough } from "../../src/action-table.js";

const ctx = paxosContext({ acceptorCount: 3, valueCount: 2, maxBallot: 2 }, referenceRules);
const step = stepThrough(paxosActionTable(ctx));
const init = initialState(3);
const [a1, a2, a3] = [0, 1, 2];
const [v1, v2] = [0, 1];
const oneA = (bal: number): Msg1a => ({ type: "1a", bal });
const twoA = (bal: number, val: number): Msg2a => ({ type: "2a", bal, val });
const q12 = 0b011;
const q123 = 0b111;

/** Runs actions from `s`, failing if one of them is not enabled. */
function run(s: PaxosState, ...actions: PaxosAction[]): PaxosState {
  return actions.reduce((state, action) => {
    const next = step(state, action);
    if (next === undefined) throw new Error(`not enabled: ${JSON.stringify(action)}`);
    return next;
  }, s);
}

const join = (a: number, bal: number): PaxosAction => ({ type: "Phase1b", a, m: oneA(bal) });
/** Ballot 0 started and joined by a1 and a2, who report no votes. */
const joined0 = run(init, { type: "Phase1a", b: 0 }, join(a1, 0), join(a2, 0));
/** ... then v1 proposed in ballot 0 and a1 voted for it. */
const a1Voted0 = run(joined0, { type: "Phase2a", b: 0, v: v1, q: q12, m: null }, { type: "Phase2b", a: a1, m: twoA(0, v1) });

describe("Phase1a(b), Paxos.tla lines 72-73: send [type |-> \"1a\", bal |-> b]", () => {
  it("is enabled for every ballot and changes only msgs", () => {
    const next = phase1a(ctx, init, 1)!;
    expect(next.msgs).toEqual([oneA(1)]);
    expect(next.maxBal).toBe(init.maxBal);
    expect(next.maxVBal).toBe(init.maxVBal);
    expect(next.maxVal).toBe(init.maxVal);
  });
  it("stays enabled once sent, and then changes nothing", () => {
    const once = phase1a(ctx, init, 0)!;
    expect(phase1a(ctx, once, 0)).toEqual(once);
  });
  it("is disabled for a ballot outside 0..MaxBallot (MCPaxos's Ballot <- MCBallot)", () => {
    expect(phase1a(ctx, init, 3)).toBeUndefined();
    expect(phase1a(ctx, init, -1)).toBeUndefined();
  });
});

describe("Phase1b(a), Paxos.tla lines 78-84: answer a 1a message m with m.bal > maxBal[a]", () => {
  const started = run(init, { type: "Phase1a", b: 0 }, { type: "Phase1a", b: 1 });
  it("needs the 1a message in msgs (m \\in msgs, m.type = \"1a\")", () => {
    expect(phase1b(ctx, init, a1, oneA(0))).toBeUndefined();
    expect(phase1b(ctx, a1Voted0, a1, twoA(0, v1) as unknown as Msg1a)).toBeUndefined();
  });
  it("joins the ballot (maxBal[a] = m.bal) and reports no vote; maxVBal and maxVal unchanged", () => {
    const next = phase1b(ctx, started, a2, oneA(1))!;
    expect(next.maxBal).toEqual([-1, 1, -1]);
    expect(hasMessage(next.msgs, { type: "1b", acc: a2, bal: 1, mbal: -1, mval: None })).toBe(true);
    expect(next.msgs).toHaveLength(started.msgs.length + 1);
    expect(next.maxVBal).toBe(started.maxVBal);
    expect(next.maxVal).toBe(started.maxVal);
  });
  it("is disabled for a ballot the acceptor has already joined or passed (m.bal > maxBal[a])", () => {
    const joined1 = phase1b(ctx, started, a1, oneA(1))!;
    expect(phase1b(ctx, joined1, a1, oneA(1))).toBeUndefined();
    expect(phase1b(ctx, joined1, a1, oneA(0))).toBeUndefined();
    expect(phase1b(ctx, joined1, a2, oneA(0))).toBeDefined();
  });
  it("reports the acceptor's last vote (mbal |-> maxVBal[a], mval |-> maxVal[a])", () => {
    const next = run(a1Voted0, { type: "Phase1a", b: 1 }, join(a1, 1));
    expect(hasMessage(next.msgs, { type: "1b", acc: a1, bal: 1, mbal: 0, mval: v1 })).toBe(true);
  });
});

describe("Phase2a(b, v), Paxos.tla lines 96-108: propose in b with a quorum of 1b messages", () => {
  it("needs every acceptor of the quorum Q to have answered b (Q \\subseteq {m.acc : m \\in Q1b})", () => {
    const onlyA1 = run(init, { type: "Phase1a", b: 0 }, join(a1, 0));
    expect(phase2a(ctx, onlyA1, 0, v1, q12, null)).toBeUndefined();
    expect(phase2a(ctx, joined0, 0, v1, q123, null)).toBeUndefined();
  });
  it("needs Q to be a quorum (Q \\in Quorum: majorities)", () => {
    expect(phase2a(ctx, joined0, 0, v1, 0b001, null)).toBeUndefined();
  });
  it("allows any value when no vote is reported (Q1bv = {}), with no message witness", () => {
    for (const v of [v1, v2]) {
      const next = phase2a(ctx, joined0, 0, v, q12, null)!;
      expect(next.msgs).toEqual([...joined0.msgs, twoA(0, v)]);
      expect(next.maxBal).toBe(joined0.maxBal);
      expect(next.maxVBal).toBe(joined0.maxVBal);
      expect(next.maxVal).toBe(joined0.maxVal);
    }
    const report: Msg1b = { type: "1b", acc: a1, bal: 0, mbal: -1, mval: None };
    expect(phase2a(ctx, joined0, 0, v1, q12, report)).toBeUndefined();
  });
  it("proposes at most once per ballot (~ \\E m \\in msgs : m.type = \"2a\" /\\ m.bal = b)", () => {
    const proposed = phase2a(ctx, joined0, 0, v1, q12, null)!;
    expect(phase2a(ctx, proposed, 0, v1, q12, null)).toBeUndefined();
    expect(phase2a(ctx, proposed, 0, v2, q12, null)).toBeUndefined();
  });

  describe("with a reported vote: only the value of the highest vote, witnessed by its 1b message", () => {
    // a1 voted v1 in 0; then a1 and a3 join ballot 2, a1 reporting that vote.
    const joined2 = run(a1Voted0, { type: "Phase1a", b: 2 }, join(a1, 2), join(a3, 2));
    const q13 = 0b101;
    const a1Report: Msg1b = { type: "1b", acc: a1, bal: 2, mbal: 0, mval: v1 };
    const a3Report: Msg1b = { type: "1b", acc: a3, bal: 2, mbal: -1, mval: None };
    it("is enabled for v1 with a1's report as witness", () => {
      expect(phase2a(ctx, joined2, 2, v1, q13, a1Report)!.msgs).toContainEqual(twoA(2, v1));
    });
    it("is disabled for the other value, without a witness, or with a report that is not the highest vote", () => {
      expect(phase2a(ctx, joined2, 2, v2, q13, a1Report)).toBeUndefined();
      expect(phase2a(ctx, joined2, 2, v1, q13, null)).toBeUndefined();
      expect(phase2a(ctx, joined2, 2, v1, q13, a3Report)).toBeUndefined();
      expect(phase2a(ctx, joined2, 2, v1, q13, { ...a1Report, mbal: 1 })).toBeUndefined();
    });
    it("uses only reports of the quorum's acceptors: Q = {a2, a3} sees no vote", () => {
      const withA2 = run(joined2, join(a2, 2));
      expect(phase2a(ctx, withA2, 2, v2, 0b110, null)).toBeDefined();
      expect(phase2a(ctx, withA2, 2, v2, 0b110, a1Report)).toBeUndefined();
    });
  });
});

describe("Phase2b(a), Paxos.tla lines 113-119: vote for a 2a message m with m.bal >= maxBal[a]", () => {
  const proposed = phase2a(ctx, joined0, 0, v2, q12, null)!;
  it("records the vote in all three variables and sends the 2b message", () => {
    const next = phase2b(ctx, proposed, a3, twoA(0, v2))!;
    expect(next.maxBal).toEqual([0, 0, 0]);
    expect(next.maxVBal).toEqual([-1, -1, 0]);
    expect(next.maxVal).toEqual([None, None, v2]);
    expect(next.msgs).toEqual([...proposed.msgs, { type: "2b", acc: a3, bal: 0, val: v2 }]);
  });
  it("is enabled for the ballot the acceptor joined (m.bal = maxBal[a])", () => {
    expect(phase2b(ctx, proposed, a1, twoA(0, v2))).toBeDefined();
  });
  it("is disabled once the acceptor joined a higher ballot", () => {
    const joined1 = run(proposed, { type: "Phase1a", b: 1 }, join(a1, 1));
    expect(phase2b(ctx, joined1, a1, twoA(0, v2))).toBeUndefined();
    expect(phase2b(ctx, joined1, a2, twoA(0, v2))).toBeDefined();
  });
  it("needs the 2a message in msgs", () => {
    expect(phase2b(ctx, proposed, a1, twoA(0, v1))).toBeUndefined();
    expect(phase2b(ctx, proposed, a1, twoA(1, v2))).toBeUndefined();
  });
  it("stays enabled after voting, and voting again changes nothing", () => {
    const voted = phase2b(ctx, proposed, a1, twoA(0, v2))!;
    expect(phase2b(ctx, voted, a1, twoA(0, v2))).toEqual(voted);
  });
});
