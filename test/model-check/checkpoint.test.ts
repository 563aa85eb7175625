/**
 * Checkpoint and resume of the breadth-first searches (docs/checkpoints.md):
 * a search stopped and resumed from its snapshot reports what the same
 * search never stopped reports (distinct states, states generated, depth,
 * witness goal lengths, the shortest counterexample), and `--resume`
 * refuses a checkpoint of another search, or a damaged one, in one line.
 *
 * No expected figure is typed in: each is the uninterrupted search's,
 * computed here (its own counts are pinned against TLC's in each protocol's
 * tests).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type SearchOptions, bfs } from "../../model-check/bfs.js";
import { type CheckpointHeader, readCheckpointHeader } from "../../model-check/checkpoint/snapshot.js";
import type { ModelSource } from "../../model-check/model-source.js";
import { buildModel } from "../../model-check/model-source.js";
import { parallelBfs } from "../../model-check/parallel/parallel-bfs.js";
import { projectRoot } from "../../model-check/project-root.js";
import { Frontier, chunkEnd, chunkHeaderWords, chunkRecords, recordHeaderWords, remainderChunk } from "../../model-check/frontier.js";
import type { CheckResult } from "../../model-check/result.js";
import { StopSignal } from "../../model-check/stop.js";
import { type TwinAction, resolveOptions } from "../../src/protocol.js";
import { findProtocol } from "../../src/registry.js";

const slowTests = process.env["TLA_TWIN_SLOW_TESTS"] === "1";
const scratch = mkdtempSync(join(tmpdir(), "tla-twin-checkpoint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (name: string) => join(scratch, `${name}-${++dirs}`);

type Result = CheckResult<unknown, TwinAction>;

/** What a resumed search must report exactly as the uninterrupted one does. */
const outcome = (r: Result) => ({
  distinctStates: r.distinctStates,
  statesGenerated: r.statesGenerated,
  depth: r.depth,
  complete: r.complete,
  witnesses: r.witnesses.map((w) => [w.name, w.steps]),
  violation: r.violation === null ? null : { kind: r.violation.kind, name: "name" in r.violation ? r.violation.name : null, steps: r.violation.trace.steps.length },
});

/** A shipped preset (or explicit options) of a registered protocol, named as the CLI names it. */
function sourceOf(protocol: string, given: Record<string, number>, variant?: string): ModelSource {
  return { protocol, options: resolveOptions(findProtocol(protocol)!, given), ...(variant === undefined ? {} : { variant }) };
}
const presetOptions = (protocol: string, preset: string) => findProtocol(protocol)!.presets.find((p) => p.name === preset)!.options;

/**
 * Runs the search with a snapshot at every level end, and stops it from
 * outside once it has expanded a chunk of level `level` (the stop is read
 * after the next chunk): with small chunks, that is inside a level, so the
 * snapshot holds part of a level still to do and part of the next found.
 */
function stoppedInLevel(source: ModelSource, level: number, dir: string, options: Partial<SearchOptions> = {}): { run: Result; header: CheckpointHeader } {
  const stop = new StopSignal();
  const run = bfs(buildModel(source), {
    checkDeadlock: true,
    ...options,
    source,
    checkpoint: { dir, everyMs: 0 },
    stop,
    progressIntervalMs: 0,
    onProgress: (p) => {
      if (p.depth >= level) stop.request("signal");
    },
  });
  return { run, header: readCheckpointHeader(dir) };
}

/** Runs the search bounded so that level `level` is the last expanded: its last snapshot is the end of that level. */
function boundedAfterLevel(source: ModelSource, level: number, dir: string, options: Partial<SearchOptions> = {}): { run: Result; header: CheckpointHeader } {
  const run = bfs(buildModel(source), { checkDeadlock: true, ...options, source, checkpoint: { dir, everyMs: 0 }, maxDepth: level + 1 });
  return { run, header: readCheckpointHeader(dir) };
}

