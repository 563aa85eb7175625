/**
 * The search options of `tla-twin check` (`--mode`, `--workers`,
 * `--symmetry`, `--depth`, `--traces`, `--seed`): their flags, the checks
 * that reject meaningless combinations with one clear line, and running the
 * chosen search.
 *
 * @module
 */
import { availableParallelism } from "node:os";
import type { AnyModel, TwinAction } from "../../src/protocol.js";
import { type Progress, bfs } from "../bfs.js";
import { dfs } from "../dfs.js";
import { maxRecordedDepth } from "../depth-table.js";
import type { ModelSource } from "../model-source.js";
import { parallelBfs } from "../parallel/parallel-bfs.js";
import { maxSeed } from "../random.js";
import type { CheckResult } from "../result.js";
import { simulate } from "../simulate.js";
import type { StopSignal } from "../stop.js";
import type { FlagSpec } from "./args.js";
import { UsageError } from "./usage-error.js";

/** The most worker threads accepted. */
export const maxWorkers = 64;
/** Behaviours per simulation unless `--traces` says otherwise. */
export const defaultTraces = 1000;
/** States per simulated behaviour unless `--depth` says otherwise (TLC's default for `-simulate`). */
export const defaultSimulationDepth = 100;

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
}

/** Checks the search flags against each other and the model; throws {@link UsageError} for a combination that means nothing. */
export function planSearch(flags: ReadonlyMap<string, string | number | boolean>, model: AnyModel): SearchPlan {
  const mode = (flags.get("mode") as SearchMode | undefined) ?? "bfs";
  const workers = flags.get("workers") as number | undefined;
  const symmetry = flags.get("symmetry") === true;
  const depth = flags.get("depth") as number | undefined;
  const traces = flags.get("traces") as number | undefined;
  const seed = flags.get("seed") as number | undefined;
  if (workers !== undefined && workers > 1 && mode !== "bfs") {
    throw new UsageError(`--workers applies to --mode bfs only (got --mode ${mode})`);
  }
  if ((traces !== undefined || seed !== undefined) && mode !== "simulate") {
    throw new UsageError(`${traces !== undefined ? "--traces" : "--seed"} applies to --mode simulate only`);
  }
  if (symmetry && mode === "simulate") throw new UsageError("--symmetry applies to --mode bfs and dfs, not to simulate");
  if (symmetry && model.symmetry === undefined) throw new UsageError(`${model.protocol} has no symmetry reduction`);
  const refinement = flags.get("refinement") === true;
  if (refinement && model.refinement === undefined) throw new UsageError(`${model.protocol} claims no refinement to check`);
  if (mode === "simulate" && flags.has("max-states")) {
    throw new UsageError("--max-states applies to bfs and dfs; a simulation is bounded by --traces and --depth");
  }
  return {
    mode,
    workers: workers ?? 1,
    symmetry,
    refinement,
    depth: mode === "simulate" ? (depth ?? defaultSimulationDepth) : depth,
    traces: mode === "simulate" ? (traces ?? defaultTraces) : undefined,
    seed: mode === "simulate" ? (seed ?? Math.floor(Math.random() * 2 ** 32)) : undefined,
  };
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
    case "bfs":
      return plan.workers > 1
        ? parallelBfs(source, { ...common, symmetry: plan.symmetry, workers: plan.workers, maxDepth: plan.depth })
        : bfs(model, { ...common, symmetry: plan.symmetry, maxDepth: plan.depth });
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
