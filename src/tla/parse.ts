/**
 * Reading TLA+ values as TLC prints them: a tokenizer and a recursive-descent
 * parser for the value expressions that appear in TLC's state dumps, error
 * traces, state graphs and simulation traces, and for the states and action
 * labels built from them.
 *
 * Accepted values: `TRUE`, `FALSE`, integers (`-3`), strings with TLC's
 * escapes, model values (identifiers such as `r1`), sets `{a, b}`, tuples
 * `<<a, b>>`, records `[f |-> v]`, functions `(k :> v @@ k2 :> v2)` (also
 * without the parentheses, as Apalache prints them) and intervals `1..3`.
 * Bags, which TLC prints as functions to counts, are functions here too.
 * Anything else is a {@link TlaParseError} that says where and what was
 * expected.
 *
 * @module
 */
import { type TlaValue, TlaShapeError, compareTla, formatTla, tlaBool, tlaInt, tlaModelValue, tlaString } from "./value.js";

// ---------------------------------------------------------------------------
// Builders of values in normal form from parts already in normal form. The
// constructors of value.ts normalize their parts again, recursively, which
// made reading TLC's multi-gigabyte state graphs several times slower; the
// property test in test/tla/parse.test.ts checks these against them.

function setOf(elements: TlaValue[]): TlaValue {
  elements.sort(compareTla);
  return { kind: "set", elements: elements.filter((e, i) => i === 0 || compareTla(elements[i - 1]!, e) !== 0) };
}

function seqOf(elements: TlaValue[]): TlaValue {
  return { kind: "seq", elements };
}

function recordOf(fields: [string, TlaValue][]): TlaValue {
  fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: "record", fields };
}

function functionOf(entries: (readonly [TlaValue, TlaValue])[]): TlaValue {
  entries.sort((a, b) => compareTla(a[0], b[0]));
  for (let i = 1; i < entries.length; i++) {
    if (compareTla(entries[i - 1]![0], entries[i]![0]) === 0) throw new TlaShapeError(`function has the key ${formatTla(entries[i]![0])} twice`);
  }
  if (entries.every(([k], i) => k.kind === "int" && k.value === i + 1)) return seqOf(entries.map(([, e]) => e));
  if (entries.every(([k]) => k.kind === "string")) return recordOf(entries.map(([k, e]) => [(k as { value: string }).value, e]));
  return { kind: "function", entries };
}

/** A syntax error in TLA+ value text, with its 1-based line and column. */
export class TlaParseError extends Error {
  override readonly name = "TlaParseError";
  /** Offset of the offending character in the text (0-based). */
  readonly offset: number;
  readonly line: number;
  readonly column: number;

