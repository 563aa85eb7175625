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

/** Runs `command args` in `cwd` to completion, polling its memory every `pollMs`. */
export function measure(command: string, args: readonly string[], cwd: string, pollMs = 50): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let stdout = "";
    let stderr = "";
    let peak: number | null = null;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      const now = highWaterMark(child.pid);
      if (now !== null && (peak === null || now > peak)) peak = now;
    }, pollMs);
    child.on("error", (e) => {
      clearInterval(poll);
      reject(e);
    });
    child.on("close", (exitCode) => {
      clearInterval(poll);
      running.delete(child);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ exitCode, stdout, stderr, wallMs, peakRssBytes: peak });
    });
  });
}
