/**
 * TLA+ values written as expressions that SANY parses and TLC evaluates to
 * the same value, and the standard modules such text needs.
 *
 * This is not TLC's print style ({@link formatTla}, which messages and
 * comparisons use): TLC prints `-1` even where nothing declares unary minus,
 * prints record fields that are not identifiers, and prints strings with
 * JSON's escapes. Here every part is what a module may contain:
 *
 * - integers as numerals, negative ones with `-` from `Integers`;
 * - strings with TLA+'s escapes only (`\"`, `\\`, `\t`, `\n`, `\f`, `\r`);
 *   any other control character cannot be written, and is an error;
 * - records with identifier fields as `[f |-> v]`, others (a field `"1a"`)
 *   as the function they are, `("1a" :> v)`;
 * - other functions, bags included (a bag is a function to counts), as
 *   `(k :> v @@ ...)` with `:>` and `@@` from the `TLC` module;
 * - sets, tuples and sequences as literals, which need no module: a literal
 *   never uses an operator of `Sequences`, `Bags` or `FiniteSets`.
 *
 * @module
 */
import { type TlaValue, TlaShapeError } from "../../src/tla/value.js";

/** TLA+'s reserved words: none of them can name a record field. */
const reservedWords = new Set([
  "ASSUME", "ASSUMPTION", "AXIOM", "BOOLEAN", "CASE", "CHOOSE", "CONSTANT", "CONSTANTS", "DOMAIN", "ELSE", "ENABLED",
  "EXCEPT", "EXTENDS", "FALSE", "IF", "IN", "INSTANCE", "LAMBDA", "LET", "LOCAL", "MODULE", "OTHER", "RECURSIVE",
  "STRING", "SUBSET", "THEN", "THEOREM", "TRUE", "UNCHANGED", "UNION", "VARIABLE", "VARIABLES", "WITH",
  "ACTION", "BY", "COROLLARY", "DEF", "DEFINE", "DEFS", "HAVE", "HIDE", "LEMMA", "NEW", "OBVIOUS",
  "OMITTED", "ONLY", "PICK", "PROOF", "PROPOSITION", "PROVE", "QED", "STATE", "SUFFICES", "TAKE", "TEMPORAL", "USE", "WITNESS",
]);

/** Whether `name` can be written as a record field: an identifier that is no reserved word (and not `WF_x`/`SF_x`). */
export function isTlaIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && /[A-Za-z]/.test(name) && !reservedWords.has(name) && !/^[WS]F_/.test(name);
}

const escapes: Readonly<Record<string, string>> = { '"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r" };

/** A TLA+ string literal; throws for a character TLA+ strings cannot hold. */
export function tlaStringLiteral(text: string): string {
  let out = '"';
  for (const ch of text) {
    const escaped = escapes[ch];
    if (escaped !== undefined) out += escaped;
    else if (ch >= " " && ch <= "~") out += ch;
    else throw new TlaShapeError(`the string ${JSON.stringify(text)} holds ${JSON.stringify(ch)}, which a TLA+ string literal cannot contain`);
  }
  return `${out}"`;
}

/**
 * `value` as a TLA+ expression. Model values are written as the constant
 * `modelValueName(name)` (by default their own name), which the module
 * writing the expression must declare.
 */
export function tlaExpression(value: TlaValue, modelValueName: (name: string) => string = (name) => name): string {
  const text = (v: TlaValue): string => {
    switch (v.kind) {
      case "bool":
        return v.value ? "TRUE" : "FALSE";
      case "int":
        return String(v.value);
      case "string":
        return tlaStringLiteral(v.value);
      case "modelValue":
        return modelValueName(v.name);
      case "set":
        return `{${v.elements.map(text).join(", ")}}`;
      case "seq":
        return `<<${v.elements.map(text).join(", ")}>>`;
      case "record":
        // Not in normal form (the empty function is the empty tuple there), but the same value.
        if (v.fields.length === 0) return "<<>>";
        if (v.fields.every(([k]) => isTlaIdentifier(k))) return `[${v.fields.map(([k, e]) => `${k} |-> ${text(e)}`).join(", ")}]`;
        return `(${v.fields.map(([k, e]) => `${tlaStringLiteral(k)} :> ${text(e)}`).join(" @@ ")})`;
      case "function":
        if (v.entries.length === 0) return "<<>>";
        return `(${v.entries.map(([k, e]) => `${text(k)} :> ${text(e)}`).join(" @@ ")})`;
    }
  };
  return text(value);
}

/**
 * The standard modules that {@link tlaExpression}'s text of `values` needs, in
 * EXTENDS order: `Integers` for a negative number (else `Naturals` for any
 * number), `TLC` for `:>` and `@@`.
 */
export function modulesForExpressions(values: Iterable<TlaValue>): string[] {
  let numbers = false;
  let negative = false;
  let functions = false;
  const visit = (v: TlaValue): void => {
    switch (v.kind) {
      case "int":
        numbers = true;
        negative ||= v.value < 0;
        return;
      case "set":
      case "seq":
        v.elements.forEach(visit);
        return;
      case "record":
        functions ||= !v.fields.every(([k]) => isTlaIdentifier(k));
        v.fields.forEach(([, e]) => visit(e));
        return;
      case "function":
        functions ||= v.entries.length > 0;
        v.entries.forEach(([k, e]) => {
          visit(k);
          visit(e);
        });
        return;
      default:
        return;
    }
  };
  for (const v of values) visit(v);
  return [...(negative ? ["Integers"] : numbers ? ["Naturals"] : []), ...(functions ? ["TLC"] : [])];
}