  constructor(problem: string, text: string, offset: number) {
    const { line, column } = position(text, offset);
    super(`${problem} at line ${line}, column ${column}: ${excerpt(text, offset)}`);
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function excerpt(text: string, offset: number): string {
  if (offset >= text.length) return "(end of text)";
  const near = text.slice(offset, offset + 24).replace(/\s+/g, " ");
  return `"${near}${offset + 24 < text.length ? "..." : ""}"`;
}

// ---------------------------------------------------------------------------
// Tokens.

/** The kinds of token in TLA+ value text. */
export type TokenKind =
  | "int"
  | "string"
  | "ident"
  | "{"
  | "}"
  | "("
  | ")"
  | "["
  | "]"
  | "<<"
  | ">>"
  | ","
  | ":>"
  | "@@"
  | "|->"
  | "/\\"
  | "="
  | ".."
  | "end";

/** A token and where it starts. */
export interface Token {
  readonly kind: TokenKind;
  /** The integer's value, the string's contents or the identifier. */
  readonly text: string;
  readonly offset: number;
}

function isIdentCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Two- and three-character tokens, by their first character. */
const compound: Readonly<Record<string, TokenKind>> = { "<": "<<", ">": ">>", ":": ":>", "@": "@@", "|": "|->", "/": "/\\", ".": ".." };
const single: Readonly<Record<string, TokenKind>> = { "{": "{", "}": "}", "(": "(", ")": ")", "[": "[", "]": "]", ",": ",", "=": "=" };
const escapes: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", n: "\n", t: "\t", r: "\r", f: "\f" };

/** Splits TLA+ value text into tokens; throws {@link TlaParseError} on a character that starts none. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 10 || code === 9 || code === 13) {
      i++;
      continue;
    }
    const start = i;
    if (code === 34) {
      // A string: copy runs without escapes in one slice.
      let value = "";
      let run = ++i;
      for (;;) {
        if (i >= n) throw new TlaParseError("unterminated string", text, start);
        const d = text.charCodeAt(i);
        if (d === 34) break;
        if (d === 92) {
          const escaped = escapes[text[i + 1] ?? ""];
          if (escaped === undefined) throw new TlaParseError("unknown escape in string", text, i);
          value += text.slice(run, i) + escaped;
          i += 2;
          run = i;
          continue;
        }
        i++;
      }
      value += text.slice(run, i);
      i++;
      tokens.push({ kind: "string", text: value, offset: start });
      continue;
    }
    if (isDigit(code) || (code === 45 && i + 1 < n && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (i < n && isIdentCode(text.charCodeAt(i)) && code !== 45) {
        // TLA+ identifiers may start with digits (`1a`); a model value so named is an identifier.
        while (i < n && isIdentCode(text.charCodeAt(i))) i++;
        tokens.push({ kind: "ident", text: text.slice(start, i), offset: start });
        continue;
      }
      tokens.push({ kind: "int", text: text.slice(start, i), offset: start });
      continue;
    }
    if (isIdentCode(code)) {
      while (i < n && isIdentCode(text.charCodeAt(i))) i++;
      tokens.push({ kind: "ident", text: text.slice(start, i), offset: start });
      continue;
    }
    const c = text[i]!;
    const one = single[c];
    if (one !== undefined) {
      tokens.push({ kind: one, text: one, offset: i });
      i++;
      continue;
    }
    const more = compound[c];
    if (more === undefined || !text.startsWith(more, i)) throw new TlaParseError(`unexpected character "${c}"`, text, i);
    tokens.push({ kind: more, text: more, offset: i });
    i += more.length;
  }
  tokens.push({ kind: "end", text: "", offset: n });
  return tokens;
}

// ---------------------------------------------------------------------------
// Recursive descent.

class Parser {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  peek(): Token {
    return this.tokens[this.at]!;
  }

  next(): Token {
    const t = this.tokens[this.at]!;
    if (t.kind !== "end") this.at++;
    return t;
  }

  fail(problem: string, token: Token = this.peek()): never {
    throw new TlaParseError(problem, this.text, token.offset);
  }

  expect(kind: TokenKind, what: string): Token {
    const t = this.peek();
    if (t.kind !== kind) this.fail(`expected ${what}, found ${describeToken(t)}`);
    return this.next();
  }

  /** value := pair { "@@" pair }, where a lone pair is a one-entry function. */
  value(): TlaValue {
    const first = this.pairOrPrimary();
    if (first.kind === "value") return first.value;
    const entries: (readonly [TlaValue, TlaValue])[] = [first.pair];
    while (this.peek().kind === "@@") {
      this.next();
      const item = this.pairOrPrimary();
      if (item.kind === "value") this.fail("expected key :> value after @@", item.token);
      entries.push(item.pair);
    }
    return this.guard(() => functionOf(entries), first.token);
  }

  private pairOrPrimary():
    | { kind: "value"; value: TlaValue; token: Token }
    | { kind: "pair"; pair: readonly [TlaValue, TlaValue]; token: Token } {
    const token = this.peek();
    const key = this.primary();
    if (this.peek().kind !== ":>") return { kind: "value", value: key, token };
    this.next();
    return { kind: "pair", pair: [key, this.primary()], token };
  }

  primary(): TlaValue {
    const t = this.next();
    switch (t.kind) {
      case "int": {
        const value = this.integer(t);
        if (this.peek().kind !== "..") return tlaInt(value);
        this.next();
        const upper = this.integer(this.expect("int", "the upper bound of an interval"));
        const members: TlaValue[] = [];
        for (let k = value; k <= upper; k++) members.push(tlaInt(k));
        return setOf(members);
      }
      case "string":
        return tlaString(t.text);
      case "ident":
        if (t.text === "TRUE") return tlaBool(true);
        if (t.text === "FALSE") return tlaBool(false);
        return tlaModelValue(t.text);
      case "{":
        return setOf(this.list("}", "a set element"));
      case "<<":
        return seqOf(this.list(">>", "a tuple element"));
      case "[":
        return this.record(t);
      case "(": {
        const inner = this.value();
        this.expect(")", "@@ or )");
        return inner;
      }
      default:
        return this.fail(`expected a value, found ${describeToken(t)}`, t);
    }
  }

  private integer(t: Token): number {
    const value = Number(t.text);
    if (!Number.isSafeInteger(value)) this.fail(`integer ${t.text} is too large`, t);
    return value;
  }

  private list(close: TokenKind, what: string): TlaValue[] {
    const items: TlaValue[] = [];
    if (this.peek().kind === close) {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.value());
      const t = this.peek();
      if (t.kind === ",") {
        this.next();
        continue;
      }
      if (t.kind === close) {
        this.next();
        return items;
      }
      this.fail(`expected , or ${close} after ${what}, found ${describeToken(t)}`);
    }
  }

