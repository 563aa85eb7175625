/**
 * The keys golden results are made of. Their definitions must never change
 * silently (golden files would stop matching), so the hash is pinned to
 * MurmurHash3's published test vectors and the state key to SHA-256.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KeyList, SortedKeys, canonicalText, keyFromHex, keyHex, labelText, murmur3Words, sha256Key, stateKey } from "../../../model-check/tlc/digest.js";
import { parseTlaValue } from "../../../src/tla/parse.js";
import { tlaModelValue } from "../../../src/tla/value.js";

describe("canonicalText", () => {
  it("is the same for equal values however TLC ordered or wrote them", () => {
    const a = parseTlaValue('[rmState |-> (r2 :> "working" @@ r1 :> "prepared"), msgs |-> {[type |-> "Commit"], [rm |-> r1, type |-> "Prepared"]}]');
    const b = parseTlaValue('[msgs |-> {[type |-> "Prepared", rm |-> r1], [type |-> "Commit"]}, rmState |-> (r1 :> "prepared" @@ r2 :> "working")]');
    expect(canonicalText(a)).toBe(canonicalText(b));
    expect(canonicalText(a)).toBe('[msgs|->{[rm|->r1,type|->"Prepared"],[type|->"Commit"]},rmState|->(r1:>"prepared"@@r2:>"working")]');
  });
  it("writes a function on 1..n as a tuple", () => {
    expect(canonicalText(parseTlaValue("(2 :> b @@ 1 :> a)"))).toBe("<<a,b>>");
  });
});

describe("keys", () => {
  it("a state's key is the first 8 bytes of the SHA-256 of its canonical text", () => {
    const state = parseTlaValue("[x |-> 1]");
    const digest = createHash("sha256").update("[x|->1]").digest("hex");
    expect(keyHex(stateKey(state))).toBe(digest.slice(0, 16));
    expect(keyHex(sha256Key("[x|->1]"))).toBe(digest.slice(0, 16));
  });
  it("labels print their arguments canonically", () => {
    expect(labelText("RMPrepare", [tlaModelValue("r1")])).toBe("RMPrepare(r1)");
    expect(labelText("TMCommit", [])).toBe("TMCommit");
  });
  it("MurmurHash3 x86_32 matches its published test vectors", () => {
    expect(murmur3Words([], 0)).toBe(0);
    expect(murmur3Words([], 1)).toBe(0x514e28b7);
    expect(murmur3Words([0xffffffff], 0)).toBe(0x76293b50);
    expect(murmur3Words([0x87654321], 0)).toBe(0xf55b516b);
    expect(murmur3Words([0x87654321], 0x5082edee)).toBe(0x2362f9de);
  });
  it("hex round-trips and rejects anything else", () => {
    expect(keyHex(keyFromHex("00ff00ff12345678"))).toBe("00ff00ff12345678");
    expect(() => keyFromHex("xyz")).toThrow(/not a 64-bit key/);
  });
});

describe("key lists", () => {
  const list = (hexes: string[]) => {
    const l = new KeyList(1);
    for (const h of hexes) l.push(keyFromHex(h));
    return l.sorted();
  };
  it("sort by unsigned value, high word first, and survive the byte form", () => {
    const sorted = list(["ffffffff00000000", "0000000100000000", "00000000ffffffff", "0000000000000001"]);
    expect([...sorted.values].map((v) => v.toString(16).padStart(16, "0"))).toEqual([
      "0000000000000001",
      "00000000ffffffff",
      "0000000100000000",
      "ffffffff00000000",
    ]);
    const back = SortedKeys.fromBytes(sorted.toBytes());
    expect(back.digest()).toBe(sorted.digest());
    expect(sorted.digest()).toBe(createHash("sha256").update(sorted.toBytes()).digest("hex"));
  });
  it("differ as multisets: a key twice on one side and once on the other is one difference", () => {
    const a = list(["0000000000000001", "0000000000000001", "0000000000000002"]);
    const b = list(["0000000000000001", "0000000000000003"]);
    const d = a.difference(b, 10);
    expect(d.onlyHere.map(keyHex)).toEqual(["0000000000000001", "0000000000000002"]);
    expect(d.onlyThere.map(keyHex)).toEqual(["0000000000000003"]);
    expect(a.difference(a, 10).onlyHereCount).toBe(0);
  });
  it("rejects a stored list that is not sorted", () => {
    expect(() => SortedKeys.fromBytes(Buffer.from("00000000000000020000000000000001", "hex"))).toThrow(/not sorted/);
  });
});
