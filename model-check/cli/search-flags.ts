/**
 * The search options of `tla-twin check` (`--mode`, `--workers`,
 * `--symmetry`, `--depth`, `--traces`, `--seed`, `--checkpoint`,
 * `--checkpoint-every`, `--resume`): their flags, the checks that reject
 * meaningless combinations with one clear line, and running the chosen
 * search.
 *
 * @module
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import type { AnyModel, TwinAction } from "../../src/protocol.js";
import { type Progress, bfs } from "../bfs.js";
import type { CheckpointSettings, ResumedFrom } from "../checkpoint/checkpointing.js";
import { searchIdentity } from "../checkpoint/identity.js";
import { CheckpointError, type CheckpointWritten, checkResumable, holdsCheckpoint, readCheckpointHeader } from "../checkpoint/snapshot.js";
import { dfs } from "../dfs.js";
import { maxRecordedDepth } from "../depth-table.js";
import type { ModelSource } from "../model-source.js";
import { parallelBfs } from "../parallel/parallel-bfs.js";
import { maxSeed } from "../random.js";
import type { CheckResult } from "../result.js";
import { formatCount, formatSeconds } from "../format.js";
import { simulate } from "../simulate.js";
import type { StopSignal } from "../stop.js";
import type { FlagSpec, Flags } from "./args.js";
import { UsageError } from "./usage-error.js";

/** The most worker threads accepted. */
export const maxWorkers = 64;
/** Behaviours per simulation unless `--traces` says otherwise. */
export const defaultTraces = 1000;
/** States per simulated behaviour unless `--depth` says otherwise (TLC's default for `-simulate`). */
export const defaultSimulationDepth = 100;
/** Seconds between two checkpoints unless `--checkpoint-every` says otherwise (TLC's `-checkpoint` default is 30 minutes; a level of a large model takes minutes). */
export const defaultCheckpointEverySeconds = 300;

const modes = ["bfs", "dfs", "simulate"] as const;
/** A search strategy. */
export type SearchMode = (typeof modes)[number];

/** The flags, in the order help shows them. */
export const searchFlags: readonly FlagSpec[] = [
  { name: "mode", kind: "choice", description: "search strategy (default bfs)", choices: modes },
  { name: "workers", kind: "int", description: "worker threads of the breadth-first search (default 1)", min: 1, max: maxWorkers },
  { name: "symmetry", kind: "boolean", description: "explore one state per orbit of the protocol's symmetry (bfs, dfs)" },
  { name: "refinement", kind: "boolean", description: "also check the protocol's refinement of its abstract spec on every step" },
  {
    name: "depth",
    kind: "int",
    description: `bfs, dfs: expand no state at this level (initial = 1); simulate: states per behaviour (default ${defaultSimulationDepth})`,
    min: 1,
    max: maxRecordedDepth,
  },
  { name: "traces", kind: "int", description: `simulate: behaviours to run (default ${defaultTraces})`, min: 1, max: Number.MAX_SAFE_INTEGER },
  { name: "seed", kind: "int", description: "simulate: seed of the random choices (default: a random one, printed)", min: 0, max: maxSeed },
  {
    name: "checkpoint",
    kind: "string",
    placeholder: "DIR",
    description: "bfs: save the search to DIR at level ends (see --checkpoint-every) and when it is stopped; --resume DIR continues it",
  },
  {
    name: "checkpoint-every",
    kind: "int",
    description: `seconds between two checkpoints, written when a level ends (default ${defaultCheckpointEverySeconds}; 0: at every level)`,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
  },
  { name: "resume", kind: "string", placeholder: "DIR", description: "bfs: continue the search saved in DIR by --checkpoint (same model, options and code)" },
];

/** A validated choice of search. */
export interface SearchPlan {
  readonly mode: SearchMode;
  readonly workers: number;
  readonly symmetry: boolean;
  /** Check the model's refinement claim on every step. */
  readonly refinement: boolean;
  /** BFS or DFS bound, or simulation length, when it applies. */
  readonly depth: number | undefined;
  readonly traces: number | undefined;
  readonly seed: number | undefined;
  /** Where and how often to save the search (`--checkpoint`). */
  readonly checkpoint: CheckpointSettings | undefined;
  /** The checkpoint to continue (`--resume`), its header already checked against this search. */
  readonly resume: ResumedFrom | undefined;
}

