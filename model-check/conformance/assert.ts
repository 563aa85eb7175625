/**
 * Running a behaviour property so that a failure says how to rerun it.
 *
 * @module
 */
import fc from "fast-check";

/** How to run a property: fixed seed and run count, and a path to replay one failing case. */
export interface AssertOptions {
  readonly seed: number;
  readonly numRuns: number;
  /** fast-check's path of a counterexample, from a failure report: replays just that case. */
  readonly path?: string;
}

/**
 * Checks `property` like `fc.assert`, with the seed fixed so that CI runs are
 * reproducible. On failure it throws an error whose message starts with the
 * line to rerun the same shrunk case (`{ seed, path }`), then fast-check's
 * report, which prints the behaviour as numbered TLA+ steps.
 */
export function assertBehaviours<T>(property: fc.IProperty<[T]>, options: AssertOptions): void {
  const details = fc.check(property, { seed: options.seed, numRuns: options.numRuns, ...(options.path === undefined ? {} : { path: options.path }) });
  if (!details.failed) return;
  const rerun = `rerun with assertBehaviours(property, { seed: ${details.seed}, numRuns: ${options.numRuns}, path: "${details.counterexamplePath}" })`;
  throw new Error(`${rerun}\n${fc.defaultReportMessage(details as fc.RunDetails<[T]>) ?? ""}`);
}
