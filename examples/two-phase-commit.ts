/**
 * Two-Phase Commit (the spec in spec/TwoPhase.tla) declared through the
 * package API alone: the same protocol as the hand-tuned twin in
 * src/twophase/, here with a schema-derived codec and a derived action
 * table. `tla-twin crosscheck examples/two-phase-commit.ts` holds it to TLC
 * on spec/TwoPhase.tla, and `npm run bench` compares its speed with the
 * hand-written twin's.
 */
import { type Infer, actionsOn, defineModel, defineProtocol, enumOf, func, ids, record, setOf, tagged, twophase } from "tla-twin";

function model(rmCount: number) {
  const RM = ids("RM", rmCount, Array.from({ length: rmCount }, (_, i) => `r${i + 1}`));
  const Message = tagged("type", { Prepared: { rm: RM }, Commit: {}, Abort: {} });
  const State = record({
    rmState: func(RM, enumOf("working", "prepared", "committed", "aborted")),
    tmState: enumOf("init", "committed", "aborted"),
    tmPrepared: setOf(RM),
    msgs: setOf(Message),
  });
  type State = Infer<typeof State>;
  type RmState = State["rmState"][number];
  const action = actionsOn(State);

  const setRm = (s: State, r: number, to: RmState): State => ({ ...s, rmState: s.rmState.map((old, q) => (q === r ? to : old)) });
  // A set is an array without repeats: adding a member leaves it as it is, as `S \cup {x}` does.
  const added = (set: readonly number[], x: number): readonly number[] => (set.includes(x) ? set : [...set, x]);
  const has = (s: State, type: "Commit" | "Abort"): boolean => s.msgs.some((m) => m.type === type);
  const sent = (s: State, m: Infer<typeof Message>): State => ({ ...s, msgs: [...s.msgs, m] });

  return defineModel({
    state: State,
    init: [{ rmState: Array<RmState>(rmCount).fill("working"), tmState: "init", tmPrepared: [], msgs: [] }],
    actions: {
      TMCommit: action((s) => (s.tmState === "init" && s.tmPrepared.length === rmCount ? sent({ ...s, tmState: "committed" }, { type: "Commit" }) : undefined)),
      TMAbort: action((s) => (s.tmState === "init" ? sent({ ...s, tmState: "aborted" }, { type: "Abort" }) : undefined)),
      TMRcvPrepared: action({ r: RM }, (s, { r }) =>
        s.tmState === "init" && s.msgs.some((m) => m.type === "Prepared" && m.rm === r) ? { ...s, tmPrepared: added(s.tmPrepared, r) } : undefined,
      ),
      RMPrepare: action({ r: RM }, (s, { r }) => (s.rmState[r] === "working" ? sent(setRm(s, r, "prepared"), { type: "Prepared", rm: r }) : undefined)),
      RMChooseToAbort: action({ r: RM }, (s, { r }) => (s.rmState[r] === "working" ? setRm(s, r, "aborted") : undefined)),
      RMRcvCommitMsg: action({ r: RM }, (s, { r }) => (has(s, "Commit") ? setRm(s, r, "committed") : undefined)),
      RMRcvAbortMsg: action({ r: RM }, (s, { r }) => (has(s, "Abort") ? setRm(s, r, "aborted") : undefined)),
    },
    invariants: {
      TCConsistent: {
        description: "no RM has committed while another has aborted",
        holds: (s) => !(s.rmState.includes("committed") && s.rmState.includes("aborted")),
      },
    },
    witnesses: {
      SomeRMCommitted: { description: "an RM commits, so TCConsistent is not vacuous", holds: (s) => s.rmState.includes("committed") },
    },
    symmetry: ["RM"],
    // The same spec as the shipped twin's, and its TLC config, so that `tla-twin crosscheck` holds this one to TLC too.
    tla: { module: "TwoPhase", specDir: new URL("../spec/", import.meta.url), goalsModule: "TwoPhaseGoals", cfg: twophase.twoPhaseTlcConfig(rmCount) },
  });
}

export default defineProtocol({
  name: "two-phase-commit",
  title: "Two-Phase Commit (declared through the package API)",
  options: { rm: { description: "resource managers", min: 1, max: 10, default: 3 } },
  model: ({ rm }) => model(rm!),
});
