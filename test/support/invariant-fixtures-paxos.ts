/**
 * Paxos's invariant fixtures (see ./invariant-fixtures.ts), for the shipped
 * preset a3v2b2: acceptors a1..a3 (indices 0..2) with majority quorums,
 * values v1, v2 (0, 1), ballots 0..2. MaxBallot 2 rather than the default 1
 * so that the loops over ballots have a first, a middle and a last index:
 * several breaking cases sit at the last one (the highest ballot, the
 * ballot just below a proposal or a promise, the last acceptor), where a
 * bound weakened by one would miss them.
 *
 * States are built with the twin's own actions where a behaviour reaches
 * them, under a bug-zoo variant (src/paxos/variants.ts) where only that
 * mistake reaches them, and by hand otherwise. Line numbers cite
 * spec/Paxos.tla unless they say MCPaxos.tla.
 */
import { type Model, resolveOptions } from "../../src/protocol.js";
import {
  type InvariantContext,
  type Msg1a,
  type Msg1b,
  type PaxosAction,
  type PaxosState,
  None,
  except,
  initialState,
  majorities,
  messageSet,
  paxos,
  paxosConfig,
  send,
} from "../../src/paxos/index.js";
import type { InvariantFixtures } from "./invariant-fixtures.js";

const options = resolveOptions(paxos, { "max-ballot": 2 });

/** The constants of the fixtures' config, for calling the invariants' functions directly. */
export const paxosFixtureContext: InvariantContext = {
  config: paxosConfig(options),
  quorums: majorities(paxosConfig(options).acceptorCount),
};

const [a1, a2, a3] = [0, 1, 2] as const;
const [v1, v2] = [0, 1] as const;
/** Quorums {a1, a2}, {a1, a3}, {a2, a3} as bitmasks. */
const [q12, q13, q23] = [0b011, 0b101, 0b110] as const;

const oneA = (bal: number): Msg1a => ({ type: "1a", bal });
const oneB = (acc: number, bal: number, mbal: number, mval: number): Msg1b => ({ type: "1b", acc, bal, mbal, mval });
/** Phase1a(b). */
const start = (b: number): PaxosAction => ({ type: "Phase1a", b });
/** Phase1b(a) answering the 1a message of ballot b. */
const join = (a: number, b: number): PaxosAction => ({ type: "Phase1b", a, m: oneA(b) });
/** Phase2a(b, v) with quorum q, and the 1b message reporting the highest vote (null: none reported). */
const propose = (b: number, v: number, q: number, m: Msg1b | null = null): PaxosAction => ({ type: "Phase2a", b, v, q, m });
/** Phase2b(a) voting for the proposal of v in ballot b. */
const vote = (a: number, b: number, v: number): PaxosAction => ({ type: "Phase2b", a, m: { type: "2a", bal: b, val: v } });

/** Runs `actions` from `s` with `model`, failing loudly when one is not enabled. */
function after(model: Model<PaxosState, PaxosAction>, s: PaxosState, ...actions: PaxosAction[]): PaxosState {
  return actions.reduce((state, action) => {
    const next = model.step(state, action);
    if (next === undefined) throw new Error(`Paxos fixture (${model.configLabel}): ${JSON.stringify(action)} is not enabled`);
    return next;
  }, s);
}

