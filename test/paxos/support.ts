/**
 * Helpers for the Paxos tests that stay independent of the checker: a
 * state key built from the twin's fields (not the codec, not fingerprints)
 * and a naive level-by-level search.
 */
import type { Model } from "../../src/protocol.js";
import type { Message, PaxosAction, PaxosState } from "../../src/paxos/index.js";

export type PaxosModel = Model<PaxosState, PaxosAction>;

function messageKey(m: Message): string {
  switch (m.type) {
    case "1a":
      return `1a:${m.bal}`;
    case "1b":
      return `1b:${m.acc}:${m.bal}:${m.mbal}:${m.mval}`;
    case "2a":
      return `2a:${m.bal}:${m.val}`;
    case "2b":
      return `2b:${m.acc}:${m.bal}:${m.val}`;
  }
}

/** A text that two states share exactly when they are equal (msgs is a sorted set). */
export function stateKey(s: PaxosState): string {
  return `${s.maxBal.join()}|${s.maxVBal.join()}|${s.maxVal.join()}|${s.msgs.map(messageKey).join()}`;
}

/**
 * The number of steps of a shortest behaviour that reaches a state where
 * `bad` holds, found by a plain breadth-first search that keeps whole
 * states; undefined when no reachable state is bad.
 */
export function shortestPathTo(model: PaxosModel, bad: (s: PaxosState) => boolean): number | undefined {
  const seen = new Set<string>();
  let level: PaxosState[] = [];
  for (const s of model.initialStates()) {
    if (!seen.has(stateKey(s))) {
      seen.add(stateKey(s));
      level.push(s);
    }
  }
  for (let depth = 0; level.length > 0; depth++) {
    if (level.some(bad)) return depth;
    const next: PaxosState[] = [];
    for (const s of level) {
      model.forEachSuccessor(s, (_a, t) => {
        const key = stateKey(t);
        if (!seen.has(key)) {
          seen.add(key);
          next.push(t);
        }
      });
    }
    level = next;
  }
  return undefined;
}

/** Every reachable state, in breadth-first order (plain search, whole states kept). */
export function reachableStates(model: PaxosModel): PaxosState[] {
  const seen = new Set<string>();
  const states: PaxosState[] = [];
  const add = (s: PaxosState) => {
    const key = stateKey(s);
    if (!seen.has(key)) {
      seen.add(key);
      states.push(s);
    }
  };
  model.initialStates().forEach(add);
  for (let i = 0; i < states.length; i++) model.forEachSuccessor(states[i]!, (_a, t) => add(t));
  return states;
}

/** A text that two actions share exactly when they are equal. */
export function actionKey(a: PaxosAction): string {
  switch (a.type) {
    case "Phase1a":
      return `Phase1a(${a.b})`;
    case "Phase1b":
      return `Phase1b(${a.a}, ${messageKey(a.m)})`;
    case "Phase2a":
      return `Phase2a(${a.b}, ${a.v}, ${a.q}, ${a.m === null ? "null" : messageKey(a.m)})`;
    case "Phase2b":
      return `Phase2b(${a.a}, ${messageKey(a.m)})`;
  }
}
