/**
 * Regenerates the stored counterexamples of the Raft bug zoo, one JSON file
 * per variant beside this script, which test/raft/variants.test.ts replays.
 * Run deliberately, after a change to the twin or the zoo:
 *
 *     npx tsx test/raft/counterexamples/regenerate.ts [--keep-search] [variant ...]
 *
 * A variant's counterexample comes from a breadth-first search of the
 * variant under its `exhibitedWith` options (with its `searchWith` flags, if
 * any: symmetry reduction and worker threads keep BFS levels), so it is a
 * shortest one, except where that search is out of reach (the variant says
 * so): there it is the scripted scenario below, replayed through the
 * variant's own `step`, and where the variant gives `noneShorterThan`, a
 * search bounded at that depth runs and must find no violation. The figures
 * of the search are stored with the trace. With `--keep-search`, a scripted
 * variant's script runs again but its bounded search does not (it takes most
 * of an hour): the stored figures are kept, with the variant's
 * `lowerBoundMeasured` as their note.
 */
import { existsSync, readFileSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { bfs } from "../../../model-check/bfs.js";
import { formatActionLabel } from "../../../model-check/format.js";
import { parallelBfs } from "../../../model-check/parallel/parallel-bfs.js";
import type { Model } from "../../../src/protocol.js";
import { resolveOptions } from "../../../src/protocol.js";
import { type Message, type RaftAction, type RaftState, type RaftVariant, raft, raftVariants } from "../../../src/raft/index.js";
import { type StoredCounterexample, counterexampleFile } from "./stored.js";

/** A scripted behaviour: steps are taken through the model's `step`, which must allow each. */
class Script {
  readonly actions: RaftAction[] = [];
  private state: RaftState;

  constructor(private readonly model: Model<RaftState, RaftAction>) {
    this.state = model.initialStates()[0]!;
  }

  act(a: RaftAction): void {
    const next = this.model.step(this.state, a);
    if (next === undefined) throw new Error(`not enabled: ${formatActionLabel(this.model.actionLabel(a))}`);
    this.actions.push(a);
    this.state = next;
  }

  /** Delivers the first message in flight (in the bag's order) that `which` accepts. */
  deliver(which: (m: Message) => boolean = () => true): void {
    const item = this.state.messages.find((x) => which(x.m));
    if (item === undefined) throw new Error("no such message in flight");
    this.act({ type: "Receive", m: item.m });
  }

  /** Delivers what is in flight until nothing is. */
  settle(): void {
    while (this.state.messages.length > 0) this.deliver();
  }

  /** Candidate asks each voter in turn and hears back, then becomes leader. */
  elect(candidate: number, voters: readonly number[]): void {
    for (const voter of voters) {
      this.act({ type: "RequestVote", i: candidate, j: voter });
      this.settle();
    }
    this.act({ type: "BecomeLeader", i: candidate });
  }
}

const [s1, s2, s3] = [0, 1, 2];

/**
 * The dissertation's Figure 3.7 on three servers, one message in flight:
 * s1 leads term 2 and appends A; s2 leads term 3 (voted by s3) and appends
 * B at the same index; s1 leads term 4 (voted by s3), copies A to s3 and,
 * by the variant's rule, commits A because a quorum stores it; s2 then
 * leads term 5 with s3's vote (its last term 3 beats A's 2) without A.
 */
function figure37(model: Model<RaftState, RaftAction>): RaftAction[] {
  const script = new Script(model);
  script.act({ type: "Timeout", i: s1 });
  script.elect(s1, [s1, s2]); // term 2
  script.act({ type: "ClientRequest", i: s1, v: 0 }); // A = [term 2] at index 1
  script.act({ type: "Timeout", i: s2 });
  script.elect(s2, [s2, s3]); // term 3
  script.act({ type: "ClientRequest", i: s2, v: 0 }); // B = [term 3] at index 1
  script.act({ type: "Restart", i: s1 });
  script.act({ type: "Timeout", i: s1 });
  script.act({ type: "Timeout", i: s1 });
  script.elect(s1, [s1, s3]); // term 4
  script.act({ type: "AppendEntries", i: s1, j: s3 }); // prevLogIndex 1: refused
  script.settle();
  script.act({ type: "AppendEntries", i: s1, j: s3 }); // A itself: appended, then acknowledged
  script.settle();
  script.act({ type: "AdvanceCommitIndex", i: s1 }); // the variant commits A (of term 2) in term 4
  script.act({ type: "Restart", i: s2 });
  script.act({ type: "Timeout", i: s2 });
  script.act({ type: "Timeout", i: s2 });
  script.elect(s2, [s2, s3]); // term 5, without A
  return script.actions;
}

/** Counterexamples that are scripted rather than searched for, by variant. */
const scripted: Readonly<Record<string, { readonly foundBy: string; readonly build: typeof figure37 }>> = {
  "commit-previous-term": {
    foundBy:
      "scripted: the dissertation's Figure 3.7 on three servers (a complete breadth-first search to MaxTerm 5 is out of reach), so not proven shortest",
    build: figure37,
  },
};

function regenerate(variant: RaftVariant, keepSearch: boolean): StoredCounterexample {
  const options = resolveOptions(raft, variant.exhibitedWith);
  const model = raft.model(options, variant.name);
  const script = scripted[variant.name];
  let actions: readonly RaftAction[];
  let search: StoredCounterexample["search"] = null;
  const maxDepth = variant.counterexample.noneShorterThan;
  const result = () =>
    variant.searchWith === undefined
      ? bfs(model, { checkDeadlock: false, maxDepth })
      : parallelBfs({ protocol: raft.name, options, variant: variant.name }, { checkDeadlock: false, maxDepth, ...variant.searchWith });
  const figures = (r: ReturnType<typeof result>) => ({
    distinctStates: r.distinctStates,
    statesGenerated: r.statesGenerated,
    depth: r.depth,
    symmetry: r.search.symmetry,
    depthBound: r.search.depthBound,
  });
  let searchNote: string | undefined;
  if (script !== undefined) {
    actions = script.build(model);
    const file = counterexampleFile(variant.name);
    if (maxDepth !== undefined && keepSearch && existsSync(file)) {
      const before = JSON.parse(readFileSync(file, "utf8")) as StoredCounterexample;
      search = before.search;
      searchNote = variant.counterexample.lowerBoundMeasured ?? before.searchNote;
    } else if (maxDepth !== undefined) {
      // The bounded search that shows no counterexample is shorter than maxDepth steps.
      const bounded = result();
      if (bounded.violation !== null || bounded.complete) {
        throw new Error(`${variant.name}: expected no violation within depth ${maxDepth} and states beyond it`);
      }
      search = figures(bounded);
    }
  } else {
    const searched = result();
    const violation = searched.violation;
    if (violation === null || (violation.kind !== "invariant" && violation.kind !== "action-property") || violation.name !== variant.breaks) {
      throw new Error(`${variant.name}: expected ${variant.breaks} to break, got ${violation?.kind ?? "no violation"}`);
    }
    // The parallel search rebuilds its trace through the same Raft model, so its actions are Raft actions.
    actions = violation.trace.steps.map((step) => step.action as RaftAction);
    search = figures(searched);
  }
  return {
    variant: variant.name,
    options,
    breaks: variant.breaks,
    steps: actions.length,
    foundBy: script?.foundBy ?? "breadth-first search of the variant with these options: a shortest counterexample",
    shortest: script === undefined,
    search,
    ...(searchNote === undefined ? {} : { searchNote }),
    labels: actions.map((a) => formatActionLabel(model.actionLabel(a))),
    actions,
  };
}

const args = process.argv.slice(2);
const keepSearch = args.includes("--keep-search");
const wanted = args.filter((a) => a !== "--keep-search");
for (const variant of raftVariants.filter((v) => wanted.length === 0 || wanted.includes(v.name))) {
  const started = Date.now();
  const stored = regenerate(variant, keepSearch);
  writeFileSync(counterexampleFile(variant.name), `${JSON.stringify(stored, null, 2)}\n`);
  console.log(`${variant.name}: ${stored.steps} steps, ${stored.breaks}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
