/**
 * golden/zoo.json, TLC's verdicts on the TLA+ versions of the variants
 * (`npm run tlc:zoo`), against the twin, without Java: every 2PC and Paxos
 * variant has an entry made from the spec files in spec/ now, for the
 * variant's own overrides, under the preset that first catches it in the
 * twin, where TLC found the twin's violation at the twin's number of steps;
 * Raft's entries agree with a search of the twin under the same preset and
 * with the counterexample lengths src/raft/variants.ts records. And each
 * zoo module is what its overrides need: it extends the preset's root
 * module and defines each replacement with the arity of the operator it
 * replaces.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specDir } from "../../model-check/project-root.js";
import { readZooGolden, runVariantUnderPreset, runZoo, tlaVariantOf } from "../../model-check/zoo.js";
import { paxos } from "../../src/paxos/index.js";
import { type AnyProtocol, resolveOptions, tlcModelOf } from "../../src/protocol.js";
import { raft, raftVariants } from "../../src/raft/index.js";
import { twoPhase } from "../../src/twophase/index.js";

const golden = readZooGolden();
const entryOf = (protocol: string, variant: string) => golden?.variants.find((e) => e.protocol === protocol && e.variant === variant);

describe("golden/zoo.json", () => {
  it("exists and says which command and TLC made it", () => {
    expect(golden).toBeDefined();
    expect(golden!.format).toBe("tla-twin bug-zoo TLC results, version 1");
    expect(golden!.generatedBy).toBe("npm run tlc:zoo");
    expect(golden!.tlcVersion).toMatch(/^TLC2 Version /);
  });

  const rows = runZoo({ protocols: [twoPhase, paxos] });
  describe.each(rows.map((r) => [`${r.protocol} ${r.variant}`, r] as const))("%s", (_name, row) => {
    const protocol = [twoPhase, paxos].find((p) => p.name === row.protocol)!;
    const tla = tlaVariantOf(protocol.name, protocol.variants.find((v) => v.name === row.variant)!)!;

    // A variant that breaks a refinement claim is confirmed by TLC with the refinement as its property,
    // in test/refinement/tlc.test.ts (docs/refinement.md): the zoo's runs use the presets' configs, which name none.
    const refinementVariant = row.breaks === protocol.model(resolveOptions(protocol, {})).refinement?.name;
    const first = refinementVariant ? undefined : row.runs.find((r) => r.violation !== null);

    it.runIf(refinementVariant)("is a refinement variant: caught by the twin with its claim checked, confirmed by TLC in test/refinement", () => {
      expect(row.verdict).toBe("caught");
    });

    it.runIf(first === undefined && !refinementVariant)("says TLC was not run, since no quick preset catches it in the twin", () => {
      expect(row.tlc).toMatchObject({ ran: false, tlc: null, note: "no quick preset catches it in the twin" });
    });

    it.runIf(first !== undefined)("has TLC's verdict for the variant's TLA+ version, from the spec files as they are now", () => {
      expect(row.tlc, "run npm run tlc:zoo").not.toBeNull();
      expect(row.tlc!.ran).toBe(true);
      expect(row.tlc!.module).toBe(tla.module);
      expect(row.tlc!.overrides).toEqual(tla.overrides);
      expect(Object.keys(row.tlc!.sources)).toContain(`${tla.module}.tla`);
      expect(Object.keys(row.tlc!.sources)).toContain(row.tlc!.cfg);
      expect(row.problems.filter((p) => /changed since|is gone since/.test(p))).toEqual([]);
    });

    it.runIf(first !== undefined)("TLC stops at the twin's violation, at the same number of steps, under that preset", () => {
      expect(row.tlc!.preset).toBe(first!.preset);
      expect(row.tlc!.tlc, row.tlc!.note ?? "").toMatchObject(first!.violation!);
      expect(row.tlc!.agrees).toBe(true);
      expect(row.tlcAgrees).toBe(true);
    });
  });
});

describe.each(raftVariants.map((v) => [v.name, v] as const))("golden/zoo.json for raft %s", (name, variant) => {
  const entry = entryOf("raft", name);

  it("is there: TLC's verdict where a quick preset catches the variant, else why TLC was not run", () => {
    expect(entry).toBeDefined();
    if (!entry!.ran) expect(entry!.note).toBe("no quick preset catches it in the twin");
  });

  it.runIf(entry?.ran === true)("TLC's violation is the twin's under that preset, of the length src/raft/variants.ts records", () => {
    const preset = raft.presets.find((p) => p.name === entry!.preset)!;
    expect(preset.quick).toBe(true);
    const run = runVariantUnderPreset(raft, variant, preset);
    expect(entry!.tlc).toMatchObject(run.violation!);
    const kind = raft.model(resolveOptions(raft, preset.options), name).invariants.some((i) => i.name === variant.breaks)
      ? "invariant"
      : "action-property";
    expect(entry!.tlc).toMatchObject({ kind, name: variant.breaks });
    expect(entry!.agrees).toBe(true);
    // A preset that starts elsewhere than Init (figure37) counts its steps from there: no comparison with the stored trace.
    if (resolveOptions(raft, preset.options)["figure-3-7"] === 1) return;
    // Under the variant's own (smaller) bounds its shortest counterexample is no longer than under the preset's.
    const sameBounds = JSON.stringify(resolveOptions(raft, variant.exhibitedWith)) === JSON.stringify(resolveOptions(raft, preset.options));
    if (sameBounds) expect(entry!.tlc!.steps).toBe(variant.counterexample.steps);
    else expect(entry!.tlc!.steps).toBeGreaterThanOrEqual(variant.counterexample.steps);
    expect(variant.counterexample.shortest).toBe(true);
  });
});

describe("every variant has a TLA+ version", () => {
  it.each([twoPhase, paxos, raft].flatMap((p) => p.variants.map((v) => [p.name, v] as const)))("%s %s", (_protocol, variant) => {
    expect(variant.tlaVariant, `${variant.name} has no tlaVariant`).toBeDefined();
  });
});

/** A module's text in spec/. */
function moduleText(name: string): string {
  return readFileSync(join(specDir(), `${name}.tla`), "utf8");
}

