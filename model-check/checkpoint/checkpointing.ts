/**
 * What a breadth-first search calls to checkpoint and resume: when to write
 * a snapshot, and opening one to resume. The searches stay in charge of
 * what goes into a snapshot (they know their own structures); this module
 * decides nothing about the state space.
 *
 * When: at the end of a level, once `everyMs` have passed since the last
 * snapshot (or since the search started); and when the search is stopped
 * from outside (a `StopSignal`), wherever in the level that is, so
 * that no finished work is lost. A search that stops for another reason (a
 * violation, `--max-states`, inside a state's successors) writes nothing:
 * the last snapshot stands. See docs/checkpoints.md.
 *
 * @module
 */
import type { AnyModel } from "../../src/protocol.js";
import type { ModelSource } from "../model-source.js";
import { type CheckpointIdentity, type IdentitySettings, searchIdentity } from "./identity.js";
import {
  type CheckpointWritten,
  type LoadedCheckpoint,
  type SearchSnapshot,
  checkResumable,
  loadCheckpoint,
  readCheckpointHeader,
  writeCheckpoint,
} from "./snapshot.js";

/** Where and how often a search writes snapshots. */
export interface CheckpointSettings {
  readonly dir: string;
  /** Least time between two snapshots written at level ends; 0: at every level end. */
  readonly everyMs: number;
}

/** Where a resumed search took up: for its report. */
export interface ResumedFrom {
  readonly dir: string;
  /** The level the snapshot was taken in (finished, or stopped in). */
  readonly depth: number;
  readonly distinctStates: number;
}

/** The search settings that identify a search, besides its model. */
export interface CheckpointedSearch extends IdentitySettings {
  /** How the model was named; needed to record and compare identities. */
  readonly source?: ModelSource;
  readonly maxDepth?: number;
  readonly maxStates?: number;
}

/** The identity of the search `options` describes, or an error saying that `source` is needed. */
export function identityOf(model: AnyModel, options: CheckpointedSearch): CheckpointIdentity {
  if (options.source === undefined) throw new Error("a search that checkpoints or resumes needs options.source (how its model was named)");
  return searchIdentity(model, options.source, options);
}

/** Decides when a search writes a snapshot, and writes it. */
export class CheckpointSchedule {
  private lastAt: number;

  constructor(
    private readonly settings: CheckpointSettings,
    private readonly identity: CheckpointIdentity,
    private readonly maxDepth: number | undefined,
    private readonly onWritten: ((written: CheckpointWritten) => void) | undefined,
    startedAt: number,
  ) {
    this.lastAt = startedAt;
  }

  /** At the end of a level: whether enough time has passed for a snapshot. */
  due(now = Date.now()): boolean {
    return now - this.lastAt >= this.settings.everyMs;
  }

  /** Writes a snapshot (throws a CheckpointError of kind `io` when it cannot). */
  write(snapshot: SearchSnapshot): CheckpointWritten {
    const written = writeCheckpoint(this.settings.dir, this.identity, { maxDepth: this.maxDepth ?? null }, snapshot);
    this.lastAt = Date.now();
    this.onWritten?.(written);
    return written;
  }
}

/**
 * Opens the snapshot in `dir` for the search `options` describes: checks
 * that it is that search's (see identity.ts) and within its bounds,
 * then reads it whole, checking every data file. Throws a `CheckpointError`.
 */
export function openResume(dir: string, model: AnyModel, options: CheckpointedSearch, shared: boolean): LoadedCheckpoint {
  const header = readCheckpointHeader(dir);
  checkResumable(dir, header, identityOf(model, options), options);
  return loadCheckpoint(dir, header, { shared });
}

/** Where a search resumed from `loaded` took up. */
export function resumedFrom(loaded: LoadedCheckpoint): ResumedFrom {
  return { dir: loaded.dir, depth: loaded.header.progress.depth, distinctStates: loaded.header.progress.distinctStates };
}
