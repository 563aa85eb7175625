/**
 * Every search mode agrees with the single-threaded BFS, on every shipped
 * quick config of every registered protocol (the registry is iterated, so a
 * protocol registered later is covered without editing this file):
 *
 * - parallel BFS on 2 worker threads reports the same distinct states,
 *   states generated and depth;
 * - unbounded DFS explores every state (every orbit, under the preset's
 *   symmetry) once, so it reports the same distinct states and states
 *   generated;
 * - on every bug-zoo variant, under the options its mistake needs, parallel
 *   BFS finds a counterexample exactly as short as BFS's, and DFS finds a
 *   violation too (variants too deep for a quick search are skipped, naming
 *   why: their protocol's zoo tests cover them).
 *
 * No expected count is typed in here: BFS is the reference (its own counts are
 * pinned against TLC's in each protocol's tests).
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { manifestEntry, readManifest } from "../../model-check/manifest.js";
import { dfs } from "../../model-check/dfs.js";
import { parallelBfs } from "../../model-check/parallel/parallel-bfs.js";
import { resolveOptions } from "../../src/protocol.js";
import { protocols } from "../../src/registry.js";
import { variantSearches } from "../support/variant-search.js";

const slowTests = process.env["TLA_TWIN_SLOW_TESTS"] === "1";
/**
 * Quick configs with more distinct states (TLC's count in spec/manifest.json)
 * are compared only nightly: Raft's elect, faults and figure37 take minutes in
 * all three modes on 2 cores, and `npm run check` already searches them.
 */
const quickLimit = 300_000;
const manifest = readManifest();

const counts = (r: { distinctStates: number; statesGenerated: number; depth: number }) => ({
  distinctStates: r.distinctStates,
  statesGenerated: r.statesGenerated,
  depth: r.depth,
});

for (const protocol of protocols) {
  describe(`${protocol.name}: search modes agree on each quick config`, () => {
    for (const preset of protocol.presets.filter((p) => p.quick)) {
      const options = resolveOptions(protocol, preset.options);
      const source = { protocol: protocol.name, options };
      // A preset searched with symmetry is compared under symmetry: one state per orbit in every mode.
      const symmetry = preset.symmetry === true;
      const recorded = manifestEntry(manifest, protocol.name, preset.name)?.tlc.distinctStates;
      if (!slowTests && (recorded === undefined || recorded > quickLimit)) {
        it.skip(`${preset.name}: ${recorded ?? "unrecorded"} distinct states, over ${quickLimit}: run with TLA_TWIN_SLOW_TESTS=1`, () => {});
        continue;
      }
      // Deadlock checking off: the counts must agree on the whole state space, whatever the protocol's terminal states.
      const reference = bfs(protocol.model(options), { checkDeadlock: false, symmetry });

      it(`${preset.name}: parallel BFS on 2 workers = BFS (${reference.distinctStates} distinct)`, () => {
        expect(reference.complete).toBe(true);
        const parallel = parallelBfs(source, { checkDeadlock: false, workers: 2, symmetry });
        expect(parallel.complete).toBe(true);
        expect(counts(parallel)).toEqual(counts(reference));
        expect(parallel.violation === null).toBe(reference.violation === null);
      });

      it(`${preset.name}: DFS to full depth = BFS in distinct states and states generated`, () => {
        const depthFirst = dfs(protocol.model(options), { checkDeadlock: false, symmetry });
        expect(depthFirst.complete).toBe(true);
        expect(depthFirst.distinctStates).toBe(reference.distinctStates);
        expect(depthFirst.statesGenerated).toBe(reference.statesGenerated);
      });
    }
  });

  if (protocol.variants.length === 0) continue;
  describe(`${protocol.name}: bug-zoo variants, every mode`, () => {
    for (const { variant, options, reference, skipReason } of variantSearches(protocol)) {
      if (skipReason !== undefined) {
        it.skip(`${variant.name}: ${skipReason}`, () => {});
        continue;
      }

      it(`${variant.name}: parallel BFS finds an equally short counterexample`, () => {
        expect(reference.violation).not.toBeNull();
        const parallel = parallelBfs({ protocol: protocol.name, options, variant: variant.name }, { checkDeadlock: true, workers: 2 });
        expect(parallel.violation?.kind).toBe(reference.violation!.kind);
        expect(parallel.violation!.trace.steps.length).toBe(reference.violation!.trace.steps.length);
        // The trace is a real behaviour of the variant: replaying it through `step` gives its states.
        const model = protocol.model(options, variant.name);
        let state = parallel.violation!.trace.initial;
        for (const step of parallel.violation!.trace.steps) {
          state = model.step(state, step.action)!;
          expect(state).toEqual(step.state);
        }
      });

      it(`${variant.name}: DFS finds a violation too`, () => {
        const depthFirst = dfs(protocol.model(options, variant.name), { checkDeadlock: true });
        expect(depthFirst.violation).not.toBeNull();
        expect(depthFirst.violation!.trace.steps.length).toBeGreaterThanOrEqual(reference.violation!.trace.steps.length);
      });
    }
  });
}
