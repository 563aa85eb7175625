/**
 * A change to Raft that its rule hooks do not reach: a leader that commits
 * what its own log holds without waiting for a quorum. The shipped Raft's
 * action table is taken as it is and one action is replaced (`withActions`);
 * everything else (the codec, invariants, witnesses, TLA+ binding) stays
 * the reference's.
 *
 *   npx tla-twin check examples/raft-commit-alone.ts --preset elect --symmetry
 *
 * finds LeaderCompleteness broken.
 */
import { raft, withActions } from "tla-twin";

const { raft: reference, raftContext, referenceRules, advanceCommitIndex } = raft;
type Raft = ReturnType<typeof reference.model>;
type AdvanceCommitIndex = NonNullable<Raft["transitions"]>["table"]["AdvanceCommitIndex"];

/** AdvanceCommitIndex as if every server had acknowledged the leader's whole log. */
function commitAlone(servers: number, values: number): AdvanceCommitIndex {
  const ctx = raftContext(servers, values, referenceRules);
  return (s, { i }) => {
    const asIfAll = { ...s, matchIndex: s.matchIndex.map((row, k) => (k === i ? row.map(() => s.log[i]!.length) : row)) };
    const next = advanceCommitIndex(ctx, asIfAll, i);
    if (next === undefined) return undefined;
    // Only the commit is the leader's to change: the acknowledgements stay what they were.
    return next === asIfAll ? s : { ...next, matchIndex: s.matchIndex };
  };
}

const commitAloneRaft: typeof reference = {
  ...reference,
  name: "raft-commit-alone",
  title: "Raft whose leader commits on its own copy",
  variants: [],
  model: (options) => withActions(reference.model(options), { AdvanceCommitIndex: commitAlone(options["servers"]!, options["values"]!) }),
};

export default commitAloneRaft;
