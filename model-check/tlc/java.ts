/**
 * Running TLC's Java tools as child processes: an argument array (never a
 * shell string), a working folder, a time limit, and everything it printed.
 *
 * Runs are asynchronous, not `spawnSync`: while Java runs, the caller's
 * thread stays free, so a SIGINT or SIGTERM handler can run and ask the run
 * to stop (a {@link StopSignal}), and the time limit is a timer. Each Java
 * process starts in a process group of its own (`detached`), and ending a
 * run ends that whole group (`kill(-pid)`), so no JVM, nor anything it
 * started, outlives the run. A terminal's Ctrl-C reaches only the
 * foreground group, not Java's: stopping Java is always this module's job.
 * Should the Node process exit while a run is still going (a crash), an
 * `exit` hook ends the groups still running. And since a signal no longer
 * reaches Java with its caller's group, SIGINT, SIGTERM and SIGHUP are
 * watched while runs are going: when nothing else in the process handles
 * the signal (the scripts of `npm run tlc:golden` and the like), the runs'
 * groups are ended and the signal is raised again, so the process dies of it
 * as it would have; when something else does (`tla-twin crosscheck`, which
 * stops cleanly), the runs are left to it.
 *
 * Java's temporary folder (`java.io.tmpdir`) is the caller's: TLC and SANY
 * unpack the standard modules into a fresh `tlc-<number>` folder there on
 * every run and never remove it, so the bridge points it into the work
 * folder it removes.
 *
 * @module
 */
import { spawn } from "node:child_process";
import type { ExternalStopReason, StopSignal } from "../stop.js";
import type { TlcTools } from "./tools.js";

/** What a Java run did. */
export interface JavaRun {
  /** The exit code, or null when the process was killed or never started. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The run reached its time limit and was ended. */
  readonly timedOut: boolean;
  /** The run was ended because its {@link JavaRunOptions.stop} signal asked for it, and why; else null. */
  readonly stoppedBy: ExternalStopReason | null;
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
  /** Java's `java.io.tmpdir`: a folder the caller removes. */
  readonly tmpDir: string;
  readonly timeoutMs: number;
  /** Ends the run as soon as a stop is requested (checked every {@link stopPollMs} ms). */
  readonly stop?: StopSignal;
  /** Called once the process has started, with its id (= its process group's id). */
  readonly onStart?: (pid: number) => void;
}

/** How often a running Java process checks its stop signal, in milliseconds. */
export const stopPollMs = 50;

/** Process groups of runs still going, ended by the exit hook and the signal watch. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;
const watchedSignals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function endGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // The group has already gone.
  }
}

function endLiveGroups(): void {
  for (const pid of liveGroups) endGroup(pid);
}

/** A watched signal: ends the runs and dies of it, unless another listener takes care of both. */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  endLiveGroups();
  for (const name of watchedSignals) process.off(name, onSignal);
  process.kill(process.pid, signal);
}

/** Starts watching a run's group (and the process's signals, with the first run going). */
function track(pid: number): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", endLiveGroups);
  }
  if (liveGroups.size === 0) for (const name of watchedSignals) process.on(name, onSignal);
  liveGroups.add(pid);
}

/** Stops watching a run's group (and, with the last run over, the signals: their default comes back). */
function untrack(pid: number): void {
  liveGroups.delete(pid);
  if (liveGroups.size === 0) for (const name of watchedSignals) process.off(name, onSignal);
}

/** Runs `java -XX:+UseParallelGC -Djava.io.tmpdir=<tmpDir> -cp <jar> <mainClass> <args...>`; resolves when it has ended (never rejects). */
export function runJava(tools: TlcTools, mainClass: string, args: readonly string[], options: JavaRunOptions): Promise<JavaRun> {
  // TLC asks for the parallel collector; its output warns without it.
  const argv = ["-XX:+UseParallelGC", `-Djava.io.tmpdir=${options.tmpDir}`, "-cp", tools.jar, mainClass, ...args];
  const command = `java ${argv.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(" ")}`;
  const started = Date.now();
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    let stoppedBy: ExternalStopReason | null = null;
    let spawnError: string | undefined;
    let settled = false;
    const child = spawn(tools.java, argv, { cwd: options.cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const pid = child.pid;
    if (pid !== undefined) {
      track(pid);
      options.onStart?.(pid);
    }
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid !== undefined) endGroup(pid);
    }, options.timeoutMs);
    const poll =
      options.stop === undefined
        ? undefined
        : setInterval(() => {
            const reason = options.stop!.reason;
            if (reason === null || stoppedBy !== null) return;
            stoppedBy = reason;
            if (pid !== undefined) endGroup(pid);
          }, stopPollMs);
    const finish = (exitCode: number | null, signal: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (poll !== undefined) clearInterval(poll);
      // Not ended again here: once reaped, its id may be reused by an unrelated group.
      if (pid !== undefined) untrack(pid);
      resolve({
        exitCode,
        signal,
        timedOut,
        stoppedBy,
        spawnError,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        durationMs: Date.now() - started,
        command,
      });
    };
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (e) => {
      spawnError = e.message;
      // A process that never started emits no 'close'.
      if (pid === undefined) finish(null, null);
    });
    child.on("close", (code, signal) => finish(code, signal));
  });
}