const resume = (source: ModelSource, dir: string, options: Partial<SearchOptions> = {}): Result =>
  bfs(buildModel(source), { checkDeadlock: true, ...options, source, resume: dir });

/** Three levels spread over a search of `depth` levels. */
const threeLevels = (depth: number) => [Math.round(depth * 0.25), Math.round(depth * 0.5), Math.round(depth * 0.75)];

for (const [title, source] of [
  ["2PC rm6", sourceOf("twophase", { rm: 6 })],
  ["Raft tiny", sourceOf("raft", presetOptions("raft", "tiny"))],
] as const) {
  describe(`${title}: stopped and resumed = never stopped`, () => {
    const reference = bfs(buildModel(source), { checkDeadlock: true });
    // Small chunks, so that a stop lands inside a level; chunking changes no count.
    const chunkWords = 256;

    it(`the reference search is complete (${reference.distinctStates} distinct states, depth ${reference.depth})`, () => {
      expect(reference.complete).toBe(true);
      expect(reference.witnesses.some((w) => w.steps !== null)).toBe(true);
    });

    for (const level of threeLevels(reference.depth)) {
      it(`stopped inside level ${level}: the snapshot holds the rest of the level, and resuming finishes it`, () => {
        const dir = freshDir("mid");
        const { run, header } = stoppedInLevel(source, level, dir, { chunkWords });
        expect(run.complete).toBe(false);
        expect(run.stoppedBy).toBe("signal");
        expect(header.progress.depth).toBe(level);
        expect(header.progress.levelBoundary).toBe(false);
        expect(header.progress.restStates).toBeGreaterThan(0);
        expect(header.progress.distinctStates).toBe(run.distinctStates);
        const resumed = resume(source, dir, { chunkWords });
        expect(outcome(resumed)).toEqual(outcome(reference));
        expect(resumed.resumedFrom).toEqual({ dir, depth: level, distinctStates: run.distinctStates });
      });

      it(`bounded after level ${level}: resuming the level-end snapshot without the bound`, () => {
        const dir = freshDir("end");
        const { run, header } = boundedAfterLevel(source, level, dir);
        expect(run.stoppedBy).toBe("depth");
        expect(header.progress).toMatchObject({ depth: level, levelBoundary: true, restStates: 0 });
        expect(header.progress.distinctStates).toBeLessThan(reference.distinctStates);
        expect(outcome(resume(source, dir))).toEqual(outcome(reference));
      });
    }

    it("a resumed search that checkpoints again, stopped and resumed again", () => {
      const [early, late] = [threeLevels(reference.depth)[0]!, threeLevels(reference.depth)[2]!];
      const dir = freshDir("chain");
      stoppedInLevel(source, early, dir, { chunkWords });
      const stop = new StopSignal();
      const second = bfs(buildModel(source), {
        checkDeadlock: true,
        source,
        resume: dir,
        checkpoint: { dir, everyMs: 0 },
        chunkWords,
        stop,
        progressIntervalMs: 0,
        onProgress: (p) => {
          if (p.depth >= late) stop.request("signal");
        },
      });
      expect(second.complete).toBe(false);
      expect(readCheckpointHeader(dir).progress.depth).toBe(late);
      expect(outcome(resume(source, dir))).toEqual(outcome(reference));
    });

    it("a snapshot of this thread's search, resumed on 2 worker threads", () => {
      const dir = freshDir("to-parallel");
      stoppedInLevel(source, threeLevels(reference.depth)[1]!, dir, { chunkWords });
      expect(outcome(parallelBfs(source, { checkDeadlock: true, workers: 2, resume: dir }))).toEqual(outcome(reference));
    });
  });
}

