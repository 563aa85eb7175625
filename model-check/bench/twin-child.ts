/**
 * One twin run of the benchmark, in a process of its own so that its wall
 * time and peak memory are measured from outside like TLC's: reads a JSON
 * job from argv, runs the search, prints the result's counts as JSON.
 *
 * @module
 */
import { bfs } from "../bfs.js";
import { collisionProbability } from "../fingerprint.js";
import { type ModelSource, buildModel, loadProtocol } from "../model-source.js";
import { parallelBfs } from "../parallel/parallel-bfs.js";

/** What the benchmark asks of a twin run. */
export interface TwinJob {
  readonly source: ModelSource;
  readonly workers: number;
  readonly checkDeadlock: boolean;
  readonly symmetry: boolean;
}

/** What a twin run reports back. */
export interface TwinOutcome {
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly depth: number;
  readonly complete: boolean;
  readonly violation: string | null;
  readonly searchMs: number;
  readonly visitedSetBytes: number;
  readonly predecessorLogBytes: number;
  readonly peakFrontierBytes: number;
  readonly collisionProbability: number;
}

const job = JSON.parse(process.argv[2] ?? "null") as TwinJob;
const options = { checkDeadlock: job.checkDeadlock, symmetry: job.symmetry };
// A protocol from a module (a bench row of a declared protocol) is imported first.
await loadProtocol(job.source);
const result = job.workers > 1 ? parallelBfs(job.source, { ...options, workers: job.workers }) : bfs(buildModel(job.source), options);
const outcome: TwinOutcome = {
  distinctStates: result.distinctStates,
  statesGenerated: result.statesGenerated,
  depth: result.depth,
  complete: result.complete,
  violation: result.violation === null ? null : result.violation.kind,
  searchMs: result.durationMs,
  visitedSetBytes: result.visitedSetBytes,
  predecessorLogBytes: result.predecessorLogBytes,
  peakFrontierBytes: result.peakFrontierBytes,
  collisionProbability: collisionProbability(result.distinctStates, result.statesGenerated),
};
process.stdout.write(`${JSON.stringify(outcome)}\n`);
