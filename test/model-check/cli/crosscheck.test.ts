/**
 * `tla-twin crosscheck` as a user meets it when something is wrong (one line,
 * exit code 2), and `tla-twin check --trace-format` with --json. The cross-checks
 * themselves are in test/model-check/tlc/.
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../support/cli.js";
import { describe, expect, it } from "vitest";



const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => runCli(args, { env });

function expectOneLineError(r: ReturnType<typeof run>, message: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
}

describe("tla-twin crosscheck: errors are one line and exit code 2", () => {
  it.each([
    [["crosscheck"], /crosscheck needs a protocol first: one of twophase/],
    [["crosscheck", "nosuch"], /unknown protocol "nosuch"/],
    [["crosscheck", "twophase", "--preset", "rm3", "--rm", "4"], /give either --preset or the options \(--rm\), not both/],
    [["crosscheck", "twophase", "--workers", "0"], /--workers must be an integer from 1 to 256/],
    [["crosscheck", "twophase", "--timeout", "soon"], /--timeout must be an integer from 1 to/],
    [["crosscheck", "twophase", "--preset", "rm99"], /--preset must be one of rm3, rm4/],
  ])("%j", (args, message) => {
    expectOneLineError(run(args as string[]), message);
  });

  it("says where to put the jar when TLA2TOOLS_JAR names a missing file", () => {
    const r = run(["crosscheck", "twophase", "--preset", "rm3"], { ...process.env, TLA2TOOLS_JAR: "/nonexistent/tla2tools.jar" });
    expectOneLineError(r, /TLA2TOOLS_JAR is set to \/nonexistent\/tla2tools.jar, but there is no file there \(set TLA2TOOLS_JAR .*tla-twin\/tla2tools.jar, or run npm run tlc:setup/);
  });

  it("says Java is missing when it is not on the PATH", () => {
    const jar = join(mkdtempSync(join(tmpdir(), "tla-twin-jar-")), "tla2tools.jar");
    writeFileSync(jar, "");
    const r = run(["crosscheck", "twophase", "--preset", "rm3"], { ...process.env, TLA2TOOLS_JAR: jar, PATH: "" });
    expectOneLineError(r, /Java was not found on the PATH/);
  });
});

describe("tla-twin check --trace-format", () => {
  const broken = ["check", "twophase", "--variant", "commit-before-all-prepared", "--quiet"];

  it("itf and tla need --out in text mode (check-trace-out.test.ts tests --out)", () => {
    expectOneLineError(run([...broken, "--trace-format", "itf"]), /--trace-format itf needs --out FILE/);
    expectOneLineError(run([...broken, "--trace-format", "tla"]), /--trace-format tla needs --out FILE/);
  });

  it("with --json keeps the report's fields and adds the trace in the chosen format", () => {
    const plain = JSON.parse(run([...broken, "--json"]).stdout);
    const withItf = JSON.parse(run([...broken, "--json", "--trace-format", "itf"]).stdout);
    expect(withItf.violation.trace).toEqual(plain.violation.trace);
    expect(Object.keys(withItf)).toEqual(Object.keys(plain));
    expect(withItf.violation.itf.vars).toEqual(["rmState", "tmState", "tmPrepared", "msgs"]);
  });

  it("rejects an unknown format", () => {
    expectOneLineError(run([...broken, "--trace-format", "xml"]), /--trace-format must be one of text, itf, tla, json/);
  });
});
