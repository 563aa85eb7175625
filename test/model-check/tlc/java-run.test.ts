/**
 * Java runs end as asked: a time limit or a stop request ends the whole
 * process group the run started, grandchildren included, and the caller
 * hears why. A stand-in for `java` (a shell script that starts a background
 * `sleep` and waits) makes this testable without Java or TLC.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../../model-check/project-root.js";
import { StopSignal } from "../../../model-check/stop.js";
import { runJava } from "../../../model-check/tlc/java.js";
import { runningInGroup } from "../../support/process-group.js";

const dir = mkdtempSync(join(tmpdir(), "tla-twin-java-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fake `java` that prints its arguments, starts a grandchild and waits for it. */
const fakeJava = join(dir, "java");
writeFileSync(fakeJava, '#!/bin/sh\necho "$@"\nsleep 30 &\nwait\n');
chmodSync(fakeJava, 0o755);
const tools = { java: fakeJava, jar: "/nowhere/tla2tools.jar" };

describe("runJava", () => {
  it("passes Java its temporary folder and the class, and reports a normal exit", async () => {
    const quick = join(dir, "quick-java");
    writeFileSync(quick, '#!/bin/sh\necho "$@"\nexit 7\n');
    chmodSync(quick, 0o755);
    const run = await runJava({ ...tools, java: quick }, "tlc2.TLC", ["-x"], { cwd: dir, tmpDir: dir, timeoutMs: 10_000 });
    expect(run.exitCode).toBe(7);
    expect(run.timedOut).toBe(false);
    expect(run.stoppedBy).toBeNull();
    expect(run.stdout.trim()).toBe(`-XX:+UseParallelGC -Djava.io.tmpdir=${dir} -cp /nowhere/tla2tools.jar tlc2.TLC -x`);
  });

  it("ends the whole process group at the time limit", async () => {
    let pid = 0;
    const started = Date.now();
    const run = await runJava(tools, "tlc2.TLC", [], { cwd: dir, tmpDir: dir, timeoutMs: 300, onStart: (p) => (pid = p) });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run.timedOut).toBe(true);
    expect(run.signal).toBe("SIGKILL");
    expect(pid).toBeGreaterThan(0);
    // The background sleep was in the group too: nothing of it is left.
    expect(await runningInGroup(pid)).toEqual([]);
  });

  it("ends the whole process group when a stop is requested, and says why", async () => {
    const stop = new StopSignal();
    let pid = 0;
    const running = runJava(tools, "tlc2.TLC", [], {
      cwd: dir,
      tmpDir: dir,
      timeoutMs: 60_000,
      stop,
      onStart: (p) => {
        pid = p;
        setTimeout(() => stop.request("signal"), 200);
      },
    });
    const run = await running;
    expect(run.stoppedBy).toBe("signal");
    expect(run.timedOut).toBe(false);
    expect(run.durationMs).toBeLessThan(5_000);
    expect(await runningInGroup(pid)).toEqual([]);
  });

  it("says why Java could not be started", async () => {
    const run = await runJava({ ...tools, java: join(dir, "no-such-java") }, "tlc2.TLC", [], { cwd: dir, tmpDir: dir, timeoutMs: 10_000 });
    expect(run.spawnError).toMatch(/ENOENT/);
    expect(run.exitCode).toBeNull();
  });

  it("in a process that does not handle the signal itself, SIGTERM ends the run's group and then the process, as by default", async () => {
    // A script like npm run tlc:golden's: runs Java and installs no signal handler of its own.
    const script = join(dir, "runs-java.mjs");
    const javaModule = join(projectRoot(), "dist", "model-check", "tlc", "java.js");
    writeFileSync(
      script,
      `import { runJava } from ${JSON.stringify(javaModule)};\n` +
        `await runJava(${JSON.stringify(tools)}, "tlc2.TLC", [], { cwd: ${JSON.stringify(dir)}, tmpDir: ${JSON.stringify(dir)}, timeoutMs: 60000, onStart: (pid) => console.log(pid) });\n` +
        `console.log("not reached");\n`,
    );
    const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    const pid = await new Promise<number>((resolve) =>
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString("utf8");
        if (stdout.includes("\n")) resolve(Number(stdout.split("\n")[0]));
      }),
    );
    expect(await runningInGroup(pid, 0)).toContain(pid);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_code, signal) => resolve(signal)));
    child.kill("SIGTERM");
    expect(await ended).toBe("SIGTERM");
    expect(stdout).not.toContain("not reached");
    expect(await runningInGroup(pid)).toEqual([]);
  });
});
