/**
 * `tla-twin list` as a user meets it: the protocols, their options, presets and variants.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../../model-check/project-root.js";

const bin = join(projectRoot(), "dist", "model-check", "cli", "bin.js");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("tla-twin list", () => {
  it("shows protocols, presets and variants", () => {
    const r = run("list");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("twophase: Two-Phase Commit");
    expect(r.stdout).toContain("preset rm3");
    expect(r.stdout).toContain("variant commit-before-all-prepared");
  });
});
