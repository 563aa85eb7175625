/**
 * The progress line on stderr for long runs.
 *
 * @module
 */
import type { Progress } from "../bfs.js";
import { formatCount } from "../format.js";

/** Writes one progress line, like TLC's periodic "Progress(...)" report. */
export function printProgress(p: Progress): void {
  // The same rate as the final report's: distinct states per second.
  const perSecond = p.elapsedMs > 0 ? Math.round((p.distinctStates * 1000) / p.elapsedMs) : 0;
  process.stderr.write(
    `tla-twin: ${formatCount(p.distinctStates)} distinct, ${formatCount(p.statesGenerated)} generated, ` +
      `${formatCount(p.queued)} queued, depth ${p.depth}, ${formatCount(perSecond)} distinct states/s\n`,
  );
}
