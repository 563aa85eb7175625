/**
 * Refinement checking: a model that declares a {@link Refinement} claims that
 * each of its behaviours, mapped state by state, is a behaviour of the
 * abstract model. The checker confirms it the way TLC checks `PROPERTY
 * A!Spec` for an instance with a refinement mapping: the mapping of every
 * initial state must be an initial state of the abstract model, and every
 * step must map to a step of the abstract model or to a stutter (the two
 * mapped states equal).
 *
 * The claim becomes one more action property of the search, so every search
 * mode checks it on every transition it takes and reports the first broken
 * step with the same counterexample machinery (shortest under BFS).
 *
 * @module
 */
import type { ActionProperty, Model, Refinement, TwinAction } from "../src/protocol.js";

/** Abstract states compared by their canonical encodings. */
class EncodedComparer<T> {
  private readonly a: Int32Array;
  private readonly b: Int32Array;

  constructor(private readonly abstract: Model<T, TwinAction>) {
    this.a = new Int32Array(abstract.codec.maxWords);
    this.b = new Int32Array(abstract.codec.maxWords);
  }

  /** Encodes `x` into the first buffer and returns its length, for comparing against it. */
  hold(x: T): number {
    return this.abstract.codec.encode(x, this.a, 0);
  }

  /** Whether `y` encodes to the words last held. */
  equalsHeld(heldLength: number, y: T): boolean {
    const length = this.abstract.codec.encode(y, this.b, 0);
    if (length !== heldLength) return false;
    for (let k = 0; k < length; k++) if (this.a[k] !== this.b[k]) return false;
    return true;
  }
}

/** The refinement as a checker sees it: an initial-state test and a step test. */
export interface RefinementCheck<S, A extends TwinAction> {
  readonly name: string;
  /** Whether the mapping of an initial state is an initial state of the abstract model. */
  initialHolds(state: S): boolean;
  /** The step test, as an action property (its name is the refinement's). */
  readonly property: ActionProperty<S, A>;
}

/** The checks for a refinement claim. */
export function refinementCheck<S, A extends TwinAction, T>(refinement: Refinement<S, T, TwinAction>): RefinementCheck<S, A> {
  const { abstract } = refinement;
  const compare = new EncodedComparer(abstract);
  return {
    name: refinement.name,
    initialHolds(state) {
      const held = compare.hold(refinement.map(state));
      return abstract.initialStates().some((init) => compare.equalsHeld(held, init));
    },
    property: {
      name: refinement.name,
      description: refinement.description,
      holds(state, _action, next) {
        const to = refinement.map(next);
        const held = compare.hold(to);
        const from = refinement.map(state);
        if (compare.equalsHeld(held, from)) return true; // a stutter of the abstract model
        let found = false;
        abstract.forEachSuccessor(from, (_b, successor) => {
          if (!found && compare.equalsHeld(held, successor)) found = true;
        });
        return found;
      },
    },
  };
}

/**
 * The action properties a search checks on `model`: its own, then, when
 * `withRefinement` is set, its refinement claim's step test, if it makes one.
 */
export function checkedActionProperties<S, A extends TwinAction>(model: Model<S, A>, withRefinement: boolean): readonly ActionProperty<S, A>[] {
  if (!withRefinement || model.refinement === undefined) return model.actionProperties;
  return [...model.actionProperties, refinementCheck<S, A, unknown>(model.refinement).property];
}