describe("parallel BFS: stopped and resumed = never stopped", () => {
  const source = sourceOf("twophase", { rm: 6 });
  const reference = bfs(buildModel(source), { checkDeadlock: true });

  // Small chunks: workers mostly stop at a chunk's end, leaving chunks unclaimed; default chunks (one per
  // level here): they stop inside the chunk, at their next flush, and hand back what is left of it.
  for (const [level, chunkWords] of threeLevels(reference.depth).map((level, i) => [level, i === 1 ? undefined : 256] as const)) {
    it(`2 workers stopped in level ${level} (chunks of ${chunkWords ?? "2^16"} words), resumed on 2 workers and on this thread`, () => {
      const dir = freshDir("parallel");
      const stop = new StopSignal();
      const first = parallelBfs(source, {
        checkDeadlock: true,
        workers: 2,
        chunkWords,
        checkpoint: { dir, everyMs: 0 },
        stop,
        progressIntervalMs: 0,
        onProgress: (p) => {
          if (p.depth >= level) stop.request("signal");
        },
      });
      expect(first.complete).toBe(false);
      expect(first.stoppedBy).toBe("signal");
      const header = readCheckpointHeader(dir);
      expect(header.workers).toBe(2);
      expect(header.progress.depth).toBeGreaterThanOrEqual(level);
      expect(outcome(parallelBfs(source, { checkDeadlock: true, workers: 2, resume: dir }))).toEqual(outcome(reference));
      expect(outcome(resume(source, dir))).toEqual(outcome(reference));
    });
  }

  it("resumes a level-end snapshot on another number of workers (3)", () => {
    const dir = freshDir("parallel-end");
    parallelBfs(source, { checkDeadlock: true, workers: 2, checkpoint: { dir, everyMs: 0 }, maxDepth: threeLevels(reference.depth)[1]! + 1 });
    expect(readCheckpointHeader(dir).progress.levelBoundary).toBe(true);
    expect(outcome(parallelBfs(source, { checkDeadlock: true, workers: 3, resume: dir }))).toEqual(outcome(reference));
  });
});

