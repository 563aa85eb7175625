/**
 * SIGINT and SIGTERM as stop requests. While the given work runs, either
 * signal sets a {@link StopSignal} (reason `signal`) instead of ending the
 * process, so that the work can end its child processes, remove its
 * temporary folders and report what it did before the command exits (with
 * exit code 3, incomplete). The handlers are removed when the work ends.
 *
 * @module
 */
import type { StopSignal } from "../stop.js";

const signals = ["SIGINT", "SIGTERM"] as const;

/**
 * Runs `work` with SIGINT and SIGTERM turned into `stop.request("signal")`;
 * `onSignal` is told of each signal received (to say on stderr what happens).
 */
export async function withSignalsAsStop<T>(stop: StopSignal, work: () => Promise<T>, onSignal: (name: NodeJS.Signals, first: boolean) => void): Promise<T> {
  const handler = (name: NodeJS.Signals) => {
    const first = stop.reason === null;
    stop.request("signal");
    onSignal(name, first);
  };
  for (const name of signals) process.on(name, handler);
  try {
    return await work();
  } finally {
    for (const name of signals) process.off(name, handler);
  }
}
