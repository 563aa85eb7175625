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
import type { ActionProperty, Model, TwinAction } from "../src/protocol.js";
import type { Found } from "./found.js";
import { Fingerprinter } from "./fingerprint.js";
import { noParent } from "./predecessor-log.js";
import { type RefinementCheck, checkedActionProperties, refinementCheck } from "./refinement.js";
import { WitnessTracker } from "./witnesses.js";

/** The visited set as the expander sees it. */
export interface VisitedSet {
  /** Adds a fingerprint; true when it was new. */
  add(lo: number, hi: number): boolean;
  /**
   * Reads the slot where the fingerprint would go and returns what it holds.
   * Used to start fetching slots from memory before they are needed: the
   * reads of a batch overlap instead of waiting for each other.
   */
  touch(lo: number, hi: number): number;
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
  /** Check the model's refinement claim, if it makes one. */
  readonly refinement?: boolean;
  /** Stop once this many new states were stored by this expander. */
  readonly maxNewStates: number;
}

/** What the expander must do with a successor, in enumeration order, once all of a state's successors are known. */
const Pending = {
  /** A candidate for the visited set. */
  Candidate: 0,
  /** Outside the constraint: check the invariants, store nothing. */
  Outside: 1,
  /** Breaks an action property. */
  BrokenProperty: 2,
} as const;

/** The words of a pending successor's record, by offset. */
const Field = {
  /** What to do with it: a {@link Pending} value. */
  Kind: 0,
  /** Its position among the parent's successors. */
  Ordinal: 1,
  /** Where its encoding starts in the batch. */
  Offset: 2,
  /** Its encoding's length. */
  Length: 3,
  /** Its fingerprint. */
  Lo: 4,
  Hi: 5,
  /** The fingerprint to look up: its own, or its symmetry representative's. */
  LookupLo: 6,
  LookupHi: 7,
  /**
   * Reuses the last word, as the kinds that need it have no fingerprint: a
   * broken property's index, or for a state outside the constraint the
   * index of the first invariant it breaks (or -1).
   */
  Index: 7,
} as const;

/** Words per pending successor. */
const pendingStride = 8;

/**
 * Expands stored states one at a time, counting as TLC counts.
 *
 * A state's successors are first collected: encoded into one buffer, their
 * fingerprints computed, and the visited set's slot of each read once
 * (`touch`), so that the memory reads of the whole batch are under way
 * together. Then they are looked up and stored in enumeration order. On
 * large state spaces, where nearly every lookup misses the cache, this
 * overlaps the misses instead of paying them one after the other.
 */
export class Expander<S, A extends TwinAction> {
  /** States computed: initial states and every successor (TLC's "states generated"). */
  generated = 0;
  /** New states stored. */
  newStates = 0;
  /** The first violation found, if any; the expander does nothing more once set. */
  found: Found | undefined;
  /** True once {@link ExpanderOptions.maxNewStates} is reached. */
  full = false;
  /**
   * Steps of the behaviour that reaches the states being expanded, plus one:
   * the length of a behaviour ending with one of their successors. The
   * search sets it (BFS: the level; DFS: the path's length).
   */
  stepsToSuccessors = 1;
  /** The model's witness goals, as reached so far by this expander. */
  readonly witnesses: WitnessTracker<S, A>;

  private readonly actionProperties: readonly ActionProperty<S, A>[];
  private readonly refinement: RefinementCheck<S, A> | undefined;

  private readonly scratch: Int32Array;
  private readonly canonical: Int32Array;
  private readonly fingerprinter: Fingerprinter;
  private readonly visit: (action: A, next: S) => void;

  // The state being expanded, read by `visit`, which is one closure for the
  // whole search rather than one per state.
  private parentState: S | undefined;
  private parentId = 0;
  private parentWords: Int32Array = new Int32Array(0);
  private parentOffset = 0;
  private parentLength = 0;
  private parentLo = 0;
  private parentHi = 0;
  private ordinal = 0;

  // The successors of the state being expanded, waiting to be looked up.
  private pending = new Int32Array(64 * pendingStride);
  private pendingCount = 0;
  private batchWords: Int32Array;
  private batchEnd = 0;
  /** Set when a successor breaks an action property: the rest are not enumerated. */
  private halted = false;
  /** Where the touched slots' contents go, so the reads are not optimised away. */
  touched = 0;

