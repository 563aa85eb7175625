/**
 * Symmetry reduction (`--symmetry`) loses no violation: for every bug-zoo
 * variant of every registered protocol that has a symmetry, and for each of
 * its invariants, action properties and deadlock taken one at a time, the
 * reduced search finds a violation exactly when the full search does, with a
 * counterexample of the same length (symmetric states are equally far from
 * the initial states). The reference protocols are checked the same way.
 * Variants that need larger options than the quick presets (Raft's) are
 * checked under those options, on the invariant they break.
 * Both searches are the same BFS; only the fingerprinted state differs.
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { dfs } from "../../model-check/dfs.js";
import type { ActionProperty, AnyModel, Invariant, TwinAction } from "../../src/protocol.js";
import { resolveOptions, tlcModelOf } from "../../src/protocol.js";
import { protocols } from "../../src/registry.js";
import { variantSearchCap, variantSearches } from "../support/variant-search.js";

/** The model with only the given checks, every other member delegated. */
function withChecks(
  model: AnyModel,
  invariants: readonly Invariant<unknown>[],
  actionProperties: readonly ActionProperty<unknown, TwinAction>[],
): AnyModel {
  return {
    protocol: model.protocol,
    configLabel: model.configLabel,
    tlaModule: model.tlaModule,
    tlaVariables: model.tlaVariables,
    initialStates: () => model.initialStates(),
    forEachSuccessor: (s, visit) => model.forEachSuccessor(s, visit),
    step: (s, a) => model.step(s, a),
    invariants,
    actionProperties,
    constraint: model.constraint,
    codec: model.codec,
    symmetry: model.symmetry,
    toTla: (s) => model.toTla(s),
    fromTla: (v) => model.fromTla(v),
    actionLabel: (a) => model.actionLabel(a),
    tlcModel: () => tlcModelOf(model),
  };
}

/** Each check on its own: one model per invariant, per action property, and one for deadlock alone. */
function singleChecks(model: AnyModel): { name: string; model: AnyModel; deadlock: boolean }[] {
  return [
    ...model.invariants.map((i) => ({ name: `invariant ${i.name}`, model: withChecks(model, [i], []), deadlock: false })),
    ...model.actionProperties.map((p) => ({ name: `property ${p.name}`, model: withChecks(model, [], [p]), deadlock: false })),
    { name: "deadlock", model: withChecks(model, [], []), deadlock: true },
  ];
}

for (const protocol of protocols) {
  const smallest = protocol.presets.find((p) => p.quick);
  if (smallest === undefined) continue;
  const options = resolveOptions(protocol, smallest.options);
  if (protocol.model(options).symmetry === undefined) continue;

  describe(`${protocol.name} ${smallest.name}: the reduced search finds every violation the full one finds`, () => {
    // Variants that need options of their own are checked below, under those options.
    for (const variant of [undefined, ...protocol.variants.filter((v) => v.exhibitedWith === undefined).map((v) => v.name)]) {
      for (const check of singleChecks(protocol.model(options, variant))) {
        it(`${variant ?? "reference"}, ${check.name}`, () => {
          const full = bfs(check.model, { checkDeadlock: check.deadlock });
          const reduced = bfs(check.model, { checkDeadlock: check.deadlock, symmetry: true });
          expect(reduced.violation?.kind).toBe(full.violation?.kind);
          expect(reduced.violation?.trace.steps.length).toBe(full.violation?.trace.steps.length);
          if (full.violation === null) {
            // A complete reduced search visits at most as many states, and the same depth.
            expect(reduced.distinctStates).toBeLessThanOrEqual(full.distinctStates);
            expect(reduced.depth).toBe(full.depth);
          }
        });
      }
    }

    it("reduced BFS and reduced DFS agree on the number of orbits", () => {
      const model = protocol.model(options);
      const reducedBfs = bfs(model, { checkDeadlock: false, symmetry: true });
      const reducedDfs = dfs(model, { checkDeadlock: false, symmetry: true });
      expect(reducedDfs.distinctStates).toBe(reducedBfs.distinctStates);
      expect(reducedDfs.statesGenerated).toBe(reducedBfs.statesGenerated);
    });
  });
}

for (const protocol of protocols) {
  const ownOptions = protocol.variants.filter((v) => v.exhibitedWith !== undefined);
  if (ownOptions.length === 0) continue;
  describe(`${protocol.name}: variants under the options their mistakes need, reduced vs full search`, () => {
    for (const { variant, options, skipReason } of variantSearches(protocol).filter((v) => v.variant.exhibitedWith !== undefined)) {
      if (protocol.model(options).symmetry === undefined) continue;
      if (skipReason !== undefined) {
        it.skip(`${variant.name}: ${skipReason}`, () => {});
        continue;
      }
      it(`${variant.name}: the reduced search finds ${variant.breaks} as early as the full one`, () => {
        const check = singleChecks(protocol.model(options, variant.name)).find((c) => c.name.endsWith(` ${variant.breaks}`))!;
        expect(check, `the variant breaks ${variant.breaks}, which the model does not check`).toBeDefined();
        const full = bfs(check.model, { checkDeadlock: false, maxStates: variantSearchCap });
        const reduced = bfs(check.model, { checkDeadlock: false, symmetry: true, maxStates: variantSearchCap });
        expect(full.violation).not.toBeNull();
        expect(reduced.violation?.kind).toBe(full.violation!.kind);
        expect(reduced.violation?.trace.steps.length).toBe(full.violation!.trace.steps.length);
      });
    }
  });
}
