/**
 * Every protocol's twin covers its spec and only its spec: each action that
 * `Next` names has a twin function tagged `@tla Module!Action`, every tag
 * names an operator the module defines, every twin action type is a spec
 * action, every invariant the twin checks is defined in the spec, and
 * docs/spec-map.md is current.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { registrySpecMap } from "../../model-check/cli/spec-map-command.js";
import { projectRoot, specDir } from "../../model-check/project-root.js";
import {
  actionsOfNext,
  danglingBindings,
  readSpecOperators,
  readSpecVariables,
  readTwinBindings,
  specMap,
} from "../../model-check/spec-map.js";
import { resolveOptions } from "../../src/protocol.js";
import { protocols } from "../../src/registry.js";

describe.each(protocols.map((p) => [p.name, p] as const))("spec map of %s", (_name, protocol) => {
  const specText = readFileSync(join(specDir(), `${protocol.tlaModule}.tla`), "utf8");
  const bindings = readTwinBindings(join(projectRoot(), "src", protocol.name));
  // Names defined in the spec or in a model-checking module beside it (MC<Module>*.tla).
  const specFiles = readdirSync(specDir()).filter((f) => f === `${protocol.tlaModule}.tla` || (f.startsWith(`MC${protocol.tlaModule}`) && f.endsWith(".tla")));
  const defined = new Set(specFiles.flatMap((f) => readSpecOperators(readFileSync(join(specDir(), f), "utf8")).map((o) => o.name)));

  it("every action of Next has a tagged twin function", () => {
    const actions = actionsOfNext(readSpecOperators(specText));
    expect(actions.length).toBeGreaterThan(0);
    const missing = specMap(protocol.tlaModule, specText, bindings).filter((r) => r.kind === "action" && r.twin.length === 0);
    expect(missing.map((r) => r.operator.name)).toEqual([]);
  });

  it("declares the twin's variables, in the same order", () => {
    const model = protocol.model(resolveOptions(protocol, protocol.presets[0]!.options));
    expect(readSpecVariables(specText)).toEqual([...model.tlaVariables]);
  });

  it("every @tla tag names an operator of the module", () => {
    expect(bindings.length).toBeGreaterThan(0);
    expect(danglingBindings(protocol.tlaModule, specText, bindings)).toEqual([]);
  });

  it("every twin action type and every invariant is defined in the spec", () => {
    const preset = protocol.presets[0]!;
    const model = protocol.model(resolveOptions(protocol, preset.options));
    for (const invariant of model.invariants) expect(defined, invariant.name).toContain(invariant.name);
    const types = new Set<string>();
    let frontier = [...model.initialStates()];
    for (let round = 0; round < 6 && frontier.length > 0; round++) {
      const next: unknown[] = [];
      for (const s of frontier.slice(0, 200)) model.forEachSuccessor(s, (a, t) => (types.add(a.type), next.push(t)));
      frontier = next;
    }
    expect(types.size).toBeGreaterThan(0);
    for (const type of types) expect(defined, `action type ${type}`).toContain(type);
  });
});

describe("docs/spec-map.md", () => {
  it("is up to date (regenerate with npm run docs)", () => {
    const path = join(projectRoot(), "docs", "spec-map.md");
    expect(existsSync(path), "docs/spec-map.md is missing: run npm run docs").toBe(true);
    expect(readFileSync(path, "utf8"), "docs/spec-map.md is stale: run npm run docs").toBe(registrySpecMap());
  });
});
