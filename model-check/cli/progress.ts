/**
 * The progress line on stderr for long runs, worded for the search mode,
 * with the same rate as the final report's (see {@link rateOf}).
 *
 * @module
 */
import type { Progress } from "../bfs.js";
import { formatCount } from "../format.js";
import type { SearchMode } from "./search-flags.js";

/**
 * The rate a search reports: distinct states per second for an exhaustive
 * search, steps per second for a simulation (whose walks revisit states, so
 * that distinct states per second would fall as it runs and say little).
 */
export function rateOf(mode: SearchMode, distinctStates: number, statesGenerated: number, elapsedMs: number): string {
  const count = mode === "simulate" ? statesGenerated : distinctStates;
  const perSecond = elapsedMs > 0 ? Math.round((count * 1000) / elapsedMs) : 0;
  return `${formatCount(perSecond)} ${mode === "simulate" ? "steps" : "distinct states"}/s`;
}

/** A printer of progress lines (like TLC's periodic "Progress(...)" report) for a search in `mode`. */
export function progressPrinter(mode: SearchMode): (p: Progress) => void {
  return (p) => {
    const counts =
      mode === "simulate"
        ? `${formatCount(p.statesGenerated)} steps, ${formatCount(p.distinctStates)} distinct states seen, ${formatCount(p.queued)} behaviours to go, longest ${p.depth} states`
        : `${formatCount(p.distinctStates)} distinct, ${formatCount(p.statesGenerated)} generated, ${formatCount(p.queued)} queued, depth ${p.depth}`;
    process.stderr.write(`tla-twin: ${counts}, ${rateOf(mode, p.distinctStates, p.statesGenerated, p.elapsedMs)}\n`);
  };
}
