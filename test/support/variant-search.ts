/**
 * Where the generic search-mode tests run a bug-zoo variant: under the
 * options its mistake needs (`exhibitedWith`), else on the protocol's
 * smallest quick preset; and whether a breadth-first search finds the
 * violation there quickly enough for every test run. Variants that need a
 * deeper search are covered by their own protocol's zoo tests.
 */
import { bfs } from "../../model-check/bfs.js";
import type { CheckResult } from "../../model-check/result.js";
import { type AnyProtocol, type TwinAction, type VariantInfo, resolveOptions } from "../../src/protocol.js";

/** At most this many distinct states per reference search in the generic tests. */
export const variantSearchCap = 300_000;

/** A variant, the options it runs under, and the reference BFS's outcome there. */
export interface VariantSearch {
  readonly variant: VariantInfo;
  readonly options: Record<string, number>;
  /** The breadth-first search with every check on, capped at {@link variantSearchCap}. */
  readonly reference: CheckResult<unknown, TwinAction>;
  /** Why the generic tests skip it, when the capped search finds no violation. */
  readonly skipReason: string | undefined;
}

/** Each variant of `protocol`, searched breadth-first under its options. */
export function variantSearches(protocol: AnyProtocol): VariantSearch[] {
  const smallest = protocol.presets.find((p) => p.quick);
  return protocol.variants.map((variant) => {
    const options = resolveOptions(protocol, variant.exhibitedWith ?? smallest?.options ?? {});
    const reference = bfs(protocol.model(options, variant.name), { checkDeadlock: true, maxStates: variantSearchCap });
    const skipReason =
      reference.violation === null
        ? `no violation in the first ${variantSearchCap.toLocaleString("en-US")} states of ${protocol.model(options).configLabel}; the ${protocol.name} zoo tests cover it`
        : undefined;
    return { variant, options, reference, skipReason };
  });
}
