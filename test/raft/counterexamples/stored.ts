/**
 * The format of the stored counterexamples of the Raft bug zoo (one JSON
 * file per variant in this folder, written by regenerate.ts).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RaftAction } from "../../../src/raft/index.js";

/** What a stored counterexample file holds. */
export interface StoredCounterexample {
  readonly variant: string;
  readonly options: Readonly<Record<string, number>>;
  readonly breaks: string;
  readonly steps: number;
  /** How the trace was found, in words. */
  readonly foundBy: string;
  readonly shortest: boolean;
  /**
   * The figures of the breadth-first search (with symmetry: orbits, not
   * states): the one that found the trace or, for a scripted trace, the one
   * bounded at `depthBound` that found no violation (so none is shorter).
   */
  readonly search: {
    readonly distinctStates: number;
    readonly statesGenerated: number;
    readonly depth: number;
    readonly symmetry: boolean;
    readonly depthBound: number | null;
  } | null;
  /**
   * Set when `search` was kept from an earlier regeneration rather than
   * run again (`regenerate.ts --keep-search`): under what it was measured.
   * The slow test then checks the bound again but not the figures.
   */
  readonly searchNote?: string;
  /** The steps as TLC labels them (witnesses after "with"), for people. */
  readonly labels: readonly string[];
  /** The twin's actions, replayed by the tests. */
  readonly actions: readonly RaftAction[];
}

/** The file that stores a variant's counterexample. */
export function counterexampleFile(variant: string): string {
  return join(dirname(fileURLToPath(import.meta.url)), `${variant}.json`);
}