describe("what a stopped worker hands back", () => {
  it("a chunk's remainder holds exactly the records from the stop point on", () => {
    const frontier = new Frontier(64);
    for (let id = 0; id < 5; id++) frontier.push(id, Int32Array.of(10 * id, 10 * id + 1, 10 * id + 2).subarray(0, 1 + (id % 3)), 0, 1 + (id % 3), id, -id);
    const chunk = frontier.chunks[0]!;
    // Records 0 and 1 expanded: the next record starts after their headers and encodings (1 and 2 words).
    const at = chunkHeaderWords + 2 * recordHeaderWords + 1 + 2;
    const rest = remainderChunk(chunk, at, true);
    expect(rest.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(chunkRecords(rest)).toBe(3);
    expect(Array.from(rest.subarray(chunkHeaderWords))).toEqual(Array.from(chunk.subarray(at, chunkEnd(chunk))));
    expect(chunkEnd(rest)).toBe(rest.length);
  });
});

describe("a violation found after resuming: the same shortest counterexample", () => {
  for (const [title, source, settings] of [
    ["2PC rm6, commit-one-short (refinement)", sourceOf("twophase", { rm: 6 }, "commit-one-short"), { refinement: true }],
    ["2PC rm5, commit-before-all-prepared", sourceOf("twophase", { rm: 5 }, "commit-before-all-prepared"), {}],
    ["Paxos a3 v2 b2, ignore-reported-values", sourceOf("paxos", { acceptors: 3, values: 2, "max-ballot": 2 }, "ignore-reported-values"), {}],
  ] as const) {
    it(title, () => {
      const reference = bfs(buildModel(source), { checkDeadlock: true, ...settings });
      expect(reference.violation).not.toBeNull();
      const steps = reference.violation!.trace.steps.length;
      // The violating state is at level steps + 1, found while expanding level `steps`. Snapshot at the end of
      // level steps - 2: resuming stores level steps (new ids) from level steps - 1 (the snapshot's), so the
      // trace is rebuilt through both sides of the checkpoint.
      expect(steps).toBeGreaterThanOrEqual(3);
      const dir = freshDir("violation");
      const { run } = boundedAfterLevel(source, steps - 2, dir, settings);
      expect(run.violation).toBeNull();
      const resumed = resume(source, dir, settings);
      expect(outcome(resumed)).toEqual(outcome(reference));
      // Single-threaded BFS is deterministic: the very same behaviour.
      expect(resumed.violation).toEqual(reference.violation);
      const parallel = parallelBfs(source, { checkDeadlock: true, ...settings, workers: 2, resume: dir });
      expect(parallel.violation?.kind).toBe(reference.violation!.kind);
      expect(parallel.violation && "name" in parallel.violation ? parallel.violation.name : null).toBe(
        "name" in reference.violation! ? reference.violation.name : null,
      );
      expect(parallel.violation!.trace.steps.length).toBe(steps);
    });
  }
});

describe("tla-twin check --checkpoint / --resume", () => {
  const bin = join(projectRoot(), "dist", "model-check", "cli", "bin.js");
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const counts = (json: string) => {
    const { distinctStates, statesGenerated, depth, witnesses, violation } = JSON.parse(json) as Record<string, unknown>;
    return { distinctStates, statesGenerated, depth, witnesses, violation };
  };
  // A snapshot at the end of level 5 of 2PC with 5 RMs.
  const saved = freshDir("cli");
  const written = run("check", "twophase", "--rm", "5", "--checkpoint", saved, "--checkpoint-every", "0", "--depth", "6", "--quiet");
  const copy = (name: string) => {
    const dir = freshDir(name);
    cpSync(saved, dir, { recursive: true });
    return dir;
  };

  it("resumes to the counts of an uninterrupted run, and says where it took up", () => {
    expect(written.code).toBe(0);
    const header = readCheckpointHeader(saved);
    expect(header.progress).toMatchObject({ depth: 5, levelBoundary: true });
    const whole = run("check", "twophase", "--rm", "5", "--json");
    const resumed = run("check", "twophase", "--rm", "5", "--resume", saved, "--json");
    expect(resumed.code).toBe(0);
    expect(counts(resumed.stdout)).toEqual(counts(whole.stdout));
    expect(JSON.parse(resumed.stdout).resumedFrom).toEqual({ dir: saved, depth: 5, distinctStates: header.progress.distinctStates });
    const text = run("check", "twophase", "--rm", "5", "--resume", saved);
    expect(text.stdout).toContain(`Resumed from ${saved} at depth 5 (${header.progress.distinctStates.toLocaleString("en-US")} distinct states)`);
  });

  it.each([
    ["another config", ["--rm", "4"], /configLabel is "rm=5" in the checkpoint, "rm=4" here/],
    ["another variant", ["--rm", "5", "--variant", "commit-before-all-prepared"], /variant is none in the checkpoint, "commit-before-all-prepared" here/],
    ["symmetry on", ["--rm", "5", "--symmetry"], /symmetry is off in the checkpoint, on here/],
    ["refinement on", ["--rm", "5", "--refinement"], /refinement is off in the checkpoint, on here/],
    ["deadlock checking off", ["--rm", "5", "--no-deadlock"], /checkDeadlock is on in the checkpoint, off here/],
    ["a depth bound it has passed", ["--rm", "5", "--depth", "5"], /expanded states at depth 5, beyond the bound --depth 5/],
  ])("refuses %s in one line (exit 2)", (_what, args, message) => {
    const r = run("check", "twophase", ...args, "--resume", saved, "--quiet");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^tla-twin: cannot resume: the checkpoint in .* is of another search|^tla-twin: cannot resume: the checkpoint in .* has expanded/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
  });

  it("refuses a checkpoint written by other code (the header's code version edited), exit 2", () => {
    const dir = copy("tampered");
    const path = join(dir, "checkpoint.json");
    const header = JSON.parse(readFileSync(path, "utf8")) as { identity: { codeVersion: string } };
    const ours = header.identity.codeVersion;
    header.identity.codeVersion = "0.0.1+sha256:0123";
    writeFileSync(path, JSON.stringify(header));
    const r = run("check", "twophase", "--rm", "5", "--resume", dir, "--quiet");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`tla-twin: cannot resume: the checkpoint in ${dir} is of another search: codeVersion is "0.0.1+sha256:0123" in the checkpoint, "${ours}" here`);
  });

  it("refuses a damaged data file in one line, exit 4: a byte changed, then the file cut short", () => {
    const dir = copy("damaged");
    const visited = readdirSync(dir).find((f) => f.startsWith("visited."))!;
    const bytes = readFileSync(join(dir, visited));
    const at = bytes.findIndex((b) => b !== 0);
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(join(dir, visited), bytes);
    const flipped = run("check", "twophase", "--rm", "5", "--resume", dir, "--quiet");
    expect(flipped.code).toBe(4);
    expect(flipped.stderr.trim()).toBe(`tla-twin: the checkpoint in ${dir} is damaged: ${join(dir, visited)} does not match its SHA-256 in the header`);

    truncateSync(join(dir, visited), 100);
    const cut = run("check", "twophase", "--rm", "5", "--resume", dir, "--quiet");
    expect(cut.code).toBe(4);
    expect(cut.stderr.trim()).toMatch(/^tla-twin: the checkpoint data file .*visited\..*\.bin has 100 bytes, its header says \d+$/);
  });

  it("refuses an unreadable header in one line, exit 4", () => {
    const dir = copy("bad-header");
    writeFileSync(join(dir, "checkpoint.json"), "{ not json");
    const r = run("check", "twophase", "--rm", "5", "--resume", dir, "--quiet");
    expect(r.code).toBe(4);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/checkpoint header .* is unreadable/);
  });

  it.each([
    ["a missing directory", ["--rm", "5", "--resume", join(scratch, "nowhere")], /cannot resume: no checkpoint directory .*nowhere/],
    ["an empty directory", ["--rm", "5", "--resume", scratch], /cannot resume: no checkpoint in .* \(no checkpoint.json\)/],
    ["--checkpoint over another checkpoint", ["--rm", "5", "--checkpoint", saved], /--checkpoint .* holds a checkpoint already: continue it with --resume/],
    ["--checkpoint with --mode dfs", ["--rm", "5", "--mode", "dfs", "--checkpoint", join(scratch, "dfs")], /--checkpoint applies to --mode bfs only \(got --mode dfs\)/],
    ["--resume with --mode simulate", ["--rm", "5", "--mode", "simulate", "--resume", saved], /--resume applies to --mode bfs only \(got --mode simulate\)/],
    ["--checkpoint-every alone", ["--rm", "5", "--checkpoint-every", "10"], /--checkpoint-every needs --checkpoint DIR/],
  ])("refuses %s in one line (exit 2)", (_what, args, message) => {
    const r = run("check", "twophase", ...args, "--quiet");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("nightly: large searches stopped at three points and resumed", () => {
  for (const [title, source] of [
    ["Raft small", sourceOf("raft", presetOptions("raft", "small"))],
    ["2PC rm9", sourceOf("twophase", { rm: 9 })],
  ] as const) {
    if (!slowTests) {
      it.skip(`${title}: minutes on 2 cores: run with TLA_TWIN_SLOW_TESTS=1`, () => {});
      continue;
    }
    it(`${title}: identical counts and depth`, { timeout: 1_800_000 }, () => {
      const reference = bfs(buildModel(source), { checkDeadlock: true });
      expect(reference.complete).toBe(true);
      for (const level of threeLevels(reference.depth)) {
        const dir = freshDir("nightly");
        const stop = new StopSignal();
        // Snapshots only when stopped (none is due at level ends): the one written at the stop is resumed.
        const first = bfs(buildModel(source), {
          checkDeadlock: true,
          source,
          checkpoint: { dir, everyMs: 1e12 },
          stop,
          progressIntervalMs: 0,
          onProgress: (p) => {
            if (p.depth >= level) stop.request("signal");
          },
        });
        expect(first.stoppedBy).toBe("signal");
        expect(readCheckpointHeader(dir).progress.distinctStates).toBe(first.distinctStates);
        expect(outcome(resume(source, dir))).toEqual(outcome(reference));
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