/**
 * Checks the search flags against each other and the model (named by
 * `source`); throws {@link UsageError} for a combination that means nothing,
 * or a checkpoint to resume that is missing or another search's.
 */
export function planSearch(flags: Flags, model: AnyModel, source: ModelSource): SearchPlan {
  const mode = flags.text<SearchMode>("mode") ?? "bfs";
  const workers = flags.int("workers");
  const symmetry = flags.on("symmetry");
  const depth = flags.int("depth");
  const traces = flags.int("traces");
  const seed = flags.int("seed");
  if (workers !== undefined && workers > 1 && mode !== "bfs") {
    throw new UsageError(`--workers applies to --mode bfs only (got --mode ${mode})`);
  }
  if ((traces !== undefined || seed !== undefined) && mode !== "simulate") {
    throw new UsageError(`${traces !== undefined ? "--traces" : "--seed"} applies to --mode simulate only`);
  }
  if (symmetry && mode === "simulate") throw new UsageError("--symmetry applies to --mode bfs and dfs, not to simulate");
  if (symmetry && model.symmetry === undefined) throw new UsageError(`${model.protocol} has no symmetry reduction`);
  const refinement = flags.on("refinement");
  if (refinement && model.refinement === undefined) throw new UsageError(`${model.protocol} claims no refinement to check`);
  if (mode === "simulate" && flags.int("max-states") !== undefined) {
    throw new UsageError("--max-states applies to bfs and dfs; a simulation is bounded by --traces and --depth");
  }
  const checkpointDir = flags.text("checkpoint");
  const resumeDir = flags.text("resume");
  const everySeconds = flags.int("checkpoint-every");
  if (mode !== "bfs" && (checkpointDir !== undefined || resumeDir !== undefined)) {
    throw new UsageError(`${checkpointDir !== undefined ? "--checkpoint" : "--resume"} applies to --mode bfs only (got --mode ${mode})`);
  }
  if (everySeconds !== undefined && checkpointDir === undefined) throw new UsageError("--checkpoint-every needs --checkpoint DIR");
  const resume =
    resumeDir === undefined
      ? undefined
      : checkResumeFlag(resumeDir, model, source, {
          symmetry,
          refinement,
          checkDeadlock: !flags.on("no-deadlock"),
          maxDepth: depth,
          maxStates: flags.int("max-states"),
        });
  if (checkpointDir !== undefined) prepareCheckpointDir(checkpointDir, resumeDir);
  return {
    mode,
    workers: workers ?? 1,
    symmetry,
    refinement,
    depth: mode === "simulate" ? (depth ?? defaultSimulationDepth) : depth,
    traces: mode === "simulate" ? (traces ?? defaultTraces) : undefined,
    seed: mode === "simulate" ? (seed ?? Math.floor(Math.random() * 2 ** 32)) : undefined,
    checkpoint: checkpointDir === undefined ? undefined : { dir: checkpointDir, everyMs: 1000 * (everySeconds ?? defaultCheckpointEverySeconds) },
    resume,
  };
}

/**
 * `--resume DIR`: reads the checkpoint's header and checks that it is this
 * search's and within its bounds (a missing or foreign checkpoint is a
 * usage error). A damaged one stays a {@link CheckpointError} of kind
 * `damaged` (exit 4); its data files are read, and their digests checked,
 * when the search starts.
 */
function checkResumeFlag(
  dir: string,
  model: AnyModel,
  source: ModelSource,
  search: { symmetry: boolean; refinement: boolean; checkDeadlock: boolean; maxDepth: number | undefined; maxStates: number | undefined },
): ResumedFrom {
  try {
    const header = readCheckpointHeader(dir);
    checkResumable(dir, header, searchIdentity(model, source, search), search);
    return { dir, depth: header.progress.depth, distinctStates: header.progress.distinctStates };
  } catch (e) {
    if (e instanceof CheckpointError && (e.kind === "missing" || e.kind === "mismatch")) throw new UsageError(`cannot resume: ${e.message}`);
    throw e;
  }
}

/**
 * `--checkpoint DIR`: creates the directory, and refuses one holding another
 * checkpoint than the one being resumed, so that a long search's snapshot
 * is not overwritten by mistake.
 */
