/**
 * The thread a `tla-twin check` search runs on. The search is a synchronous
 * loop; running it here keeps the CLI's main thread free to receive SIGINT
 * and SIGTERM and to watch memory (see search-host.ts). This thread builds
 * the model from its {@link ModelSource} and does one task: checks the
 * model's contract on a sample, or runs the planned search and posts
 * progress reports and then the result.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import type { TwinAction } from "../../src/protocol.js";
import type { Progress } from "../bfs.js";
import { checkContract } from "../contract-check.js";
import { buildModel, loadProtocol } from "../model-source.js";
import type { CheckResult } from "../result.js";
import { StopSignal } from "../stop.js";
import type { FromSearchWorker, HostedSearch } from "./search-host.js";
import { runPlannedSearch } from "./search-flags.js";

const job = workerData as HostedSearch;
const post = (message: FromSearchWorker): void => parentPort!.postMessage(message);

/** The planned search of `model`, reporting progress to the main thread and reading its stop requests. */
function search(model: ReturnType<typeof buildModel>): CheckResult<unknown, TwinAction> {
  return runPlannedSearch(job.plan, model, job.source, {
    checkDeadlock: job.checkDeadlock,
    maxStates: job.maxStates,
    onProgress: (progress: Progress) => post({ type: "progress", progress }),
    stop: new StopSignal(job.stop),
  });
}

async function run(): Promise<void> {
  await loadProtocol(job.source);
  const model = buildModel(job.source);
  if (job.task === "contract") {
    const breach = checkContract(model, { symmetry: job.plan.symmetry });
    post(breach !== null ? { type: "breach", breach } : { type: "contract-kept" });
  } else {
    post({ type: "result", result: search(model) });
  }
}

run().catch((e: unknown) => {
  const error = e instanceof Error ? e : new Error(String(e));
  post({ type: "error", name: error.name, message: error.message, stack: error.stack ?? "" });
});
