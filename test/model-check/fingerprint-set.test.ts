import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DepthTable } from "../../model-check/depth-table.js";
import { Fingerprinter } from "../../model-check/fingerprint.js";
import { FingerprintSet, growthFactor, maxLoad } from "../../model-check/fingerprint-set.js";
import { SharedFingerprintTable } from "../../model-check/shared-fingerprint-table.js";
import { Random } from "../../model-check/random.js";
import { FingerprintIndex } from "../../model-check/tlc/fingerprint-index.js";

/** `count` distinct pseudo-random fingerprints from a fixed seed. */
function randomFingerprints(count: number, seed: number): [number, number][] {
  const random = new Random(seed);
  const seen = new Set<number>();
  const out: [number, number][] = [];
  while (out.length < count) {
    const fp: [number, number] = [random.nextUint32() | 0, random.nextUint32() | 0];
    // Distinct low words make distinct fingerprints.
    if (fp[0] === 0 || fp[1] === 0 || seen.has(fp[0])) continue;
    seen.add(fp[0]);
    out.push(fp);
  }
  return out;
}

describe("FingerprintSet", () => {
  it("adds each fingerprint once, across many growths", () => {
    const set = new FingerprintSet(16);
    const numbers = Array.from({ length: 100_000 }, (_, i) => i + 1);
    expect(numbers.filter((i) => !set.add(i, -i))).toEqual([]);
    expect(numbers.filter((i) => set.add(i, -i))).toEqual([]);
    expect(set.size).toBe(100_000);
    expect(set.has(5, -5)).toBe(true);
    expect(set.has(5, 5)).toBe(false);
  });

  it("tells apart fingerprints that share one word", () => {
    const set = new FingerprintSet(16);
    expect(set.add(7, 1)).toBe(true);
    expect(set.add(7, 2)).toBe(true);
    expect(set.add(8, 1)).toBe(true);
    expect(set.size).toBe(3);
  });

  it(`grows by ${growthFactor}× at ${maxLoad * 100}% load, so it never holds more than 16 bytes per fingerprint past its first size`, () => {
    const set = new FingerprintSet(1024);
    const growths: [number, number][] = [];
    let slots = set.slotCount;
    let worstLoad = 0;
    let worstBytesPerFingerprint = 0;
    for (const [lo, hi] of randomFingerprints(300_000, 1)) {
      set.add(lo, hi);
      if (set.slotCount !== slots) {
        growths.push([slots, set.slotCount]);
        slots = set.slotCount;
      }
      worstLoad = Math.max(worstLoad, set.size / set.slotCount);
      if (set.size > 1024 * maxLoad) worstBytesPerFingerprint = Math.max(worstBytesPerFingerprint, set.bytes / set.size);
    }
    for (const [before, after] of growths) expect(after).toBe(Math.ceil(before * growthFactor));
    expect(worstLoad).toBeLessThanOrEqual(maxLoad);
    expect(worstBytesPerFingerprint).toBeLessThanOrEqual(16);
    expect(growths.length).toBeGreaterThan(5);
    expect(set.bytes).toBe(8 * set.slotCount);
  });
});

describe("SharedFingerprintTable", () => {
  it("agrees with FingerprintSet on which inserts are new, and rehashes into a bigger table without loss", () => {
    const fps = randomFingerprints(50_000, 2);
    const small = new SharedFingerprintTable(80_000);
    const reference = new FingerprintSet();
    const disagreements = [...fps, ...fps.slice(0, 10_000)].filter(([lo, hi]) => small.add(lo, hi) !== reference.add(lo, hi));
    expect(disagreements).toEqual([]);
    const big = new SharedFingerprintTable(120_000);
    big.rehashSlice(small, 0, 40_000);
    big.rehashSlice(small, 40_000, small.capacity);
    expect(big.countUsed()).toBe(50_000);
    expect(fps.filter(([lo, hi]) => !big.has(lo, hi))).toEqual([]);
    expect(big.has(12345, 678)).toBe(false);
  });

  it("reports a full table instead of probing forever", () => {
    const table = new SharedFingerprintTable(16);
    const fps = randomFingerprints(17, 3);
    for (const [lo, hi] of fps.slice(0, 16)) table.add(lo, hi);
    expect(() => table.add(fps[16]![0], fps[16]![1])).toThrow(/full/);
  });
});

