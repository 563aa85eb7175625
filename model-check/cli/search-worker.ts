/**
 * The thread a `tla-twin check` search runs on. The search is a synchronous
 * loop; running it here keeps the CLI's main thread free to receive SIGINT
 * and SIGTERM and to watch memory (see search-host.ts). This thread builds
 * the model from its {@link ModelSource}, runs the planned search, and posts
 * progress reports and then the result.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Progress } from "../bfs.js";
import { buildModel } from "../model-source.js";
import { StopSignal } from "../stop.js";
import type { HostedSearch, FromSearchWorker } from "./search-host.js";
import { runPlannedSearch } from "./search-flags.js";

const job = workerData as HostedSearch;
const post = (message: FromSearchWorker): void => parentPort!.postMessage(message);

try {
  const model = buildModel(job.source);
  const result = runPlannedSearch(job.plan, model, job.source, {
    checkDeadlock: job.checkDeadlock,
    maxStates: job.maxStates,
    onProgress: (progress: Progress) => post({ type: "progress", progress }),
    stop: new StopSignal(job.stop),
  });
  post({ type: "result", result });
} catch (e) {
  const error = e instanceof Error ? e : new Error(String(e));
  post({ type: "error", name: error.name, message: error.message, stack: error.stack ?? "" });
}
