/**
 * Runs a `tla-twin check` search on a thread of its own (search-worker.ts)
 * and keeps this, the main thread, free for what must be able to interrupt
 * it:
 *
 * - SIGINT and SIGTERM ask the search to stop at its next safe point (between
 *   two chunks of work) through a {@link StopSignal}; it returns a partial
 *   result. A second signal ends the thread at once, and the last progress
 *   report stands for the result.
 * - Memory: the process's resident size is sampled every
 *   {@link memoryCheckEveryMs}; past the limit the search is asked to stop
 *   the same way. An allocation that fails inside the search ends it the
 *   same way too, never as a stack trace.
 *
 * @module
 */
import { Worker } from "node:worker_threads";
import type { Progress } from "../bfs.js";
import type { ContractBreach } from "../contract-check.js";
import type { ModelSource } from "../model-source.js";
import { compiledScript, threadResourceLimits } from "../project-root.js";
import type { CheckResult } from "../result.js";
import { type ExternalStopReason, StopSignal, allocationFailureMessage } from "../stop.js";
import type { TwinAction } from "../../src/protocol.js";
import { formatSize } from "./memory-limit.js";
import type { SearchPlan } from "./search-flags.js";

/** What the search thread is given. */
export interface HostedSearch {
  readonly plan: SearchPlan;
  readonly source: ModelSource;
  readonly checkDeadlock: boolean;
  readonly maxStates: number | undefined;
  /**
   * Check the model's contract on a sample first (contract-check.ts). It runs
   * on a thread of its own before the search's: sharing the search's thread,
   * its calls into the model left the search's hot loop about 1.7 times
   * slower (2PC rm8: 8.95 s against 5.2 s).
   */
  readonly contractCheck: boolean;
  /** What this thread does: check the contract, or search. */
  readonly task?: "contract" | "search";
  /** The {@link StopSignal}'s shared word. */
  readonly stop: SharedArrayBuffer;
}

/** What the search thread posts. */
export type FromSearchWorker =
  | { readonly type: "progress"; readonly progress: Progress }
  | { readonly type: "result"; readonly result: CheckResult<unknown, TwinAction> }
  | { readonly type: "breach"; readonly breach: ContractBreach }
  | { readonly type: "contract-kept" }
  | { readonly type: "error"; readonly name: string; readonly message: string; readonly stack: string };

/** How a hosted search ended. */
export type HostedOutcome =
  /** The search returned, complete or not (its `stoppedBy` says why not). */
  | { readonly kind: "result"; readonly result: CheckResult<unknown, TwinAction> }
  /**
   * The search thread was ended before it could return (a second signal, or
   * memory that ran out): `last` is its last progress report, if it made one.
   */
  | { readonly kind: "abandoned"; readonly reason: ExternalStopReason; readonly detail: string; readonly last: Progress | undefined }
  /** The model broke its contract on the sample checked before the search; no search ran. */
  | { readonly kind: "breach"; readonly breach: ContractBreach }
  /** The search failed: a bug or a broken environment. */
  | { readonly kind: "error"; readonly name: string; readonly message: string; readonly stack: string };

/** Settings of the host. */
export interface HostOptions {
  /** Called with every progress report (about once a second). */
  readonly onProgress?: (progress: Progress) => void;
  /** Resident bytes above which the search is asked to stop. */
  readonly maxMemoryBytes: number;
  /** Where notices go (one line each): the stop being asked for, and why. */
  readonly notice: (line: string) => void;
}

/** How often the resident size is sampled. */
export const memoryCheckEveryMs = 200;
/** Past the limit by this factor, a search that has not stopped yet is ended at once. */
const hardMemoryFactor = 1.25;


/** Runs the search on its own thread; resolves when it ends, however it ends. */
export function hostSearch(
  job: Omit<HostedSearch, "stop">,
  options: HostOptions,
): Promise<HostedOutcome> {
  const stop = new StopSignal();
  let last: Progress | undefined;
  let signals = 0;

  return new Promise<HostedOutcome>((resolve) => {
    let settled = false;
    let worker: Worker;
    const settle = (outcome: HostedOutcome): void => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      void worker.terminate();
      resolve(outcome);
    };

    const onSignal = (signal: NodeJS.Signals): void => {
      signals++;
      if (signals === 1) {
        options.notice(`${signal} received: stopping at the next safe point (send it again to stop at once)`);
        stop.request("signal");
      } else {
        settle({ kind: "abandoned", reason: "signal", detail: `stopped at once on a second ${signal}`, last });
      }
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);

    const watch = setInterval(() => {
      const rss = process.memoryUsage.rss();
      if (rss <= options.maxMemoryBytes) return;
      if (stop.reason === null) {
        options.notice(`memory in use (${formatSize(rss)}) passed the limit of ${formatSize(options.maxMemoryBytes)} (--max-memory): stopping at the next safe point`);
        stop.request("memory");
      } else if (rss > options.maxMemoryBytes * hardMemoryFactor) {
        settle({ kind: "abandoned", reason: "memory", detail: `memory in use (${formatSize(rss)}) kept growing past the limit`, last });
      }
    }, memoryCheckEveryMs);

    // The contract check's thread, then the search's; a signal during the check reaches the search at its first chunk.
    const start = (task: "contract" | "search"): void => {
      const thread = new Worker(compiledScript("model-check/cli/search-worker"), {
        workerData: { ...job, task, stop: stop.buffer } satisfies HostedSearch,
        resourceLimits: threadResourceLimits,
      });
      worker = thread;
      listen(thread);
    };
    const listen = (thread: Worker): void => {
      thread.on("message", (message: FromSearchWorker) => {
        switch (message.type) {
          case "contract-kept":
            if (!settled) start("search");
            return;
          case "progress":
            last = message.progress;
            options.onProgress?.(message.progress);
            return;
          case "result":
            settle({ kind: "result", result: message.result });
            return;
          case "breach":
            settle({ kind: "breach", breach: message.breach });
            return;
          case "error":
            if (allocationFailureMessage.test(message.message)) {
              settle({ kind: "abandoned", reason: "memory", detail: `an allocation failed (${message.message})`, last });
            } else {
              settle({ kind: "error", name: message.name, message: message.message, stack: message.stack });
            }
            return;
        }
      });
      thread.on("error", (error: Error & { code?: string }) => {
        if (error.code === "ERR_WORKER_OUT_OF_MEMORY" || allocationFailureMessage.test(error.message)) {
          settle({ kind: "abandoned", reason: "memory", detail: `the search ran out of memory (${error.message})`, last });
        } else {
          settle({ kind: "error", name: error.name, message: error.message, stack: error.stack ?? "" });
        }
      });
      thread.on("exit", (code) => {
        // The contract check's thread ends once it has said its piece; only the current thread's end matters.
        if (thread !== worker) return;
        settle({ kind: "error", name: "Error", message: `the search thread exited with code ${code} before reporting`, stack: "" });
      });
    };
    start(job.contractCheck ? "contract" : "search");
  });
}
