/**
 * `tla-twin list` as a user meets it: the protocols, their options, presets and variants.
 */


import { runCli } from "../../support/cli.js";
import { describe, expect, it } from "vitest";



const run = (...args: string[]) => runCli(args);

describe("tla-twin list", () => {
  it("shows protocols, presets and variants", () => {
    const r = run("list");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("twophase: Two-Phase Commit");
    expect(r.stdout).toContain("preset rm3");
    expect(r.stdout).toContain("variant commit-before-all-prepared");
  });
});