function prepareCheckpointDir(dir: string, resumeDir: string | undefined): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--checkpoint ${dir} is not a directory`);
  if (holdsCheckpoint(dir) && (resumeDir === undefined || resolve(dir) !== resolve(resumeDir))) {
    throw new UsageError(`--checkpoint ${dir} holds a checkpoint already: continue it with --resume ${dir} --checkpoint ${dir}, or give an empty directory`);
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`--checkpoint ${dir}: cannot create the directory (${(e as Error).message})`);
  }
}

/** The line that says a search is resumed, if it is: `Resumed from DIR at depth D (N distinct states)`. */
export function describeResume(plan: SearchPlan): string | undefined {
  const from = plan.resume;
  return from === undefined ? undefined : `Resumed from ${from.dir} at depth ${from.depth} (${formatCount(from.distinctStates)} distinct states)`;
}

/** The line on stderr after a checkpoint is written. */
function printCheckpoint(written: CheckpointWritten): void {
  const where = written.levelBoundary ? `end of depth ${written.depth}` : `depth ${written.depth}, stopped mid-level`;
  process.stderr.write(
    `tla-twin: checkpoint written to ${written.dir} (${where}, ${formatCount(written.distinctStates)} distinct states, ` +
      `${(written.bytes / 2 ** 20).toFixed(1)} MiB in ${formatSeconds(written.ms)})\n`,
  );
}

/** A warning to print before searching, if any (more workers than cores is allowed but slower). */
export function planWarning(plan: SearchPlan): string | undefined {
  const cores = availableParallelism();
  return plan.workers > cores ? `--workers ${plan.workers} is more than this machine's ${cores} cores; expect no speed-up beyond ${cores}` : undefined;
}

/** The search in words, e.g. `breadth-first search on 2 worker threads, symmetry reduction over RM`. */
export function describePlan(plan: SearchPlan, model: AnyModel): string {
  const parts: string[] = [];
  if (plan.mode === "bfs") {
    const bound = plan.depth === undefined ? "" : ` to depth ${plan.depth}`;
    parts.push(plan.workers > 1 ? `breadth-first search${bound} on ${plan.workers} worker threads` : `breadth-first search${bound}`);
  }
  if (plan.mode === "dfs") parts.push(plan.depth === undefined ? "depth-first search" : `depth-first search to depth ${plan.depth}`);
  if (plan.mode === "simulate") {
    parts.push(`random simulation of ${plan.traces} behaviours of at most ${plan.depth} states, seed ${plan.seed}`);
  }
  if (plan.symmetry) parts.push(`symmetry reduction over ${model.symmetry!.sets.join(", ")}`);
  if (plan.refinement) parts.push(`checking ${model.refinement!.name}`);
  return parts.join(", ");
}

/** What every search takes besides the plan. */
export interface CommonSearchOptions {
  readonly checkDeadlock: boolean;
  readonly maxStates: number | undefined;
  readonly onProgress: ((progress: Progress) => void) | undefined;
  /** Read by the search between chunks of work; a request ends it with a partial result. */
  readonly stop?: StopSignal;
}

/** Runs the planned search; `source` names the model again for worker threads. */
export function runPlannedSearch(
  plan: SearchPlan,
  model: AnyModel,
  source: ModelSource,
  options: CommonSearchOptions,
): CheckResult<unknown, TwinAction> {
  const common = {
    checkDeadlock: options.checkDeadlock,
    maxStates: options.maxStates,
    onProgress: options.onProgress,
    refinement: plan.refinement,
    stop: options.stop,
  };
  switch (plan.mode) {
    case "bfs": {
      const checkpoints = {
        source,
        checkpoint: plan.checkpoint,
        resume: plan.resume?.dir,
        // Reported with the progress lines, and like them not with --quiet.
        onCheckpoint: options.onProgress === undefined ? undefined : printCheckpoint,
      };
      return plan.workers > 1
        ? parallelBfs(source, { ...common, ...checkpoints, symmetry: plan.symmetry, workers: plan.workers, maxDepth: plan.depth })
        : bfs(model, { ...common, ...checkpoints, symmetry: plan.symmetry, maxDepth: plan.depth });
    }
    case "dfs":
      return dfs(model, { ...common, symmetry: plan.symmetry, maxDepth: plan.depth });
    case "simulate":
      return simulate(model, {
        checkDeadlock: options.checkDeadlock,
        traces: plan.traces!,
        maxDepth: plan.depth!,
        seed: plan.seed!,
        onProgress: options.onProgress,
        refinement: plan.refinement,
        stop: options.stop,
      });
  }
}
