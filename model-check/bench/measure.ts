/**
 * Running a benchmark process and measuring it from outside: wall-clock
 * time and peak resident memory (the kernel's high-water mark `VmHWM` of
 * the process, polled from `/proc`, so it covers every thread of a Node
 * process and the JVM's heap and off-heap memory alike).
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** What a measured run produced. */
export interface MeasuredRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  /** Peak resident set size in bytes, or null where `/proc` cannot be read. */
  readonly peakRssBytes: number | null;
  /** Whether the run was killed for running past its time limit. */
  readonly timedOut: boolean;
}

/** Limits and hooks of a measured run. */
export interface MeasureOptions {
  /** Kill the process after this long (it then counts as timed out). */
  readonly timeoutMs?: number;
  /** Called with each complete line of stdout and the milliseconds since the start. */
  readonly onLine?: (line: string, elapsedMs: number) => void;
  readonly pollMs?: number;
}

/** Processes being measured, so that an interrupted benchmark can end them too. */
const running = new Set<ChildProcess>();

/** Ends every process still being measured (for SIGINT and SIGTERM). */
export function killRunning(): void {
  for (const child of running) child.kill("SIGKILL");
}

/** The process's resident high-water mark in bytes, or null. */
function highWaterMark(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Runs `command args` in `cwd` to completion or its time limit, polling its memory. */
export function measure(command: string, args: readonly string[], cwd: string, options: MeasureOptions = {}): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let stdout = "";
    let stderr = "";
    let peak: number | null = null;
    let timedOut = false;
    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (options.onLine === undefined) return;
      const lines = (pending + d).split("\n");
      pending = lines.pop()!;
      for (const line of lines) options.onLine(line, elapsedMs());
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
          }, options.timeoutMs);
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      const now = highWaterMark(child.pid);
      if (now !== null && (peak === null || now > peak)) peak = now;
    }, options.pollMs ?? 50);
    child.on("error", (e) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (exitCode) => {
      clearInterval(poll);
      clearTimeout(timer);
      running.delete(child);
      resolve({ exitCode, stdout, stderr, wallMs: elapsedMs(), peakRssBytes: peak, timedOut });
    });
  });
}
