/**
 * The contract check that runs before every `tla-twin check`: it passes every
 * shipped quick config, and each kind of broken model is refused with the
 * rule it breaks and an example state.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkContract, deepEqual } from "../../model-check/contract-check.js";
import { projectRoot } from "../../model-check/project-root.js";
import { resolveOptions } from "../../src/protocol.js";
import { protocols } from "../../src/registry.js";
import { type TwoPhaseState, twoPhaseModel } from "../../src/twophase/index.js";

describe("every shipped quick config keeps the contract", () => {
  for (const protocol of protocols) {
    for (const preset of protocol.presets.filter((p) => p.quick)) {
      it(`${protocol.name} ${preset.name}`, () => {
        expect(checkContract(protocol.model(resolveOptions(protocol, preset.options)), { maxStates: 500 })).toBeNull();
      });
    }
  }
});

describe("a broken model is refused with the rule it breaks", () => {
  const good = twoPhaseModel({ rmCount: 3 });

  it("a codec that drops a field merges states: canonical encoding", () => {
    // tmState is not written: "init" and "committed" TM states encode alike.
    const dropping = {
      ...good,
      codec: {
        ...good.codec,
        encode(s: TwoPhaseState, out: Int32Array, offset: number) {
          const n = good.codec.encode({ ...s, tmState: "init" }, out, offset);
          return n;
        },
        decode: good.codec.decode,
      },
    };
    const breach = checkContract(dropping);
    expect(breach?.rule).toMatch(/codec|canonical encoding/);
    expect(breach?.example).toMatch(/tmState/);
  });

  it("an enumeration that changes the state it is given: mutation", () => {
    const mutating = {
      ...good,
      forEachSuccessor(s: TwoPhaseState, visit: Parameters<typeof good.forEachSuccessor>[1]) {
        good.forEachSuccessor(s, visit);
        (s as { tmState: string }).tmState = "aborted";
      },
    };
    expect(checkContract(mutating)?.rule).toBe("mutation");
  });

  it("a step that disagrees with enumeration: step", () => {
    const disagreeing = { ...good, step: () => undefined };
    expect(checkContract(disagreeing)).toMatchObject({ rule: "step" });
  });

  it("a TLA+ binding that loses a field: TLA+ round trip", () => {
    const lossy = { ...good, fromTla: (v: Parameters<typeof good.fromTla>[0]) => ({ ...good.fromTla(v), tmPrepared: 0 }) };
    expect(checkContract(lossy)?.rule).toBe("TLA+ round trip");
  });

  it("a model that throws: exception, with the state it threw on", () => {
    const throwing = {
      ...good,
      forEachSuccessor(s: TwoPhaseState, visit: Parameters<typeof good.forEachSuccessor>[1]) {
        if (s.tmState === "committed") throw new Error("boom");
        good.forEachSuccessor(s, visit);
      },
    };
    const breach = checkContract(throwing);
    expect(breach).toMatchObject({ rule: "exception", message: "the model threw Error: boom" });
    expect(breach!.example).toContain('tmState |-> "committed"');
  });
});

describe("deepEqual", () => {
  it("compares plain data structurally", () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(deepEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(deepEqual(new Map([[1, [2]]]), new Map([[1, [2]]]))).toBe(true);
    expect(deepEqual(new Set([1]), new Set([2]))).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});

describe("tla-twin check runs it first", () => {
  const bin = join(projectRoot(), "dist", "model-check", "cli", "bin.js");
  it("accepts --no-contract-check, and the counts are the same either way (2PC rm3: 288 states, TLC)", () => {
    for (const extra of [[], ["--no-contract-check"]]) {
      const r = spawnSync(process.execPath, [bin, "check", "twophase", "--rm", "3", "--json", ...extra], { encoding: "utf8" });
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).distinctStates).toBe(288);
    }
  });
});
