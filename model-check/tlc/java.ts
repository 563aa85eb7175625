/**
 * Running TLC's Java tools as child processes: an argument array (never a
 * shell string), a working folder, a time limit, and everything it printed.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import type { TlcTools } from "./tools.js";

/** What a Java run did. */
export interface JavaRun {
  /** The exit code, or null when the process was killed or never started. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  /** Why the process could not be started, if it could not. */
  readonly spawnError: string | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  /** The command line, for messages. */
  readonly command: string;
}

/** Options of a run. */
export interface JavaRunOptions {
  readonly cwd: string;
  readonly timeoutMs: number;
}

/** Runs `java -XX:+UseParallelGC -cp <jar> <mainClass> <args...>` and waits for it. */
export function runJava(tools: TlcTools, mainClass: string, args: readonly string[], options: JavaRunOptions): JavaRun {
  // TLC asks for the parallel collector; its output warns without it.
  const argv = ["-XX:+UseParallelGC", "-cp", tools.jar, mainClass, ...args];
  const started = Date.now();
  const result = spawnSync(tools.java, argv, {
    cwd: options.cwd,
    timeout: options.timeoutMs,
    killSignal: "SIGKILL",
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const error = result.error as (Error & { code?: string }) | undefined;
  const timedOut = error?.code === "ETIMEDOUT";
  return {
    exitCode: result.status,
    signal: result.signal,
    timedOut,
    spawnError: error !== undefined && !timedOut ? error.message : undefined,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? "",
    durationMs: Date.now() - started,
    command: `java ${argv.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(" ")}`,
  };
}
