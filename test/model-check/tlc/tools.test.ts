/**
 * Finding Java and tla2tools.jar: TLA2TOOLS_JAR first, then the per-user
 * cache; every failure is one sentence that says what to do.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cachedJarPath, findTlcTools, pinnedTlcRelease } from "../../../model-check/tlc/tools.js";

function sandbox() {
  const root = mkdtempSync(join(tmpdir(), "tla-twin-tools-"));
  const bin = join(root, "bin");
  mkdirSync(bin);
  const java = join(bin, "java");
  writeFileSync(java, "#!/bin/sh\n");
  chmodSync(java, 0o755);
  return { root, bin, java };
}

describe("findTlcTools", () => {
  it("uses TLA2TOOLS_JAR and the java on the PATH", () => {
    const { root, bin, java } = sandbox();
    const jar = join(root, "tla2tools.jar");
    writeFileSync(jar, "");
    expect(findTlcTools({ TLA2TOOLS_JAR: jar, PATH: bin })).toEqual({ ok: true, tools: { java, jar } });
  });

  it("falls back to the per-user cache", () => {
    const { root, bin, java } = sandbox();
    const env = { XDG_CACHE_HOME: join(root, "cache"), PATH: bin };
    expect(cachedJarPath(env)).toBe(join(root, "cache", "tla-twin", "tla2tools.jar"));
    const missing = findTlcTools(env);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.reason).toBe(
      `TLC's tla2tools.jar was not found: set TLA2TOOLS_JAR to the path of tla2tools.jar, copy it to ${cachedJarPath(env)}, or run npm run tlc:setup to download TLC ${pinnedTlcRelease.version}`,
    );
    mkdirSync(join(root, "cache", "tla-twin"), { recursive: true });
    writeFileSync(cachedJarPath(env), "");
    expect(findTlcTools(env)).toEqual({ ok: true, tools: { java, jar: cachedJarPath(env) } });
  });

  it("says so when TLA2TOOLS_JAR names nothing, and when Java is missing", () => {
    const { root } = sandbox();
    const bad = findTlcTools({ TLA2TOOLS_JAR: join(root, "nope.jar"), PATH: "" });
    expect(!bad.ok && bad.reason).toMatch(/^TLA2TOOLS_JAR is set to .*nope\.jar, but there is no file there/);
    const jar = join(root, "tla2tools.jar");
    writeFileSync(jar, "");
    const noJava = findTlcTools({ TLA2TOOLS_JAR: jar, PATH: join(root, "empty") });
    expect(!noJava.ok && noJava.reason).toMatch(/^Java was not found on the PATH/);
  });

  it("pins a release URL and a SHA-256 of the right form", () => {
    expect(pinnedTlcRelease.url).toBe(`https://github.com/tlaplus/tlaplus/releases/download/${pinnedTlcRelease.version}/tla2tools.jar`);
    expect(pinnedTlcRelease.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
