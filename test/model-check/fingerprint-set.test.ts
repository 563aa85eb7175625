import { describe, expect, it } from "vitest";
import { fingerprint, fingerprintOut } from "../../model-check/fingerprint.js";
import { FingerprintSet } from "../../model-check/fingerprint-set.js";

describe("FingerprintSet", () => {
  it("adds each fingerprint once, across many growths", () => {
    const set = new FingerprintSet(16);
    for (let i = 1; i <= 100_000; i++) expect(set.add(i, -i)).toBe(true);
    for (let i = 1; i <= 100_000; i++) expect(set.add(i, -i)).toBe(false);
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
});

describe("fingerprint", () => {
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
      seen.add(`${fingerprintOut[0]},${fingerprintOut[1]}`);
    }
    expect(seen.size).toBe(variants.length);
    fingerprint(words, 0, 3);
    const again = `${fingerprintOut[0]},${fingerprintOut[1]}`;
    expect(seen.has(again)).toBe(true);
  });

  it("never yields the empty-slot marker [0, 0]", () => {
    for (let i = 0; i < 10_000; i++) {
      fingerprint(new Int32Array([i]), 0, 1);
      expect(fingerprintOut[0] === 0 && fingerprintOut[1] === 0).toBe(false);
    }
  });
});
