/**
 * Every twin covers its spec and only its spec, read by one reader of
 * TLA+ (model-check/spec-map.ts) for every protocol and abstract spec: the
 * action table has exactly the actions of the next-state relation, every
 * action it reaches (handlers included) is a function tagged `@tla
 * Module!Action`, every tag names an operator the module defines, the
 * variables agree, every invariant is defined and tagged; and
 * docs/spec-map.md is current.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { registrySpecMap } from "../../model-check/cli/spec-map-command.js";
import { projectRoot, specDir } from "../../model-check/project-root.js";
import {
  actionsOfNext,
  stepsReachedFrom,
  danglingBindings,
  readSpecOperators,
  readSpecVariables,
  readTwinBindings,
} from "../../model-check/spec-map.js";
import { type AnyModel, resolveOptions } from "../../src/protocol.js";
import { tcommitModel } from "../../src/tcommit/index.js";
import { majorities, votingModel } from "../../src/voting/index.js";
import { protocols } from "../../src/registry.js";

/** A twin and the spec it mirrors: every registered protocol, and the abstract specs 2PC and Paxos refine. */
interface Subject {
  readonly module: string;
  readonly next: string;
  readonly folder: string;
  readonly model: AnyModel;
}

const subjects: Subject[] = [
  ...protocols.map((p) => ({ module: p.tlaModule, next: "Next", folder: p.name, model: p.model(resolveOptions(p, p.presets[0]!.options)) })),
  { module: "TCommit", next: "TCNext", folder: "tcommit", model: tcommitModel({ rmCount: 3 }) as AnyModel },
  { module: "Voting", next: "Next", folder: "voting", model: votingModel({ acceptorCount: 3, valueCount: 2, maxBallot: 1, quorums: majorities(3) }) as AnyModel },
];

describe.each(subjects.map((s) => [s.module, s] as const))("spec/%s.tla and its twin cover each other", (_name, { module, next, folder, model }) => {
  const specText = readFileSync(join(specDir(), `${module}.tla`), "utf8");
  const operators = readSpecOperators(specText);
  const bindings = readTwinBindings(join(projectRoot(), "src", folder));
  const tagged = new Set(bindings.filter((b) => b.module === module).map((b) => b.operator));
  // Names defined in the spec or in a model-checking module beside it (MC<Module>*.tla).
  const specFiles = readdirSync(specDir()).filter((f) => f === `${module}.tla` || (f.startsWith(`MC${module}`) && f.endsWith(".tla")));
  const defined = new Set(specFiles.flatMap((f) => readSpecOperators(readFileSync(join(specDir(), f), "utf8")).map((o) => o.name)));

  it(`the twin's action table has exactly ${next}'s actions`, () => {
    const actions = actionsOfNext(operators, next).map((o) => o.name);
    expect(actions.length).toBeGreaterThan(0);
    expect(Object.keys(model.transitions!.table).sort()).toEqual([...actions].sort());
  });

  it(`every step ${next} reaches, the handlers its actions are made of included, is a tagged twin function`, () => {
    const reached = stepsReachedFrom(operators, next).map((o) => o.name);
    expect(reached.filter((name) => !tagged.has(name))).toEqual([]);
  });

  it("declares the twin's variables, in the same order", () => {
    expect(readSpecVariables(specText)).toEqual([...model.tlaVariables]);
  });

  it("every @tla tag names an operator of the module", () => {
    expect(bindings.length).toBeGreaterThan(0);
    expect(danglingBindings(module, specText, bindings)).toEqual([]);
  });

  it("every invariant the twin checks is defined in the spec and tagged in the twin", () => {
    for (const invariant of model.invariants) {
      expect(defined, invariant.name).toContain(invariant.name);
      expect(tagged, `@tla ${module}!${invariant.name}`).toContain(invariant.name);
    }
  });
});

describe("docs/spec-map.md", () => {
  it("is up to date (regenerate with npm run docs)", () => {
    const path = join(projectRoot(), "docs", "spec-map.md");
    expect(existsSync(path), "docs/spec-map.md is missing: run npm run docs").toBe(true);
    expect(readFileSync(path, "utf8"), "docs/spec-map.md is stale: run npm run docs").toBe(registrySpecMap());
  });
});
