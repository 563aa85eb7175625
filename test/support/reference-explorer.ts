/**
 * A deliberately naive explorer used to check the real checker: states are
 * keyed by their TLA+ text (not by the codec or fingerprints), kept whole in a
 * Map, and searched breadth-first. Slow, but independent of everything the
 * checker's speed depends on. TLC's counting rules are applied the same way.
 */
import type { Model, TwinAction } from "../../src/protocol.js";
import { formatTla } from "../../src/tla/value.js";

export interface Edge<A> {
  readonly from: string;
  readonly action: A;
  readonly to: string;
}

export interface ReferenceGraph<S, A> {
  /** Every stored state by its TLA+ text, in BFS order. */
  readonly states: Map<string, S>;
  readonly statesGenerated: number;
  readonly depth: number;
  /** Every transition from a stored state (including into states outside the constraint). */
  readonly edges: Edge<A>[];
}

/** Explores `model` completely; throws if it exceeds `limit` states. */
export function exploreReference<S, A extends TwinAction>(model: Model<S, A>, limit = 200_000): ReferenceGraph<S, A> {
  const key = (s: S) => formatTla(model.toTla(s));
  const inModel = (s: S) => model.constraint === undefined || model.constraint.holds(s);
  const states = new Map<string, S>();
  const edges: Edge<A>[] = [];
  let generated = 0;
  let frontier: S[] = [];
  for (const s of model.initialStates()) {
    generated++;
    if (inModel(s) && !states.has(key(s))) {
      states.set(key(s), s);
      frontier.push(s);
    }
  }
  let depth = frontier.length > 0 ? 1 : 0;
  while (frontier.length > 0) {
    const nextFrontier: S[] = [];
    for (const s of frontier) {
      const from = key(s);
      model.forEachSuccessor(s, (action, t) => {
        generated++;
        const to = key(t);
        edges.push({ from, action, to });
        if (inModel(t) && !states.has(to)) {
          states.set(to, t);
          nextFrontier.push(t);
        }
      });
      if (states.size > limit) throw new Error(`more than ${limit} states`);
    }
    if (nextFrontier.length > 0) depth++;
    frontier = nextFrontier;
  }
  return { states, statesGenerated: generated, depth, edges };
}

/** Each stored state's BFS distance (steps) from the first initial state, by its TLA+ text; edges are in BFS order. */
export function bfsDistances<S, A>(graph: ReferenceGraph<S, A>): Map<string, number> {
  const distance = new Map<string, number>([[[...graph.states.keys()][0]!, 0]]);
  for (const edge of graph.edges) {
    if (graph.states.has(edge.to) && !distance.has(edge.to)) distance.set(edge.to, distance.get(edge.from)! + 1);
  }
  return distance;
}