/** The fixtures of every Paxos invariant; Paxos has no action properties. */
export function paxosInvariantFixtures(): InvariantFixtures<PaxosState, PaxosAction> {
  const model = paxos.model(options);
  const ignoreReports = paxos.model(options, "ignore-reported-values");
  const twoValues = paxos.model(options, "two-values-per-ballot");
  const promiseNotRecorded = paxos.model(options, "promise-not-recorded");
  const init = initialState(3);

  /** v1 chosen in ballot 0 by {a1, a2}. */
  const chosenV1At0 = after(model, init, start(0), join(a1, 0), join(a2, 0), propose(0, v1, q12), vote(a1, 0, v1), vote(a2, 0, v1));
  /** v1 chosen in ballot 1 by {a1, a2}, who joined ballot 1 directly. */
  const chosenV1At1 = after(model, init, start(1), join(a1, 1), join(a2, 1), propose(1, v1, q12), vote(a1, 1, v1), vote(a2, 1, v1));
  /** {a2, a3} joined ballot 2, v2 is proposed there, and a1 (which never joined a ballot) voted for it. */
  const a1VotedAt2 = after(model, init, start(2), join(a2, 2), join(a3, 2), propose(2, v2, q23), vote(a1, 2, v2));
  /** a3 voted v1 in ballot 1 and then v2 in ballot 2, proposed by {a1, a2}. */
  const a3VotedAt1And2 = after(
    model,
    init,
    ...[start(1), join(a2, 1), join(a3, 1), propose(1, v1, q23), vote(a3, 1, v1)],
    ...[start(2), join(a1, 2), join(a2, 2), propose(2, v2, q12), vote(a3, 2, v2)],
  );

  return {
    protocol: "paxos",
    model,
    invariants: {
      TypeOK: {
        spec: "spec/Paxos.tla:54",
        outsideType:
          "the twin's numbers cannot say that ballots stop at MaxBallot, that values stop at v2, or how long the per-acceptor arrays are",
        breaks: [
          {
            what: "maxBal[a3] is 3, one past MaxBallot",
            why: "line 54: maxBal \\in [Acceptor -> Ballot \\cup {-1}], and Ballot is MCBallot = 0..MaxBallot (MCPaxos.tla:16), here 0..2",
            state: { ...init, maxBal: [-1, -1, 3] },
          },
          {
            what: "a 1a message for ballot 3, one past MaxBallot",
            why: "line 57: msgs \\subseteq Message, whose 1a messages have bal \\in Ballot (line 40) = 0..2",
            state: { ...init, msgs: [oneA(3)] },
          },
          {
            what: "a1 voted for v3, a value the config does not have",
            why: "lines 56-57: maxVal[a1] \\in Value \\cup {None} and the 2a and 2b messages' val \\in Value (lines 43-44), Value = {v1, v2}",
            state: {
              maxBal: [0, -1, -1],
              maxVBal: [0, -1, -1],
              maxVal: [2, None, None],
              msgs: messageSet([oneA(0), oneB(a1, 0, -1, None), { type: "2a", bal: 0, val: 2 }, { type: "2b", acc: a1, bal: 0, val: 2 }]),
            },
          },
          {
            what: "maxVBal is a function on two acceptors only",
            why: "line 55: maxVBal \\in [Acceptor -> ...] has a value for each of a1..a3. AcceptorConsistent (line 164) breaks too: maxVBal[a3] is missing while maxVal[a3] = None",
            state: { ...init, maxVBal: [-1, -1] },
            alsoBreaks: ["AcceptorConsistent"],
          },
        ],
        holds: [
          { what: "the initial state", why: "Init (lines 59-62) gives each variable a value of its type", state: init },
          {
            what: "the highest ballot (2), the last value (v2) and the last acceptor (a3) everywhere",
            why: "ballot MaxBallot = 2 is still a Ballot and v2 a Value (lines 54-57): the type's bounds are inclusive",
            state: after(model, init, start(2), join(a2, 2), join(a3, 2), propose(2, v2, q23), vote(a3, 2, v2)),
          },
        ],
      },

      Agreement: {
        spec: "spec/Paxos.tla:144",
        breaks: [
          {
            what: "v1 chosen in ballot 1, v2 chosen in the highest ballot 2 by {a2, a3} (the last acceptor)",
            why:
              "Chosen (line 135) holds both v1 (ChosenAt(1, v1), line 133) and v2 (ChosenAt(2, v2)), so v = w fails (line 144). " +
              "Reached when the leader of ballot 2 ignores a2's report of its vote for v1 (variant ignore-reported-values), " +
              "so Msg2aSafe breaks too: v2 is not safe at 2 because of ballot 1",
            state: after(
              ignoreReports,
              chosenV1At1,
              ...[start(2), join(a2, 2), join(a3, 2), propose(2, v2, q23), vote(a2, 2, v2), vote(a3, 2, v2)],
            ),
            alsoBreaks: ["Msg2aSafe"],
          },
          {
            what: "v1 and v2 both chosen in ballot 0 (a2 voted for both of its proposals)",
            why:
              "ChosenAt(0, v1) by {a1, a2} and ChosenAt(0, v2) by {a2, a3} (line 133). Reached when a leader proposes twice in one ballot " +
              "(variant two-values-per-ballot), so OneValuePerBallot (line 187) breaks too",
            state: after(
              twoValues,
              init,
              ...[start(0), join(a1, 0), join(a2, 0), propose(0, v1, q12), propose(0, v2, q12)],
              ...[vote(a1, 0, v1), vote(a2, 0, v1), vote(a2, 0, v2), vote(a3, 0, v2)],
            ),
            alsoBreaks: ["OneValuePerBallot"],
          },
        ],
        holds: [
          { what: "nothing chosen yet", why: "Chosen (line 135) is empty in the initial state", state: init },
          { what: "v1 chosen in ballot 0", why: "Chosen = {v1}: one value", state: chosenV1At0 },
          {
            what: "v1 chosen in ballot 1 and again in the highest ballot 2",
            why: "Chosen = {v1}: the value is chosen twice, which line 144 allows (the leader of 2 proposed the value a2 reported)",
            state: after(
              model,
              chosenV1At1,
              ...[start(2), join(a2, 2), join(a3, 2), propose(2, v1, q23, oneB(a2, 2, 1, v1)), vote(a2, 2, v1), vote(a3, 2, v1)],
            ),
          },
          {
            what: "v1 and v2 each voted for by one acceptor only",
            why: "one vote is no quorum (line 133), so Chosen is empty",
            state: after(
              model,
              init,
              ...[start(0), join(a1, 0), join(a2, 0), propose(0, v1, q12), vote(a1, 0, v1)],
              ...[start(2), join(a2, 2), join(a3, 2), propose(2, v2, q23), vote(a3, 2, v2)],
            ),
          },
        ],
      },

      AcceptorConsistent: {
        spec: "spec/Paxos.tla:162",
        breaks: [
          {
            what: "a1 voted for v1 in ballot 0 but its maxVal is None",
            why: "line 164: maxVBal[a1] = 0 # -1 while maxVal[a1] = None (and line 166: VotedFor(a1, 0, None) is false)",
            state: { ...chosenV1At0, maxVal: except(chosenV1At0.maxVal, a1, None) },
          },
          {
            what: "a1's last vote is in the highest ballot 2 but its maxBal is 1",
            why: "line 165: maxVBal[a1] = 2 > maxBal[a1] = 1; Phase2b sets both to the ballot voted in (lines 116-117)",
            state: { ...a1VotedAt2, maxBal: except(a1VotedAt2.maxBal, a1, 1) },
          },
          {
            what: "a3, the last acceptor, claims a vote for v1 in ballot 0 that it never cast",
            why: 'line 166: maxVBal[a3] = 0 but [type |-> "2b", acc |-> a3, bal |-> 0, val |-> v1] is not in msgs (VotedFor, line 131)',
            state: { ...chosenV1At0, maxBal: [0, 0, 0], maxVBal: [0, 0, 0], maxVal: [v1, v1, v1] },
          },
        ],
        holds: [
          {
            what: "no acceptor has voted",
            why: "maxVBal = -1 and maxVal = None for all (line 164), and -1 <= maxBal (line 165)",
            state: init,
          },
          {
            what: "a1 voted for v2 in the highest ballot 2: maxVBal = maxBal = 2",
            why: "line 165 allows equality, and the vote is in msgs (line 166)",
            state: a1VotedAt2,
          },
          {
            what: "a1 joined ballot 2 after voting in ballot 0: maxBal 2 > maxVBal 0",
            why: "line 165 holds strictly; the last vote is still its vote in ballot 0 (line 166)",
            state: after(model, chosenV1At0, start(2), join(a1, 2)),
          },
        ],
      },

      Msg1bConsistent: {
        spec: "spec/Paxos.tla:174",
        breaks: [
          {
            what: "a3 answered the 1a of the highest ballot 2 without recording its promise (maxBal[a3] = -1)",
            why: "line 177: m.bal = 2 > maxBal[a3] = -1. Reached when Phase1b leaves maxBal unchanged (variant promise-not-recorded; the spec's line 81)",
            state: after(promiseNotRecorded, init, start(2), join(a3, 2)),
          },
          {
            what: "a2's 1b for ballot 2 reports a vote for v1 in ballot 0 that it never cast",
            why: "lines 180-181: the reported vote must be VotedFor(a2, 0, v1), and no such 2b message was sent",
            state: { ...init, maxBal: [-1, 2, -1], msgs: messageSet([oneA(2), oneB(a2, 2, 0, v1)]) },
          },
          {
            what: "a1's 1b for ballot 1 reports a vote in ballot 1 itself (mbal = bal)",
            why: "line 180: m.mbal \\in 0..(m.bal - 1) excludes the joined ballot: an acceptor reports the votes it cast before joining",
            state: (() => {
              const s = after(model, init, start(1), join(a2, 1), join(a3, 1), propose(1, v1, q23), vote(a1, 1, v1));
              return { ...s, msgs: send(s.msgs, oneB(a1, 1, 1, v1)) };
            })(),
          },
          {
            what: "a1 reports no vote when joining ballot 2, yet voted for v2 in ballot 1, the ballot just below",
            why:
              "lines 182-183: no vote in any c \\in (m.mbal + 1)..(m.bal - 1) = 0..1, and a1 voted in c = 1 = m.bal - 1, the last index. " +
              "What an acceptor that votes below its promise leaves behind (variant accept-below-promise), with maxBal[a1] = 2 kept so that only this conjunct fails",
            state: (() => {
              const s = after(model, init, start(1), join(a2, 1), join(a3, 1), propose(1, v2, q23), vote(a1, 1, v2), start(2));
              return { ...s, maxBal: except(s.maxBal, a1, 2), msgs: send(s.msgs, oneB(a1, 2, -1, None)) };
            })(),
          },
          {
            what: "a1 reports no vote when joining ballot 2, yet voted for v1 in ballot 0",
            why: "lines 182-183 again, at the first index: c = m.mbal + 1 = 0",
            state: (() => {
              const s = after(model, init, start(0), join(a2, 0), join(a3, 0), propose(0, v1, q23), vote(a1, 0, v1), start(2));
              return { ...s, maxBal: except(s.maxBal, a1, 2), msgs: send(s.msgs, oneB(a1, 2, -1, None)) };
            })(),
          },
          {
            what: "a1 reports a vote for v1 in ballot 0 when joining ballot 2, and v1 is not what it voted for there",
            why: "lines 180-181: VotedFor(a1, 0, v1) is false, a1 voted for v2 in ballot 0",
            state: (() => {
              const s = after(model, init, start(0), join(a2, 0), join(a3, 0), propose(0, v2, q23), vote(a1, 0, v2), start(2));
              return { ...s, maxBal: except(s.maxBal, a1, 2), msgs: send(s.msgs, oneB(a1, 2, 0, v1)) };
            })(),
          },
        ],
        holds: [
          {
            what: "every acceptor joined ballot 0, reporting no vote",
            why: "m.mbal = -1 and m.mval = None (lines 178-179), nothing to have voted in below 0, and maxBal = 0 = m.bal (line 177)",
            state: after(model, init, start(0), join(a1, 0), join(a2, 0), join(a3, 0)),
          },
          {
            what: "a1 joined the highest ballot 2 reporting its vote in ballot 1, the ballot just below",
            why: "m.mbal = 1 = m.bal - 1 is the highest report line 180 allows; (m.mbal + 1)..(m.bal - 1) is empty",
            state: after(model, init, start(1), join(a1, 1), join(a2, 1), propose(1, v1, q12), vote(a1, 1, v1), start(2), join(a1, 2)),
          },
          {
            what: "a2 joined ballot 2 reporting its vote in ballot 0, and it cast none in ballot 1",
            why: "the reported vote was cast (line 181) and no vote in 1..1 (lines 182-183)",
            state: after(model, chosenV1At0, start(2), join(a2, 2)),
          },
        ],
      },

      OneValuePerBallot: {
        spec: "spec/Paxos.tla:187",
        breaks: [
          {
            what: "v1 and v2 both proposed in the highest ballot 2",
            why: "line 189: two 2a messages with bal = 2 and different val. Reached when Phase2a checks only for a proposal of the same value (variant two-values-per-ballot; the spec's line 97)",
            state: after(twoValues, init, start(2), join(a1, 2), join(a2, 2), propose(2, v1, q12), propose(2, v2, q12)),
          },
        ],
        holds: [
          {
            what: "v1 proposed in ballot 0 and v2 in ballot 2",
            why: "different values in different ballots: line 189 compares proposals of one ballot only",
            state: after(
              model,
              init,
              ...[start(0), join(a1, 0), join(a2, 0), propose(0, v1, q12)],
              ...[start(2), join(a2, 2), join(a3, 2), propose(2, v2, q23)],
            ),
          },
          { what: "one proposal, voted for by a quorum", why: "a single 2a message in ballot 0", state: chosenV1At0 },
        ],
      },

      Msg2aSafe: {
        spec: "spec/Paxos.tla:198",
        breaks: [
          {
            what: "v2 proposed in ballot 2 although v1 was chosen in ballot 1, the ballot just below",
            why:
              "SafeAt(2, v2) (lines 154-156) fails at c = 1 = b - 1, the last index: in ballot 1, a1 and a2 voted for v1, not v2, and " +
              "having voted there they are not WontVoteIn(a, 1) (line 149); only a3 (maxBal 2 > 1, no vote in 1) is fine, and {a3} is no quorum. " +
              "Reached when the leader ignores a2's report (variant ignore-reported-values)",
            state: after(ignoreReports, chosenV1At1, start(2), join(a2, 2), join(a3, 2), propose(2, v2, q23)),
          },
          {
            what: "v2 proposed in ballot 2 although v1 was chosen in ballot 0",
            why: "SafeAt(2, v2) fails at c = 0, the first index: a1 and a2 voted for v1 in ballot 0, so only a3 is fine there",
            state: after(ignoreReports, chosenV1At0, start(2), join(a2, 2), join(a3, 2), propose(2, v2, q23)),
          },
        ],
        holds: [
          {
            what: "v1 chosen in ballot 1 and proposed again in ballot 2, as a2 reported",
            why: "SafeAt(2, v1): at c = 1 a1 and a2 voted for v1, at c = 0 everyone has joined a higher ballot without voting (WontVoteIn, line 148)",
            state: after(model, chosenV1At1, start(2), join(a2, 2), join(a3, 2), propose(2, v1, q23, oneB(a2, 2, 1, v1))),
          },
          {
            what: "a proposal in ballot 0",
            why: "SafeAt(0, v) quantifies over 0..-1, which is empty (line 155)",
            state: after(model, init, start(0), join(a1, 0), join(a2, 0), propose(0, v2, q12)),
          },
          {
            what: "v2 proposed in ballot 2 by {a2, a3}, who skipped ballots 0 and 1 without voting",
            why: "for c = 0 and c = 1, a2 and a3 (the last acceptor) have maxBal 2 > c and no vote in c: WontVoteIn (line 148); a1, which joined nothing, is not needed",
            state: after(model, init, start(2), join(a2, 2), join(a3, 2), propose(2, v2, q23)),
          },
        ],
      },

      Msg2bConsistent: {
        spec: "spec/Paxos.tla:204",
        breaks: [
          {
            what: "a2 voted for v2 in ballot 0, where only v1 was proposed",
            why: 'line 207: [type |-> "2a", bal |-> 0, val |-> v2] is not in msgs; a2\'s own variables agree with the vote (AcceptorConsistent holds)',
            state: (() => {
              const s = after(model, init, start(0), join(a1, 0), join(a2, 0), propose(0, v1, q12), vote(a1, 0, v1));
              return {
                ...s,
                maxVBal: except(s.maxVBal, a2, 0),
                maxVal: except(s.maxVal, a2, v2),
                msgs: send(s.msgs, { type: "2b", acc: a2, bal: 0, val: v2 }),
              };
            })(),
          },
          {
            what: "a3 voted for v2 in the highest ballot 2, one above its maxVBal of 1",
            why: "line 208: m.bal = 2 > maxVBal[a3] = 1; Phase2b sets maxVBal to the ballot of the vote (line 117). Its maxVBal and maxVal still name its earlier vote, v1 in ballot 1",
            state: { ...a3VotedAt1And2, maxVBal: except(a3VotedAt1And2.maxVBal, a3, 1), maxVal: except(a3VotedAt1And2.maxVal, a3, v1) },
          },
        ],
        holds: [
          {
            what: "a3 voted for v1 in ballot 1 and for v2 in the highest ballot 2, its maxVBal",
            why: "both votes are for proposals (line 207) and at most maxVBal[a3] = 2 (line 208, equality allowed)",
            state: a3VotedAt1And2,
          },
          {
            what: "a1 voted for v1 in ballot 0 and again in ballot 2",
            why: "each vote echoes a proposal, and both ballots are at most maxVBal[a1] = 2",
            state: after(model, chosenV1At0, start(2), join(a1, 2), join(a3, 2), propose(2, v1, q13, oneB(a1, 2, 0, v1)), vote(a1, 2, v1)),
          },
        ],
      },
    },
    actionProperties: {},
  };
}
