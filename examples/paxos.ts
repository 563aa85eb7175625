/**
 * Single-decree Paxos (spec/Paxos.tla, checked through spec/MCPaxos.tla)
 * declared through the package API: the existentials of its actions (the
 * message a Phase1b answers, the quorum a Phase2a relies on) are parameters
 * read from the state, `from(...)`, which TLC does not print and the twin
 * keeps as witnesses. `tla-twin crosscheck examples/paxos.ts` holds it to
 * TLC, and `npm run bench` compares it with the hand-written twin.
 */
import { type Infer, actionsOn, defineModel, defineProtocol, from, func, ids, int, optional, paxos as shipped, record, setOf, tagged } from "tla-twin";

function model(acceptorCount: number, valueCount: number, maxBallot: number) {
  const Acceptor = ids("Acceptor", acceptorCount, Array.from({ length: acceptorCount }, (_, i) => `a${i + 1}`));
  const Value = ids("Value", valueCount, Array.from({ length: valueCount }, (_, i) => `v${i + 1}`));
  const Ballot = int(0, maxBallot);
  const BallotOrNone = int(-1, maxBallot);
  const ValueOrNone = optional(Value, "None");
  const Message = tagged("type", {
    "1a": { bal: Ballot },
    "1b": { acc: Acceptor, bal: Ballot, mbal: BallotOrNone, mval: ValueOrNone },
    "2a": { bal: Ballot, val: Value },
    "2b": { acc: Acceptor, bal: Ballot, val: Value },
  });
  const State = record({ maxBal: func(Acceptor, BallotOrNone), maxVBal: func(Acceptor, BallotOrNone), maxVal: func(Acceptor, ValueOrNone), msgs: setOf(Message) });
  type State = Infer<typeof State>;
  type Message = Infer<typeof Message>;
  const action = actionsOn(State);

  const acceptors = Array.from({ length: acceptorCount }, (_, a) => a);
  // Majorities, each as a list of acceptors, in a fixed order.
  const quorums = Array.from({ length: 2 ** acceptorCount }, (_, bits) => acceptors.filter((a) => (bits >> a) & 1)).filter((q) => 2 * q.length > acceptorCount);
  const Quorum = setOf(Acceptor);
  // msgs' = msgs \cup {m}: a message already sent leaves msgs as it is (a set is an array without repeats).
  const same = (x: Message, y: Message): boolean => (Object.keys(y) as (keyof Message)[]).every((k) => x[k] === y[k]);
  const send = (s: State, m: Message): State => (s.msgs.some((x) => same(x, m)) ? s : { ...s, msgs: [...s.msgs, m] });
  /** The 1b messages of quorum `Q` for ballot `b` that make `v` safe: `[null]` when none of them reports a vote, else those with the highest vote, for `v`. */
  const safeBy = (s: State, b: number, v: number, Q: readonly number[]): (Message | null)[] => {
    const voted = s.msgs.filter((m) => m.type === "1b" && m.bal === b && Q.includes(m.acc) && m.mbal >= 0) as Extract<Message, { type: "1b" }>[];
    if (voted.length === 0) return [null];
    const highest = Math.max(...voted.map((m) => m.mbal));
    return voted.filter((m) => m.mbal === highest && m.mval === v);
  };
  const set = <T>(f: readonly T[], a: number, value: T): T[] => f.map((old, i) => (i === a ? value : old));
  const votedFor = (s: State, a: number, b: number, v: number) => s.msgs.some((m) => m.type === "2b" && m.acc === a && m.bal === b && m.val === v);
  const chosen = (s: State, v: number) => [...Array(maxBallot + 1).keys()].some((b) => quorums.some((q) => q.every((a) => votedFor(s, a, b, v))));

  return defineModel({
    state: State,
    init: [{ maxBal: Array(acceptorCount).fill(-1), maxVBal: Array(acceptorCount).fill(-1), maxVal: Array(acceptorCount).fill(null), msgs: [] }],
    actions: {
      Phase1a: action({ b: Ballot }, (s, { b }) => send(s, { type: "1a", bal: b })),
      // \E Q \in Quorum, then \E m \in Q1bv (the vote that makes v safe; none when no acceptor of Q has voted):
      // TLC takes a step for each witness, so the twin does too.
      Phase2a: action({ b: Ballot, v: Value, Q: from(Quorum, () => quorums), m: from(optional(Message, "None"), (s: State, { b, v, Q }) => safeBy(s, b, v, Q)) }, (s, { b, v, Q }) => {
        if (s.msgs.some((m) => m.type === "2a" && m.bal === b)) return undefined;
        if (!Q.every((a: number) => s.msgs.some((m) => m.type === "1b" && m.bal === b && m.acc === a))) return undefined;
        return send(s, { type: "2a", bal: b, val: v });
      }),
      Phase1b: action({ a: Acceptor, m: from(Message, (s: State) => s.msgs) }, (s, { a, m }) =>
        m.type === "1a" && m.bal > s.maxBal[a]!
          ? send({ ...s, maxBal: set(s.maxBal, a, m.bal) }, { type: "1b", acc: a, bal: m.bal, mbal: s.maxVBal[a]!, mval: s.maxVal[a]! })
          : undefined,
      ),
      Phase2b: action({ a: Acceptor, m: from(Message, (s: State) => s.msgs) }, (s, { a, m }) =>
        m.type === "2a" && m.bal >= s.maxBal[a]!
          ? send({ maxBal: set(s.maxBal, a, m.bal), maxVBal: set(s.maxVBal, a, m.bal), maxVal: set(s.maxVal, a, m.val), msgs: s.msgs }, { type: "2b", acc: a, bal: m.bal, val: m.val })
          : undefined,
      ),
    },
    invariants: {
      Agreement: { description: "at most one value is chosen", holds: (s) => [...Array(valueCount).keys()].filter((v) => chosen(s, v)).length <= 1 },
    },
    witnesses: {
      ValueChosen: { description: "a value is chosen, so Agreement is not vacuous", holds: (s) => [...Array(valueCount).keys()].some((v) => chosen(s, v)) },
    },
    symmetry: ["Acceptor", "Value"],
    tla: {
      module: "MCPaxos",
      specDir: new URL("../spec/", import.meta.url),
      cfg: shipped.paxosTlcConfig({ acceptorCount, valueCount, maxBallot }, ["TypeOK", "Agreement"]),
    },
  });
}

export default defineProtocol({
  name: "paxos-declared",
  title: "Single-decree Paxos (declared through the package API)",
  options: {
    acceptors: { description: "acceptors, with majority quorums", min: 1, max: 5, default: 3 },
    values: { description: "values that may be proposed", min: 1, max: 3, default: 2 },
    "max-ballot": { description: "highest ballot (ballots are 0..max-ballot)", min: 0, max: 3, default: 1 },
  },
  model: (o) => model(o.acceptors!, o.values!, o["max-ballot"]!),
});