  constructor(
    private readonly model: Model<S, A>,
    private readonly visited: VisitedSet,
    private readonly states: StateStore,
    private readonly options: ExpanderOptions,
  ) {
    if (options.symmetry && model.symmetry === undefined) {
      throw new Error(`${model.protocol} has no symmetry reduction`);
    }
    this.fingerprinter = new Fingerprinter(model.codec.maxWords);
    this.scratch = new Int32Array(model.codec.maxWords);
    this.canonical = new Int32Array(model.codec.maxWords);
    this.batchWords = new Int32Array(64 * model.codec.maxWords);
    const refines = options.refinement === true ? model.refinement : undefined;
    this.actionProperties = checkedActionProperties(model, refines !== undefined);
    this.refinement = refines === undefined ? undefined : refinementCheck<S, A, unknown>(refines);
    this.witnesses = new WitnessTracker(model);
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
      const fingerprinter = this.fingerprinter;
      fingerprinter.of(this.scratch, 0, length);
      const lo = fingerprinter.lo;
      const hi = fingerprinter.hi;
      if (this.options.symmetry) this.canonicalFingerprint(state);
      if (!this.visited.add(fingerprinter.lo, fingerprinter.hi)) return;
      this.states.store(noParent, index, this.scratch, 0, length, lo, hi);
      this.newStates++;
    }
    if (this.witnesses.pending > 0) this.witnesses.onInitial(state, index);
    const broken = this.brokenInvariant(state);
    if (broken !== undefined) this.found = { kind: "invariant", name: broken, parent: noParent, ordinal: index };
    else if (this.refinement !== undefined && !this.refinement.initialHolds(state)) {
      this.found = { kind: "action-property", name: this.refinement.name, parent: noParent, ordinal: index };
    } else if (this.newStates >= this.options.maxNewStates) this.full = true;
  }

  /**
   * Expands stored state `id`, whose encoding is `words[offset..offset+length)`
   * and fingerprint `[lo, hi]`.
   */
  expand(id: number, words: Int32Array, offset: number, length: number, lo: number, hi: number): void {
    if (this.stopped) return;
    const state = this.model.codec.decode(words, offset, length);
    this.parentState = state;
    this.parentId = id;
    this.parentWords = words;
    this.parentOffset = offset;
    this.parentLength = length;
    this.parentLo = lo;
    this.parentHi = hi;
    this.ordinal = 0;
    this.pendingCount = 0;
    this.batchEnd = 0;
    this.halted = false;
    this.model.forEachSuccessor(state, this.visit);
    this.settle(id);
    if (this.ordinal === 0 && this.options.checkDeadlock && this.found === undefined) {
      this.found = { kind: "deadlock", state: id };
    }
  }

  /** Collects a successor: encodes it and fingerprints it. */
  private makeVisitor(): (action: A, next: S) => void {
    const { model } = this;
    const { codec, constraint } = model;
    const { actionProperties, witnesses, fingerprinter } = this;
    const propertyCount = actionProperties.length;
    const maxWords = codec.maxWords;
    return (action, next) => {
      if (this.halted) return;
      const ordinal = this.ordinal++;
      this.generated++;
      let entry = this.pendingCount * pendingStride;
      if (entry + pendingStride > this.pending.length) this.growPending();
      const pending = this.pending;
      this.pendingCount++;
      pending[entry + Field.Ordinal] = ordinal;
      if (witnesses.pendingSteps > 0) witnesses.onStep(this.parentId, ordinal, this.stepsToSuccessors, this.parentState!, action, next);
      for (let p = 0; p < propertyCount; p++) {
        if (!actionProperties[p]!.holds(this.parentState!, action, next)) {
          pending[entry + Field.Kind] = Pending.BrokenProperty;
          pending[entry + Field.Index] = p;
          this.halted = true;
          return;
        }
      }
      if (constraint !== undefined && !constraint.holds(next)) {
        // Checked now, reported in order when the successors are settled.
        pending[entry + Field.Kind] = Pending.Outside;
        pending[entry + Field.Index] = this.brokenInvariantIndex(next);
        if (witnesses.pendingStates > 0) witnesses.onState(this.parentId, ordinal, this.stepsToSuccessors, next);
        return;
      }
      if (this.batchEnd + maxWords > this.batchWords.length) this.growBatch();
      const batch = this.batchWords;
      const at = this.batchEnd;
      const length = codec.encode(next, batch, at);
      const changed = fingerprinter.step(
        this.parentWords,
        this.parentOffset,
        this.parentLength,
        this.parentLo,
        this.parentHi,
        batch,
        at,
        length,
      );
      // A step back to the parent itself: stored already, nothing to do.
      if (changed === 0) {
        this.pendingCount--;
        return;
      }
      entry = (this.pendingCount - 1) * pendingStride;
      pending[entry + Field.Kind] = Pending.Candidate;
      pending[entry + Field.Offset] = at;
      pending[entry + Field.Length] = length;
      pending[entry + Field.Lo] = fingerprinter.lo;
      pending[entry + Field.Hi] = fingerprinter.hi;
      this.batchEnd = at + length;
      if (this.options.symmetry) this.canonicalFingerprint(next);
      // The fingerprint to look up: the state's own, or its representative's.
      pending[entry + Field.LookupLo] = fingerprinter.lo;
      pending[entry + Field.LookupHi] = fingerprinter.hi;
    };
  }

  /** Looks up and stores the collected successors of state `id`, in enumeration order. */
  private settle(id: number): void {
    const { pending, visited, states, batchWords } = this;
    const { codec, invariants } = this.model;
    const count = this.pendingCount;
    // First read every candidate's slot in a tight loop, so that the reads
    // are in flight together (the processor does not wait for one to issue
    // the next); the lookups below then mostly find their slots in cache.
    let touched = 0;
    for (let entry = 0; entry < count * pendingStride; entry += pendingStride) {
      if (pending[entry + Field.Kind] === Pending.Candidate) touched ^= visited.touch(pending[entry + Field.LookupLo]!, pending[entry + Field.LookupHi]!);
    }
    this.touched ^= touched;
    for (let i = 0; i < count && this.found === undefined && !this.full; i++) {
      const entry = i * pendingStride;
      const ordinal = pending[entry + Field.Ordinal]!;
      switch (pending[entry + Field.Kind]) {
        case Pending.BrokenProperty:
          this.found = { kind: "action-property", name: this.actionProperties[pending[entry + Field.Index]!]!.name, parent: id, ordinal };
          break;
        case Pending.Outside: {
          // TLC checks invariants on states outside the constraint but never stores them.
          const broken = pending[entry + Field.Index]!;
          if (broken >= 0) this.found = { kind: "invariant", name: invariants[broken]!.name, parent: id, ordinal };
          break;
        }
        case Pending.Candidate: {
          if (!visited.add(pending[entry + Field.LookupLo]!, pending[entry + Field.LookupHi]!)) break;
          const at = pending[entry + Field.Offset]!;
          const length = pending[entry + Field.Length]!;
          states.store(id, ordinal, batchWords, at, length, pending[entry + Field.Lo]!, pending[entry + Field.Hi]!);
          this.newStates++;
          // Invariants are checked on new states only, rebuilt from their encoding: keeping every
          // successor object until here would cost more (they would outlive the young generation).
          const decoded = codec.decode(batchWords, at, length);
          if (this.witnesses.pendingStates > 0) this.witnesses.onState(id, ordinal, this.stepsToSuccessors, decoded);
          const broken = this.brokenInvariantIndex(decoded);
          if (broken >= 0) this.found = { kind: "invariant", name: invariants[broken]!.name, parent: id, ordinal };
          else if (this.newStates >= this.options.maxNewStates) this.full = true;
          break;
        }
      }
    }
    this.pendingCount = 0;
  }

  /** Leaves the fingerprint of the state's symmetry representative in the fingerprinter. */
  private canonicalFingerprint(state: S): void {
    const representative = this.model.symmetry!.representative(state);
    const length = this.model.codec.encode(representative, this.canonical, 0);
    this.fingerprinter.of(this.canonical, 0, length);
  }

  private growPending(): void {
    const bigger = new Int32Array(2 * this.pending.length);
    bigger.set(this.pending);
    this.pending = bigger;
  }

  private growBatch(): void {
    const bigger = new Int32Array(2 * this.batchWords.length);
    bigger.set(this.batchWords);
    this.batchWords = bigger;
  }

  /** The index of the first invariant the state breaks, or -1. */
  private brokenInvariantIndex(state: S): number {
    const invariants = this.model.invariants;
    for (let i = 0; i < invariants.length; i++) if (!invariants[i]!.holds(state)) return i;
    return -1;
  }

  private brokenInvariant(state: S): string | undefined {
    for (const invariant of this.model.invariants) if (!invariant.holds(state)) return invariant.name;
    return undefined;
  }
}