/** The modules a module extends (its first EXTENDS line). */
function extendsOf(name: string): string[] {
  const line = /^EXTENDS (.+)$/m.exec(moduleText(name));
  return line === null ? [] : line[1]!.split(",").map((s) => s.trim());
}

/** The module and every module of spec/ it extends, directly or not. */
function withExtended(name: string): string[] {
  const seen: string[] = [];
  const visit = (m: string) => {
    if (seen.includes(m) || !specModules.includes(m)) return;
    seen.push(m);
    extendsOf(m).forEach(visit);
  };
  visit(name);
  return seen;
}
const specModules = readdirSync(specDir())
  .filter((f) => f.endsWith(".tla"))
  .map((f) => f.slice(0, -".tla".length));

/** `Name(p, q) ==` at the start of a line: the arity of each operator a module defines. */
function arities(names: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const name of names) {
    for (const m of moduleText(name).matchAll(/^([A-Za-z_][A-Za-z0-9_]*)(?:\(([^)]*)\))?\s*==/gm)) {
      found.set(m[1]!, m[2] === undefined ? 0 : m[2].split(",").length);
    }
  }
  return found;
}

const protocolsWithVariants: readonly AnyProtocol[] = [twoPhase, paxos, raft];
describe.each(protocolsWithVariants.flatMap((p) => p.variants.map((v) => [`${p.name} ${v.name}`, p, v] as const)))(
  "the TLA+ version of %s",
  (_name, protocol, variant) => {
    const root = tlcModelOf(protocol.model(resolveOptions(protocol, {}))).module;
    const tla = tlaVariantOf(protocol.name, variant);

    it("exists", () => {
      expect(tla).toBeDefined();
    });

    it.runIf(tla !== undefined)(`is in a module of spec/ that extends ${root}`, () => {
      expect(withExtended(tla!.module)).toContain(root);
    });

    it.runIf(tla !== undefined)("replaces operators of the protocol's modules by ones of the zoo module with the same arity", () => {
      const modules = withExtended(tla!.module);
      const reference = arities(modules.filter((m) => m !== tla!.module));
      const replacements = arities([tla!.module]);
      for (const override of tla!.overrides) {
        const [replaced, replacement] = override.split(/\s*<-\s*/);
        expect(reference.has(replaced!), `${replaced} is defined in ${modules.join(", ")}`).toBe(true);
        expect(replacements.get(replacement!), `${replacement} in spec/${tla!.module}.tla`).toBe(reference.get(replaced!));
      }
    });
  },
);