  private record(open: Token): TlaValue {
    const fields: [string, TlaValue][] = [];
    for (;;) {
      const name = this.expect("ident", "a field name");
      if (fields.some(([k]) => k === name.text)) this.fail(`field ${name.text} appears twice in a record`, name);
      this.expect("|->", "|->");
      fields.push([name.text, this.value()]);
      const t = this.next();
      if (t.kind === "]") break;
      if (t.kind !== ",") this.fail(`expected , or ] in a record, found ${describeToken(t)}`, t);
    }
    return this.guard(() => recordOf(fields), open);
  }

  /** Runs a constructor, turning its shape errors (a key twice) into positioned parse errors. */
  private guard<T>(build: () => T, token: Token): T {
    try {
      return build();
    } catch (e) {
      if (e instanceof TlaShapeError) this.fail(e.message, token);
      throw e;
    }
  }

  end(what: string): void {
    const t = this.peek();
    if (t.kind !== "end") this.fail(`expected the end of ${what}, found ${describeToken(t)}`);
  }
}

function describeToken(t: Token): string {
  switch (t.kind) {
    case "end":
      return "the end of the text";
    case "int":
      return `the integer ${t.text}`;
    case "string":
      return `the string ${JSON.stringify(t.text)}`;
    case "ident":
      return `"${t.text}"`;
    default:
      return `"${t.text}"`;
  }
}

/** Parses one TLA+ value, e.g. `(r1 :> "working" @@ r2 :> "prepared")`. */
export function parseTlaValue(text: string): TlaValue {
  const parser = new Parser(text, tokenize(text));
  const value = parser.value();
  parser.end("the value");
  return value;
}

/**
 * Parses a state as TLC prints it, a conjunction of `/\ variable = value`
 * lines (or a single `variable = value`), into the record of its variables.
 */
export function parseTlaState(text: string): TlaValue {
  const parser = new Parser(text, tokenize(text));
  const fields: [string, TlaValue][] = [];
  const bulleted = parser.peek().kind === "/\\";
  do {
    if (bulleted) parser.expect("/\\", "/\\ before the next variable");
    const name = parser.expect("ident", "a variable name");
    if (fields.some(([k]) => k === name.text)) parser.fail(`variable ${name.text} is given twice`, name);
    parser.expect("=", `= after ${name.text}`);
    fields.push([name.text, parser.value()]);
  } while (bulleted && parser.peek().kind !== "end");
  parser.end("the state");
  return recordOf(fields);
}

/** An action as TLC labels a step: the operator's name and its arguments' values. */
export interface ParsedActionLabel {
  readonly name: string;
  readonly args: readonly TlaValue[];
}

/** Parses an action label such as `RMPrepare(r1)` or `TMCommit`. */
export function parseActionLabel(text: string): ParsedActionLabel {
  const parser = new Parser(text, tokenize(text));
  const name = parser.expect("ident", "an action name").text;
  const args: TlaValue[] = [];
  if (parser.peek().kind === "(") {
    parser.next();
    for (;;) {
      args.push(parser.value());
      const t = parser.next();
      if (t.kind === ")") break;
      if (t.kind !== ",") parser.fail(`expected , or ) in the action's arguments, found ${describeToken(t)}`, t);
    }
  }
  parser.end("the action label");
  return { name, args };
}
