/**
 * Symmetry of Paxos under renaming acceptors and renaming values, like TLC's
 * `SYMMETRY Permutations(Acceptor) \cup Permutations(Value)`: both are sets
 * of model values that the spec only compares for equality, and majority
 * quorums are closed under renaming acceptors. Ballots are ordered, so they
 * are not symmetric.
 *
 * The representative of a state's orbit is the permuted state with the
 * smallest encoding, found by trying every permutation: at most 7! x 3!
 * = 30,240 for the largest config, which is fine for a reference
 * implementation that the checker does not call in its hot loop.
 *
 * @module
 */
import type { Symmetry } from "../protocol.js";
import { paxosCodec } from "./codec.js";
import type { PaxosConfig } from "./config.js";
import { type Message, type PaxosState, None, messageSet } from "./state.js";

/** Every permutation of `0..n-1`, as arrays mapping old numbers to new ones. */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const result: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let at = 0; at <= rest.length; at++) result.push([...rest.slice(0, at), n - 1, ...rest.slice(at)]);
  }
  return result;
}

/**
 * The state with acceptor `a` renamed to `acceptors[a]` and value `v` to
 * `values[v]` everywhere (`None` stays `None`).
 */
export function permuteState(s: PaxosState, acceptors: readonly number[], values: readonly number[]): PaxosState {
  const value = (v: number) => (v === None ? None : values[v]!);
  const moved = <T>(f: readonly T[], map: (x: T) => T): T[] => {
    const next = f.slice();
    f.forEach((x, a) => {
      next[acceptors[a]!] = map(x);
    });
    return next;
  };
  const renamed = (m: Message): Message => {
    switch (m.type) {
      case "1a":
        return m;
      case "1b":
        return { ...m, acc: acceptors[m.acc]!, mval: value(m.mval) };
      case "2a":
        return { ...m, val: values[m.val]! };
      case "2b":
        return { ...m, acc: acceptors[m.acc]!, val: values[m.val]! };
    }
  };
  return {
    maxBal: moved(s.maxBal, (b) => b),
    maxVBal: moved(s.maxVBal, (b) => b),
    maxVal: moved(s.maxVal, value),
    msgs: messageSet(s.msgs.map(renamed)),
  };
}

/** Symmetry reduction over acceptors and values for `config`. */
export function paxosSymmetry(config: PaxosConfig): Symmetry<PaxosState> {
  const codec = paxosCodec(config);
  const acceptorPermutations = permutations(config.acceptorCount);
  const valuePermutations = permutations(config.valueCount);
  const best = new Int32Array(codec.maxWords);
  const candidate = new Int32Array(codec.maxWords);
  return {
    sets: ["Acceptor", "Value"],
    representative(s) {
      let representative: PaxosState | undefined;
      let length = 0;
      for (const acceptors of acceptorPermutations) {
        for (const values of valuePermutations) {
          const t = permuteState(s, acceptors, values);
          const n = codec.encode(t, candidate, 0);
          if (representative === undefined || compareWords(candidate, best, n, length) < 0) {
            representative = t;
            length = n;
            best.set(candidate.subarray(0, n));
          }
        }
      }
      return representative!;
    },
  };
}

function compareWords(x: Int32Array, y: Int32Array, xLength: number, yLength: number): number {
  if (xLength !== yLength) return xLength - yLength;
  for (let i = 0; i < xLength; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}
