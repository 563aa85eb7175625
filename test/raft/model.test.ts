/**
 * The Raft model as a whole: the model contract on configs smaller than
 * the presets, the checker's counts against TLC's figures in
 * spec/manifest.json (each produced by TLC on spec/MCRaft.tla with the
 * preset's MCRaft_<preset>.cfg), and the shipped configs against tlcModel().
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { readManifest } from "../../model-check/manifest.js";
import { specDir } from "../../model-check/project-root.js";
import { resolveOptions } from "../../src/protocol.js";
import { type RaftConfig, raft, raftModel } from "../../src/raft/index.js";
import { findProtocol } from "../../src/registry.js";
import { itConformsToTheModelContract } from "../support/model-conformance.js";

const base: RaftConfig = { servers: 2, values: 1, maxTerm: 2, maxLogLength: 1, maxCopies: 1, maxInFlight: 1 };

describe.each([
  // One server: it elects itself and commits alone; two values, two terms of entries.
  ["1 server, 2 values, terms to 3, logs to 2", { ...base, servers: 1, values: 2, maxTerm: 3, maxLogLength: 2, maxInFlight: 2 }],
  // Duplicated messages: two copies of one message in flight.
  ["1 server, 2 copies in flight", { ...base, servers: 1, maxCopies: 2, maxInFlight: 2 }],
  // Two servers, one message at a time: elections, replication, commits.
  ["2 servers, one message in flight", base],
] as const)("Raft with %s follows the model contract", (_label, config) => {
  itConformsToTheModelContract(() => raftModel(config));
});

describe("Raft counts equal TLC's (spec/manifest.json)", () => {
  const entries = readManifest().models.filter((m) => m.protocol === "raft");

  it("has TLC figures for the tiny and small presets", () => {
    expect(entries.map((e) => e.preset).sort()).toEqual(expect.arrayContaining(["small", "tiny"]));
  });

  for (const entry of entries.filter((e) => raft.presets.find((p) => p.name === e.preset)?.quick)) {
    it(`${entry.preset}: ${entry.tlc.distinctStates} distinct, ${entry.tlc.statesGenerated} generated, depth ${entry.tlc.depth}`, () => {
      const result = bfs(raft.model(resolveOptions(raft, entry.options)), { checkDeadlock: true });
      expect(result.violation).toBeNull();
      expect({ distinctStates: result.distinctStates, statesGenerated: result.statesGenerated, depth: result.depth }).toEqual(
        entry.tlc,
      );
    });
  }

  it("each preset's options are the ones recorded with its TLC figures", () => {
    for (const entry of entries) expect(raft.presets.find((p) => p.name === entry.preset)?.options).toEqual(entry.options);
  });

  it("each shipped .cfg is exactly the config the model gives TLC", () => {
    for (const preset of raft.presets) {
      const model = raft.model(resolveOptions(raft, preset.options));
      expect(readFileSync(join(specDir(), `MCRaft_${preset.name}.cfg`), "utf8")).toBe(model.tlcModel().cfg);
      expect(model.tlcModel().module).toBe("MCRaft");
    }
    for (const entry of entries) expect(entry.cfg).toBe(`MCRaft_${entry.preset}.cfg`);
  });
});

describe("the Raft protocol entry", () => {
  it("is registered under its CLI name", () => {
    expect(findProtocol("raft")).toBe(raft);
  });

  it("rejects bounds outside its ranges with a message that names the flag and the range", () => {
    expect(() => resolveOptions(raft, { "max-term": 0 })).toThrow("--max-term must be an integer from 1 to 15");
    expect(() => resolveOptions(raft, { servers: 6 })).toThrow("--servers must be an integer from 1 to 5");
    expect(() => resolveOptions(raft, { "max-log": 8 })).toThrow("--max-log must be an integer from 0 to 7");
    expect(() => resolveOptions(raft, { "max-in-flight": 0 })).toThrow("--max-in-flight must be an integer from 1 to 8");
  });

  it("labels the config with every bound", () => {
    expect(raft.model(resolveOptions(raft, {})).configLabel).toBe(
      "servers=3 values=1 max-term=2 max-log=1 max-copies=1 max-in-flight=1",
    );
  });

  it("defaults to the small preset's bounds", () => {
    expect(resolveOptions(raft, {})).toEqual(resolveOptions(raft, raft.presets.find((p) => p.name === "small")!.options));
  });
});
