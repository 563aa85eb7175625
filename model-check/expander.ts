/**
 * The hot loop of the breadth-first searches, shared by the single-threaded
 * search and the worker threads: expanding one stored state, with TLC's
 * counting rules (see bfs.ts).
 *
 * For each successor the expander encodes it into a reused buffer, derives its
 * fingerprint from the parent's by the words that changed, skips it at once
 * when it is the parent itself (a step that changes nothing), otherwise adds
 * its fingerprint (of its symmetry representative, with `--symmetry`) to the
 * visited set and hands new states to a {@link StateStore}. Nothing is
 * allocated per successor beyond what the twin's step functions allocate.
 *
 * @module
 */
import type { Model, TwinAction } from "../src/protocol.js";
import type { Found } from "./found.js";
import { fingerprint, fingerprintOut, fingerprintStep, prepareFingerprints } from "./fingerprint.js";
import { noParent } from "./predecessor-log.js";

/** The visited set as the expander sees it. */
export interface VisitedSet {
  /** Adds a fingerprint; true when it was new. */
  add(lo: number, hi: number): boolean;
}

/** Where new states go: the predecessor log and the next frontier. */
export interface StateStore {
  /** Records a new state reached by the `ordinal`-th step from `parent`; `words[offset..offset+length)` is its encoding, `[lo, hi]` its fingerprint. */
  store(parent: number, ordinal: number, words: Int32Array, offset: number, length: number, lo: number, hi: number): void;
}

/** What the expander needs to know besides the model. */
export interface ExpanderOptions {
  readonly checkDeadlock: boolean;
  /** Fingerprint symmetry representatives instead of states (the model must have a symmetry). */
  readonly symmetry: boolean;
  /** Stop once this many new states were stored by this expander. */
  readonly maxNewStates: number;
}

/** Expands stored states one at a time, counting as TLC counts. */
export class Expander<S, A extends TwinAction> {
  /** States computed: initial states and every successor (TLC's "states generated"). */
  generated = 0;
  /** New states stored. */
  newStates = 0;
  /** The first violation found, if any; the expander does nothing more once set. */
  found: Found | undefined;
  /** True once {@link ExpanderOptions.maxNewStates} is reached. */
  full = false;

  private readonly scratch: Int32Array;
  private readonly canonical: Int32Array;
  private readonly visit: (action: A, next: S) => void;

  // The state being expanded, read by `visit`, which is one closure for the
  // whole search rather than one per state.
  private parentId = 0;
  private parentState: S | undefined;
  private parentWords: Int32Array = new Int32Array(0);
  private parentOffset = 0;
  private parentLength = 0;
  private parentLo = 0;
  private parentHi = 0;
  private ordinal = 0;

  constructor(
    private readonly model: Model<S, A>,
    private readonly visited: VisitedSet,
    private readonly states: StateStore,
    private readonly options: ExpanderOptions,
  ) {
    if (options.symmetry && model.symmetry === undefined) {
      throw new Error(`${model.protocol} has no symmetry reduction`);
    }
    prepareFingerprints(model.codec.maxWords);
    this.scratch = new Int32Array(model.codec.maxWords);
    this.canonical = new Int32Array(model.codec.maxWords);
    this.visit = this.makeVisitor();
  }

  /** True when the search must stop (a violation, or enough states). */
  get stopped(): boolean {
    return this.found !== undefined || this.full;
  }

  /** Admits the `index`-th initial state. */
  admitInitial(state: S, index: number): void {
    if (this.stopped) return;
    this.generated++;
    const { model } = this;
    const inModel = model.constraint === undefined || model.constraint.holds(state);
    if (inModel) {
      const length = model.codec.encode(state, this.scratch, 0);
      fingerprint(this.scratch, 0, length);
      const lo = fingerprintOut[0]!;
      const hi = fingerprintOut[1]!;
      if (!this.addToVisited(state, lo, hi)) return;
      this.states.store(noParent, index, this.scratch, 0, length, lo, hi);
      this.newStates++;
    }
    const broken = this.brokenInvariant(state);
    if (broken !== undefined) this.found = { kind: "invariant", name: broken, parent: noParent, ordinal: index };
    else if (this.newStates >= this.options.maxNewStates) this.full = true;
  }

  /**
   * Expands stored state `id`, whose encoding is `words[offset..offset+length)`
   * and fingerprint `[lo, hi]`.
   */
  expand(id: number, words: Int32Array, offset: number, length: number, lo: number, hi: number): void {
    if (this.stopped) return;
    const state = this.model.codec.decode(words, offset, length);
    this.parentId = id;
    this.parentState = state;
    this.parentWords = words;
    this.parentOffset = offset;
    this.parentLength = length;
    this.parentLo = lo;
    this.parentHi = hi;
    this.ordinal = 0;
    this.model.forEachSuccessor(state, this.visit);
    if (this.ordinal === 0 && this.options.checkDeadlock && this.found === undefined) {
      this.found = { kind: "deadlock", state: id };
    }
  }

  private makeVisitor(): (action: A, next: S) => void {
    const { model, scratch, visited } = this;
    const { codec, actionProperties, constraint } = model;
    return (action, next) => {
      if (this.found !== undefined || this.full) return;
      const ordinal = this.ordinal++;
      this.generated++;
      for (const property of actionProperties) {
        if (!property.holds(this.parentState!, action, next)) {
          this.found = { kind: "action-property", name: property.name, parent: this.parentId, ordinal };
          return;
        }
      }
      if (constraint !== undefined && !constraint.holds(next)) {
        // TLC checks invariants on states outside the constraint but never stores them.
        this.checkInvariants(next, ordinal);
        return;
      }
      const length = codec.encode(next, scratch, 0);
      const changed = fingerprintStep(
        this.parentWords,
        this.parentOffset,
        this.parentLength,
        this.parentLo,
        this.parentHi,
        scratch,
        0,
        length,
      );
      // A step back to the parent itself: stored already, nothing to do.
      if (changed === 0) return;
      const lo = fingerprintOut[0]!;
      const hi = fingerprintOut[1]!;
      if (this.options.symmetry ? !this.addToVisited(next, lo, hi) : !visited.add(lo, hi)) return;
      this.states.store(this.parentId, ordinal, scratch, 0, length, lo, hi);
      this.newStates++;
      this.checkInvariants(next, ordinal);
      if (this.newStates >= this.options.maxNewStates && this.found === undefined) this.full = true;
    };
  }

  /** Adds the state's fingerprint, or its representative's under symmetry. */
  private addToVisited(state: S, lo: number, hi: number): boolean {
    if (!this.options.symmetry) return this.visited.add(lo, hi);
    const representative = this.model.symmetry!.representative(state);
    const length = this.model.codec.encode(representative, this.canonical, 0);
    fingerprint(this.canonical, 0, length);
    return this.visited.add(fingerprintOut[0]!, fingerprintOut[1]!);
  }

  private checkInvariants(state: S, ordinal: number): void {
    const broken = this.brokenInvariant(state);
    if (broken !== undefined) this.found = { kind: "invariant", name: broken, parent: this.parentId, ordinal };
  }

  private brokenInvariant(state: S): string | undefined {
    for (const invariant of this.model.invariants) if (!invariant.holds(state)) return invariant.name;
    return undefined;
  }
}
