/**
 * What a search reports, in TLC's vocabulary so the two compare one to one.
 *
 * @module
 */
import type { TwinAction } from "../src/protocol.js";
import type { ResumedFrom } from "./checkpoint/checkpointing.js";
import type { StopReason } from "./stop.js";
import type { WitnessReport } from "./witnesses.js";

/** One step of a behaviour: the action taken and the state it led to. */
export interface TraceStep<S, A extends TwinAction> {
  readonly action: A;
  readonly state: S;
}

/** A behaviour from an initial state. */
export interface Trace<S, A extends TwinAction> {
  readonly initial: S;
  readonly steps: readonly TraceStep<S, A>[];
}

/** Why a search stopped with an error, and the shortest behaviour (in BFS) that shows it. */
export type Violation<S, A extends TwinAction> =
  | { readonly kind: "invariant"; readonly name: string; readonly trace: Trace<S, A> }
  | { readonly kind: "action-property"; readonly name: string; readonly trace: Trace<S, A> }
  | { readonly kind: "deadlock"; readonly trace: Trace<S, A> };

/** How a result was obtained: the search strategy and its settings. */
export interface SearchInfo {
  readonly mode: "bfs" | "dfs" | "simulate";
  /** Threads that expanded states (1: the calling thread). */
  readonly workers: number;
  /** Whether states were fingerprinted by their symmetry representative. */
  readonly symmetry: boolean;
  /** BFS and DFS: the level at which no state was expanded; simulation: states per behaviour; null when unbounded. */
  readonly depthBound: number | null;
  /** Simulation only: behaviours asked for, and the seed. */
  readonly traces: number | null;
  readonly seed: number | null;
}

/** The outcome of a search. */
export interface CheckResult<S, A extends TwinAction> {
  /** Distinct states found (TLC: "distinct states found"). */
  readonly distinctStates: number;
  /** Every state computed, duplicates and initial states included (TLC: "states generated"). */
  readonly statesGenerated: number;
  /** BFS levels with a state, initial states being level 1 (TLC: "depth of the complete state graph search"). */
  readonly depth: number;
  readonly durationMs: number;
  /** True when the whole reachable state space was explored. */
  readonly complete: boolean;
  /**
   * Why the search ended early, when it did without a violation: null when
   * it is complete or found a violation (simulation, never complete, says
   * null when it ran every behaviour it was asked for).
   */
  readonly stoppedBy: StopReason | null;
  /** The first violation found, or null. */
  readonly violation: Violation<S, A> | null;
  /** Bytes held by the visited set at the end. */
  readonly visitedSetBytes: number;
  /** Bytes held by the predecessor log (parent and step of every stored state) at the end. */
  readonly predecessorLogBytes: number;
  /** The most bytes the states still to explore (BFS frontier, DFS stack) held at once. */
  readonly peakFrontierBytes: number;
  /**
   * The model's witness goals: each with the steps of the first behaviour
   * that reached it (the fewest under BFS), or null when the search reached
   * none. Depth-first search and simulation report the first they met.
   */
  readonly witnesses: readonly WitnessReport[];
  readonly search: SearchInfo;
  /**
   * Set when the search took up from a checkpoint: where, and how far the
   * snapshot had come. The counts and `durationMs` are then those of the
   * whole search, before the snapshot included.
   */
  readonly resumedFrom?: ResumedFrom;
}
