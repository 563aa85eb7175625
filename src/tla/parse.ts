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
import {
  type TlaValue,
  TlaShapeError,
  tlaBool,
  tlaFunction,
  tlaInt,
  tlaModelValue,
  tlaRecord,
  tlaSeq,
  tlaSet,
  tlaString,
} from "./value.js";

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

const punctuation: readonly TokenKind[] = ["|->", "<<", ">>", ":>", "@@", "/\\", "..", "{", "}", "(", ")", "[", "]", ",", "="];

function isIdentChar(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "_";
}

/** Splits TLA+ value text into tokens; throws {@link TlaParseError} on a character that starts none. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const start = i;
    if (c === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new TlaParseError("unterminated string", text, start);
        const d = text[i]!;
        if (d === '"') break;
        if (d === "\\") {
          const e = text[i + 1];
          const escaped = e === undefined ? undefined : ({ '"': '"', "\\": "\\", n: "\n", t: "\t", r: "\r", f: "\f" } as Record<string, string>)[e];
          if (escaped === undefined) throw new TlaParseError("unknown escape in string", text, i);
          value += escaped;
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      i++;
      tokens.push({ kind: "string", text: value, offset: start });
      continue;
    }
    if ((c >= "0" && c <= "9") || (c === "-" && text[i + 1] !== undefined && text[i + 1]! >= "0" && text[i + 1]! <= "9")) {
      i++;
      while (i < text.length && text[i]! >= "0" && text[i]! <= "9") i++;
      if (i < text.length && isIdentChar(text[i]!) && c !== "-") {
        // TLA+ identifiers may start with digits (`1a`); a model value so named is an identifier.
        while (i < text.length && isIdentChar(text[i]!)) i++;
        tokens.push({ kind: "ident", text: text.slice(start, i), offset: start });
        continue;
      }
      tokens.push({ kind: "int", text: text.slice(start, i), offset: start });
      continue;
    }
    if (isIdentChar(c)) {
      while (i < text.length && isIdentChar(text[i]!)) i++;
      tokens.push({ kind: "ident", text: text.slice(start, i), offset: start });
      continue;
    }
    const punct = punctuation.find((p) => text.startsWith(p, i));
    if (punct === undefined) throw new TlaParseError(`unexpected character "${c}"`, text, i);
    tokens.push({ kind: punct, text: punct, offset: i });
    i += punct.length;
  }
  tokens.push({ kind: "end", text: "", offset: text.length });
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
    return this.guard(() => tlaFunction(entries), first.token);
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
        return tlaSet(members);
      }
      case "string":
        return tlaString(t.text);
      case "ident":
        if (t.text === "TRUE") return tlaBool(true);
        if (t.text === "FALSE") return tlaBool(false);
        return tlaModelValue(t.text);
      case "{":
        return tlaSet(this.list("}", "a set element"));
      case "<<":
        return tlaSeq(this.list(">>", "a tuple element"));
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
    const fields: Record<string, TlaValue> = {};
    for (;;) {
      const name = this.expect("ident", "a field name");
      if (Object.hasOwn(fields, name.text)) this.fail(`field ${name.text} appears twice in a record`, name);
      this.expect("|->", "|->");
      fields[name.text] = this.value();
      const t = this.next();
      if (t.kind === "]") break;
      if (t.kind !== ",") this.fail(`expected , or ] in a record, found ${describeToken(t)}`, t);
    }
    return this.guard(() => tlaRecord(fields), open);
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
  const fields: Record<string, TlaValue> = {};
  const bulleted = parser.peek().kind === "/\\";
  do {
    if (bulleted) parser.expect("/\\", "/\\ before the next variable");
    const name = parser.expect("ident", "a variable name");
    if (Object.hasOwn(fields, name.text)) parser.fail(`variable ${name.text} is given twice`, name);
    parser.expect("=", `= after ${name.text}`);
    fields[name.text] = parser.value();
  } while (bulleted && parser.peek().kind !== "end");
  parser.end("the state");
  return tlaRecord(fields);
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
