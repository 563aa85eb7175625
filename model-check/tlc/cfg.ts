/**
 * Just enough of TLC's config-file syntax for the bridge: splitting a `.cfg`
 * into its sections, keeping the constant assignments, naming `Init`/`Next`,
 * and telling which set constant each model value belongs to.
 *
 * @module
 */

const keywords = [
  "CONSTANTS",
  "CONSTANT",
  "INIT",
  "NEXT",
  "SPECIFICATION",
  "INVARIANTS",
  "INVARIANT",
  "PROPERTIES",
  "PROPERTY",
  "CONSTRAINTS",
  "CONSTRAINT",
  "ACTION_CONSTRAINTS",
  "ACTION_CONSTRAINT",
  "SYMMETRY",
  "VIEW",
  "CHECK_DEADLOCK",
  "POSTCONDITION",
  "ALIAS",
] as const;

/** One section of a config: its keyword and the text after it. */
export interface CfgSection {
  readonly keyword: string;
  readonly body: string;
}

/** The config without comments (`\*` to the end of a line, `(* ... *)`). */
export function stripCfgComments(text: string): string {
  return text.replace(/\(\*[\s\S]*?\*\)/g, " ").replace(/\\\*.*$/gm, "");
}

/** The config's sections, in order. */
export function cfgSections(text: string): CfgSection[] {
  const clean = stripCfgComments(text);
  const pattern = new RegExp(`(?<![A-Za-z0-9_])(${keywords.join("|")})(?![A-Za-z0-9_])`, "g");
  const sections: CfgSection[] = [];
  let last: { keyword: string; end: number } | undefined;
  for (const match of clean.matchAll(pattern)) {
    if (last !== undefined) sections.push({ keyword: last.keyword, body: clean.slice(last.end, match.index).trim() });
    last = { keyword: match[1]!, end: match.index! + match[0].length };
  }
  if (last !== undefined) sections.push({ keyword: last.keyword, body: clean.slice(last.end).trim() });
  return sections;
}

/** The `CONSTANT(S)` sections, as config text. */
export function constantSections(text: string): string {
  return cfgSections(text)
    .filter((s) => s.keyword.startsWith("CONSTANT"))
    .map((s) => `CONSTANTS\n  ${s.body}`)
    .join("\n");
}

/** The names of the initial predicate and next-state relation: the config's INIT/NEXT, else `Init` and `Next`. */
export function initAndNext(text: string): { init: string; next: string } {
  const sections = cfgSections(text);
  const named = (k: string) => sections.find((s) => s.keyword === k)?.body.split(/\s+/)[0];
  return { init: named("INIT") ?? "Init", next: named("NEXT") ?? "Next" };
}

/**
 * For each model value assigned in a constant section as a member of a set
 * (`RM = {r1, r2}`), the set constant's name; a constant assigned a single
 * model value (`Nil = Nil`) names itself.
 */
export function modelValueSets(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const section of cfgSections(text).filter((s) => s.keyword.startsWith("CONSTANT"))) {
    for (const m of section.body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=\s*\{([^{}]*)\}/g)) {
      for (const member of m[2]!.split(",").map((s) => s.trim())) {
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(member) && !result.has(member)) result.set(member, m[1]!);
      }
    }
    for (const m of section.body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_])/g)) {
      if (!["TRUE", "FALSE"].includes(m[2]!) && !result.has(m[2]!)) result.set(m[2]!, m[1]!);
    }
  }
  return result;
}

/** A config reduced to its meaning for comparisons: no comments, whitespace collapsed. */
export function normalizedCfg(text: string): string {
  return stripCfgComments(text).replace(/\s+/g, " ").trim();
}
