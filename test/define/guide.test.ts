/**
 * docs/your-protocol.md quotes its code from examples/: each TypeScript
 * block whose first line names a file (`// examples/peterson.ts`) must be a
 * verbatim excerpt of that file, so the guide cannot drift from code that
 * the other tests type-check and run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../model-check/project-root.js";

const root = projectRoot();
const guide = readFileSync(join(root, "docs", "your-protocol.md"), "utf8");
const excerpts = [...guide.matchAll(/```ts\n\/\/ (examples\/[\w.-]+)\n([\s\S]*?)```/g)].map((m) => ({ file: m[1]!, code: m[2]! }));

describe("docs/your-protocol.md", () => {
  it("quotes at least one excerpt of each example", () => {
    expect(new Set(excerpts.map((e) => e.file))).toEqual(new Set(["examples/peterson.ts", "examples/two-phase-commit.ts", "examples/paxos.ts", "examples/raft-commit-alone.ts"]));
  });

  it.each(excerpts.map((e, i) => [i + 1, e.file, e.code] as const))("excerpt %i is verbatim from %s", (_i, file, code) => {
    expect(readFileSync(join(root, file), "utf8")).toContain(code);
  });
});