describe("DepthTable", () => {
  it("says a state must be explored when it is new or reached shallower than before", () => {
    const table = new DepthTable(16);
    expect(table.reach(1, 1, 5)).toBe(true);
    expect(table.reach(1, 1, 5)).toBe(false);
    expect(table.reach(1, 1, 7)).toBe(false);
    expect(table.reach(1, 1, 3)).toBe(true);
    expect(table.reach(1, 1, 4)).toBe(false);
    for (const [lo, hi] of randomFingerprints(10_000, 4)) table.reach(lo, hi, 9);
    expect(table.size).toBe(10_001);
    expect(table.reach(1, 1, 3)).toBe(false);
    expect(table.reach(1, 1, 2)).toBe(true);
  });

  it("keeps every depth through its growths", () => {
    const table = new DepthTable(16);
    const fps = randomFingerprints(5_000, 6);
    fps.forEach(([lo, hi], i) => table.reach(lo, hi, 1 + (i % 100)));
    fps.forEach(([lo, hi], i) => {
      expect(table.reach(lo, hi, 1 + (i % 100))).toBe(false);
      expect(table.reach(lo, hi, i % 100)).toBe(true);
    });
  });
});

describe("FingerprintIndex", () => {
  it("numbers fingerprints densely in the order they come, through its growths", () => {
    const index = new FingerprintIndex(16);
    const fps = randomFingerprints(5_000, 7);
    fps.forEach(([lo, hi], i) => expect(index.idOf(lo, hi)).toEqual({ id: i, added: true }));
    fps.forEach(([lo, hi], i) => expect(index.idOf(lo, hi)).toEqual({ id: i, added: false }));
    expect(index.size).toBe(5_000);
    // A zero word is stored as 1, as in every fingerprint table.
    expect(index.idOf(0, 0)).toEqual({ id: 5_000, added: true });
  });
});

describe("Fingerprinter", () => {
  const fingerprinter = new Fingerprinter(12);
  const fingerprint = (words: Int32Array, offset: number, length: number) => fingerprinter.of(words, offset, length);
  const last = () => `${fingerprinter.lo},${fingerprinter.hi}`;
  it("is deterministic and depends on every word and on the length", () => {
    const seen = new Set<string>();
    const words = new Int32Array([1, 2, 3, 0]);
    const variants: [Int32Array, number][] = [
      [words, 3],
      [words, 4],
      [new Int32Array([1, 2, 4]), 3],
      [new Int32Array([2, 1, 3]), 3],
      [new Int32Array([0]), 1],
      [new Int32Array([]), 0],
    ];
    for (const [w, n] of variants) {
      fingerprint(w, 0, n);
      seen.add(last());
    }
    expect(seen.size).toBe(variants.length);
    fingerprint(words, 0, 3);
    const again = last();
    expect(seen.has(again)).toBe(true);
  });

  it("gives different fingerprints to encodings that differ in one word", () => {
    const base = new Int32Array(8);
    fingerprint(base, 0, 8);
    const original = last();
    for (let i = 0; i < 8; i++) {
      for (const w of [1, -1, 0x7fffffff, 12345]) {
        const changed = base.slice();
        changed[i] = w;
        fingerprint(changed, 0, 8);
        expect(last()).not.toBe(original);
      }
    }
  });

  it("updated incrementally from a parent's equals the fingerprint computed from scratch (fast-check, seed 42)", () => {
    const encoding = fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 12 });
    fc.assert(
      fc.property(encoding, encoding, (parentWords, childWords) => {
        const parent = Int32Array.from(parentWords);
        const child = Int32Array.from(childWords);
        fingerprint(child, 0, child.length);
        const fromScratch = last();
        fingerprint(parent, 0, parent.length);
        const changed = fingerprinter.step(parent, 0, parent.length, fingerprinter.lo, fingerprinter.hi, child, 0, child.length);
        expect(last()).toBe(fromScratch);
        const equal = parentWords.length === childWords.length && parentWords.every((w, i) => w === childWords[i]);
        expect(changed === 0).toBe(equal);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});
