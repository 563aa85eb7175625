/**
 * A canonical encoding of Paxos states as 32-bit words, for the checker.
 *
 * The acceptors' variables come first, one byte per acceptor, four
 * acceptors a word: `maxBal[a] + 1` (bits 0..2), `maxVBal[a] + 1` (bits
 * 3..5) and `maxVal[a] + 1` (bits 6..7), the `+ 1` making room for `-1` and
 * `None`. Then `msgs` as a bitset over every message of the spec's `Message`
 * set for the config, numbered by {@link MessageNumbering} in the order of
 * {@link compareMessages}, so that decoding yields the canonical array.
 *
 * @module
 */
import type { StateCodec } from "../protocol.js";
import { type PaxosConfig, maxAcceptors, maxMaxBallot, maxValues } from "./config.js";
import type { Ballot, Message, PaxosState, ValueOrNone } from "./state.js";

/**
 * A numbering of the config's `Message` set, 0..size-1: the 1a messages,
 * then the 1b, 2a and 2b messages, each kind in the order of its fields.
 */
export class MessageNumbering {
  /** How many messages the config's `Message` set has. */
  readonly size: number;
  private readonly ballots: number;
  private readonly values: number;
  private readonly first1b: number;
  private readonly first2a: number;
  private readonly first2b: number;
  private readonly byNumber: readonly Message[];

  constructor(config: PaxosConfig) {
    const A = config.acceptorCount;
    const B = config.maxBallot + 1;
    const V = config.valueCount;
    this.ballots = B;
    this.values = V;
    this.first1b = B;
    this.first2a = this.first1b + A * B * (B + 1) * (V + 1);
    this.first2b = this.first2a + B * V;
    this.size = this.first2b + A * B * V;
    // Every message once, so that decoded states share their messages.
    const byNumber: Message[] = [];
    for (let bal = 0; bal < B; bal++) byNumber.push(Object.freeze({ type: "1a", bal }));
    for (let acc = 0; acc < A; acc++)
      for (let bal = 0; bal < B; bal++)
        for (let mbal = -1; mbal < B; mbal++)
          for (let mval = -1; mval < V; mval++) byNumber.push(Object.freeze({ type: "1b", acc, bal, mbal, mval }));
    for (let bal = 0; bal < B; bal++) for (let val = 0; val < V; val++) byNumber.push(Object.freeze({ type: "2a", bal, val }));
    for (let acc = 0; acc < A; acc++)
      for (let bal = 0; bal < B; bal++) for (let val = 0; val < V; val++) byNumber.push(Object.freeze({ type: "2b", acc, bal, val }));
    this.byNumber = byNumber;
  }

  /** The number of a message of the config. */
  numberOf(m: Message): number {
    const B = this.ballots;
    const V = this.values;
    switch (m.type) {
      case "1a":
        return m.bal;
      case "1b":
        return this.first1b + ((m.acc * B + m.bal) * (B + 1) + m.mbal + 1) * (V + 1) + m.mval + 1;
      case "2a":
        return this.first2a + m.bal * V + m.val;
      case "2b":
        return this.first2b + (m.acc * B + m.bal) * V + m.val;
    }
  }

  /** The message with number `n` (one shared, frozen object per message). */
  message(n: number): Message {
    return this.byNumber[n]!;
  }
}

/** The codec for `config`. */
export function paxosCodec(config: PaxosConfig): StateCodec<PaxosState> {
  if (config.acceptorCount > maxAcceptors || config.valueCount > maxValues || config.maxBallot > maxMaxBallot) {
    throw new RangeError(`the Paxos encoding holds at most ${maxAcceptors} acceptors, ${maxValues} values and MaxBallot ${maxMaxBallot}`);
  }
  const A = config.acceptorCount;
  const numbering = new MessageNumbering(config);
  const acceptorWords = Math.ceil(A / 4);
  const messageWords = Math.ceil(numbering.size / 32);
  return {
    maxWords: acceptorWords + messageWords,
    encode(s, out, offset) {
      for (let w = 0; w < acceptorWords; w++) out[offset + w] = 0;
      for (let a = 0; a < A; a++) {
        const byte = (s.maxBal[a]! + 1) | ((s.maxVBal[a]! + 1) << 3) | ((s.maxVal[a]! + 1) << 6);
        out[offset + (a >>> 2)]! |= byte << (8 * (a & 3));
      }
      const first = offset + acceptorWords;
      for (let w = 0; w < messageWords; w++) out[first + w] = 0;
      for (const m of s.msgs) {
        const n = numbering.numberOf(m);
        out[first + (n >>> 5)]! |= 1 << (n & 31);
      }
      return acceptorWords + messageWords;
    },
    decode(words, offset) {
      const maxBal: Ballot[] = [];
      const maxVBal: Ballot[] = [];
      const maxVal: ValueOrNone[] = [];
      for (let a = 0; a < A; a++) {
        const byte = (words[offset + (a >>> 2)]! >>> (8 * (a & 3))) & 0xff;
        maxBal.push((byte & 7) - 1);
        maxVBal.push(((byte >>> 3) & 7) - 1);
        maxVal.push((byte >>> 6) - 1);
      }
      const msgs: Message[] = [];
      const first = offset + acceptorWords;
      for (let w = 0; w < messageWords; w++) {
        // Lowest set bit first, so messages come out in increasing number.
        for (let bits = words[first + w]!; bits !== 0; bits &= bits - 1) {
          msgs.push(numbering.message(32 * w + (31 - Math.clz32(bits & -bits))));
        }
      }
      return { maxBal, maxVBal, maxVal, msgs };
    },
  };
}
