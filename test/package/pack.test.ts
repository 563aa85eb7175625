/**
 * The package as a user installs it: `npm pack`, the tarball installed into
 * an empty project, a protocol written there in TypeScript checked by
 * `tla-twin check ./proto.ts --workers 2`, through `import { check } from
 * "tla-twin"` (from TypeScript, type-checked against the package's own
 * declarations, and from plain JavaScript), with the expected counts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../model-check/project-root.js";

const root = projectRoot();
let work: string;
let project: string;

function inProject(command: string, args: readonly string[]) {
  const r = spawnSync(command, args, { cwd: project, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "tla-twin-pack-"));
  project = join(work, "project");
  // dist/ is built by `npm test`'s pretest; packing must not rebuild it under the running tests.
  execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], { cwd: root, encoding: "utf8" });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"))!;
  execFileSync("mkdir", [project]);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "my-protocols", private: true, type: "module" }));
  execFileSync("npm", ["install", join(work, tarball), "--prefer-offline", "--no-audit", "--no-fund", "--silent"], { cwd: project, encoding: "utf8" });
  copyFileSync(join(root, "examples", "peterson.ts"), join(project, "proto.ts"));
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the installed package", () => {
  it("checks ./proto.ts with tla-twin check --workers 2", () => {
    const r = inProject("npx", ["--no-install", "tla-twin", "check", "./proto.ts", "--workers", "2", "--json"]);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    // 20 / 35 / 7: the counts of the naive reference explorer for examples/peterson.ts (test/define/define-protocol.test.ts).
    expect([report.distinctStates, report.statesGenerated, report.depth, report.violation]).toEqual([20, 35, 7, null]);
  });

  it("checks it through import { check } from \"tla-twin\" in TypeScript, type-checked against the package's declarations", () => {
    writeFileSync(
      join(project, "run.ts"),
      [
        'import { check } from "tla-twin";',
        'import peterson from "./proto.ts";',
        "const result = await check(peterson, { workers: 2, module: new URL(\"./proto.ts\", import.meta.url) });",
        "const counts: [number, number, number] = [result.distinctStates, result.statesGenerated, result.depth];",
        "console.log(JSON.stringify(counts));",
      ].join("\n"),
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, allowImportingTsExtensions: true, skipLibCheck: false, types: [] }, files: ["run.ts"] }),
    );
    const typecheck = inProject(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);
    expect(typecheck.stdout + typecheck.stderr).toBe("");
    const r = inProject(process.execPath, ["--import", "tsx", "run.ts"]);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("[20,35,7]");
  });

  it("checks a protocol written in plain JavaScript", () => {
    writeFileSync(
      join(project, "count.mjs"),
      [
        'import { actionsOn, check, defineModel, int, record } from "tla-twin";',
        "const State = record({ n: int(0, 3) });",
        "const action = actionsOn(State);",
        "const model = defineModel({ state: State, init: [{ n: 0 }], actions: { Up: action((s) => (s.n < 3 ? { n: s.n + 1 } : undefined)) } });",
        "const result = await check(model, { checkDeadlock: false });",
        "console.log(result.distinctStates, result.statesGenerated, result.depth);",
      ].join("\n"),
    );
    const r = inProject(process.execPath, ["count.mjs"]);
    expect(r.stderr).toBe("");
    // 0, 1, 2, 3 counted by hand: 4 states, 4 generated (the initial one and 3 steps), 4 levels.
    expect(r.stdout.trim()).toBe("4 4 4");
  });
});
