/**
 * Witness goals during a search: which of the model's reachability goals
 * (see `Witness` in src/protocol.ts) some behaviour reached, and how long the
 * first such behaviour was.
 *
 * Goals are checked where TLC would check their negations: a state goal on
 * every state computed (TLC checks invariants on each new state, those
 * outside the constraint included, and a state seen before was checked when
 * it was new), a step goal on every transition (TLC checks implied actions
 * on every step, to seen states too). A goal is no longer checked once
 * witnessed, so a search pays for a goal only until it is reached. Under
 * breadth-first search the first witness is a shortest one, so its length
 * is what TLC reports as the depth of the violation of `~Goal`.
 *
 * @module
 */
import type { Model, TwinAction, Witness } from "../src/protocol.js";
import { noParent } from "./predecessor-log.js";

/**
 * Where a goal was first reached, as plain data (worker threads report it):
 * the step `ordinal` from stored state `parent` (or, for an initial state,
 * `parent` = noParent and `ordinal` its index), and the behaviour's steps.
 */
export interface WitnessFound {
  readonly goal: number;
  readonly steps: number;
  readonly parent: number;
  readonly ordinal: number;
}

/** A goal as a search reports it. */
export interface WitnessReport {
  readonly name: string;
  readonly kind: "state" | "step";
  readonly description: string;
  /** Steps of the first behaviour that reached the goal (the fewest, under BFS); null when none did. */
  readonly steps: number | null;
}

/** Tracks the goals of one model through one search (one per thread). */
export class WitnessTracker<S, A extends TwinAction> {
  /** The first witness of each goal, by goal index. */
  readonly found: (WitnessFound | undefined)[];
  /** Goals not yet witnessed; zero lets the hot loop skip the tracker. */
  pending: number;
  /** Step goals not yet witnessed: the expander checks them on every transition while any are left. */
  pendingSteps: number;
  /** State goals not yet witnessed: checked on each new state (and each outside the constraint). */
  pendingStates: number;
  private readonly goals: readonly Witness<S, A>[];

  constructor(model: Model<S, A>) {
    this.goals = model.witnesses ?? [];
    this.found = this.goals.map(() => undefined);
    this.pending = this.goals.length;
    this.pendingSteps = this.goals.filter((g) => g.kind === "step").length;
    this.pendingStates = this.pending - this.pendingSteps;
  }

  /** Records the state goals an initial state reaches (0 steps). */
  onInitial(state: S, index: number): void {
    for (let g = 0; g < this.goals.length; g++) {
      const goal = this.goals[g]!;
      if (this.found[g] === undefined && goal.kind === "state" && goal.holds(state)) this.record(g, 0, noParent, index);
    }
  }

  /**
   * Records the step goals reached by the `ordinal`-th step from stored
   * state `parent`, which makes a behaviour of `steps` steps.
   */
  onStep(parent: number, ordinal: number, steps: number, state: S, action: A, next: S): void {
    for (let g = 0; g < this.goals.length; g++) {
      const goal = this.goals[g]!;
      if (goal.kind === "step" && this.found[g] === undefined && goal.holds(state, action, next)) this.record(g, steps, parent, ordinal);
    }
  }

  /**
   * Records the state goals that `next`, reached by the `ordinal`-th step
   * from `parent` in a behaviour of `steps` steps, reaches. A search calls
   * it on each state it checks invariants on; a state seen before was
   * checked when it was new, at a depth no greater.
   */
  onState(parent: number, ordinal: number, steps: number, next: S): void {
    for (let g = 0; g < this.goals.length; g++) {
      const goal = this.goals[g]!;
      if (goal.kind === "state" && this.found[g] === undefined && goal.holds(next)) this.record(g, steps, parent, ordinal);
    }
  }

  /** Both: for searches that look at every successor object (simulation). */
  onTransition(parent: number, ordinal: number, steps: number, state: S, action: A, next: S): void {
    if (this.pendingSteps > 0) this.onStep(parent, ordinal, steps, state, action, next);
    if (this.pendingStates > 0) this.onState(parent, ordinal, steps, next);
  }

  /** Takes a witness found elsewhere (another thread) if it is shorter than the one held. */
  merge(other: WitnessFound): void {
    const held = this.found[other.goal];
    if (held === undefined) this.count(other.goal);
    if (held === undefined || other.steps < held.steps) this.found[other.goal] = other;
  }

  /** The goals with their first witness's length, in the model's order. */
  report(): readonly WitnessReport[] {
    return this.goals.map((goal, g) => ({
      name: goal.name,
      kind: goal.kind,
      description: goal.description,
      steps: this.found[g]?.steps ?? null,
    }));
  }

  /** The witnesses found, as plain data. */
  foundList(): readonly WitnessFound[] {
    return this.found.filter((f): f is WitnessFound => f !== undefined);
  }

  private record(goal: number, steps: number, parent: number, ordinal: number): void {
    this.found[goal] = { goal, steps, parent, ordinal };
    this.count(goal);
  }

  private count(goal: number): void {
    this.pending--;
    if (this.goals[goal]!.kind === "step") this.pendingSteps--;
    else this.pendingStates--;
  }
}

/** The goals of a preset that a result did not witness. */
export function unwitnessed(required: readonly string[], reports: readonly WitnessReport[]): string[] {
  return required.filter((name) => reports.find((r) => r.name === name)?.steps == null);
}
