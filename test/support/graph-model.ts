/**
 * A model given by an explicit graph, for testing the checker on state
 * spaces whose counts can be worked out by hand. States are numbers; the
 * single action `Go(to)` moves along an edge.
 */
import type { Model } from "../../src/protocol.js";
import { asInt, field, tlaInt, tlaRecord } from "../../src/tla/value.js";

export type GoAction = { readonly type: "Go"; readonly to: number };

export interface GraphSpec {
  readonly initial: readonly number[];
  /** `edges[s]` lists the successors of `s`, in order; a repeated target is a second action with the same result. */
  readonly edges: Readonly<Record<number, readonly number[]>>;
  readonly invariant?: (s: number) => boolean;
  readonly constraint?: (s: number) => boolean;
  readonly actionProperty?: (s: number, t: number) => boolean;
}

export function graphModel(spec: GraphSpec): Model<number, GoAction> {
  const successors = (s: number) => spec.edges[s] ?? [];
  return {
    protocol: "graph",
    configLabel: "test graph",
    tlaModule: "Graph",
    tlaVariables: ["x"],
    initialStates: () => spec.initial,
    forEachSuccessor(s, visit) {
      for (const to of successors(s)) visit({ type: "Go", to }, to);
    },
    step: (s, a) => (successors(s).includes(a.to) ? a.to : undefined),
    invariants: spec.invariant ? [{ name: "Inv", description: "test invariant", holds: spec.invariant }] : [],
    actionProperties: spec.actionProperty
      ? [{ name: "Prop", description: "test action property", holds: (s, _a, t) => spec.actionProperty!(s, t) }]
      : [],
    constraint: spec.constraint ? { name: "Bound", holds: spec.constraint } : undefined,
    codec: {
      maxWords: 1,
      encode(s, out, offset) {
        out[offset] = s;
        return 1;
      },
      decode: (words, offset) => words[offset]!,
    },
    symmetry: undefined,
    toTla: (s) => tlaRecord({ x: tlaInt(s) }),
    fromTla: (v) => asInt(field(v, "x")),
    actionLabel: (a) => ({ name: "Go", params: [["to", tlaInt(a.to)]], witnesses: [] }),
    tlcModel: () => ({ module: "Graph", cfg: "" }),
  };
}
