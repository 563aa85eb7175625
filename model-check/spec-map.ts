/**
 * The map from each TLA+ spec to its twin: which twin function implements
 * which TLA+ operator, found through the `@tla Module!Operator` tags in the
 * twin's TSDoc, checked both ways against the `.tla` file.
 *
 * The `.tla` reading here is deliberately shallow (operator definitions at
 * the start of a line, comments stripped); SANY, run by the TLC bridge, is the
 * real parser. It is enough to list the operators and the actions `Next`
 * names, which is all the map needs.
 *
 * @module
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { projectRoot } from "./project-root.js";

/** An operator defined at the top level of a module. */
export interface SpecOperator {
  readonly name: string;
  readonly params: readonly string[];
  /** 1-based line of the definition. */
  readonly line: number;
  /** The definition's text, comments removed. */
  readonly body: string;
}

/** A twin function tagged `@tla Module!Operator`. */
export interface TwinBinding {
  readonly module: string;
  readonly operator: string;
  readonly functionName: string;
  /** Path relative to the project root. */
  readonly file: string;
  readonly line: number;
}

/** Replaces TLA+ comments with spaces, keeping line numbers. */
function stripComments(text: string): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const two = text.slice(i, i + 2);
    if (depth === 0 && two === "\\*") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
      continue;
    }
    if (two === "(*") {
      depth++;
      out += "  ";
      i++;
      continue;
    }
    if (depth > 0 && two === "*)") {
      depth--;
      out += "  ";
      i++;
      continue;
    }
    out += depth > 0 && text[i] !== "\n" ? " " : text[i];
  }
  return out;
}

/** The operators a module defines, in order. */
export function readSpecOperators(tlaText: string): SpecOperator[] {
  const lines = stripComments(tlaText).split("\n");
  const starts: { name: string; params: string[]; line: number }[] = [];
  lines.forEach((line, i) => {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(([^)]*)\))?\s*==/.exec(line);
    if (m) starts.push({ name: m[1]!, params: m[2] ? m[2].split(",").map((p) => p.trim()) : [], line: i + 1 });
  });
  return starts.map((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]!.line - 1 : lines.length;
    const bodyLines = lines.slice(s.line - 1, end);
    const stop = bodyLines.findIndex((l, j) => j > 0 && /^(====|----|THEOREM\b|CONSTANTS?\b|VARIABLES?\b|ASSUME\b)/.test(l));
    return { ...s, body: (stop === -1 ? bodyLines : bodyLines.slice(0, stop)).join("\n") };
  });
}

/** The variables a module declares (`VARIABLE`/`VARIABLES`), in order. */
export function readSpecVariables(tlaText: string): string[] {
  const text = stripComments(tlaText);
  const names: string[] = [];
  for (const m of text.matchAll(/^VARIABLES?\b([\s\S]*?)(?=\n\s*\n|\n[A-Za-z_][A-Za-z0-9_]*\s*(?:\([^)]*\))?\s*==)/gm)) {
    names.push(...m[1]!.split(",").map((n) => n.trim()).filter((n) => n !== ""));
  }
  return names;
}

/** Whether a definition is an action: it mentions a primed expression or UNCHANGED. */
export function isAction(op: SpecOperator): boolean {
  return /UNCHANGED|[A-Za-z0-9_)\]]'/.test(op.body.replace(/"[^"]*"/g, '""'));
}

/** The names an operator's body refers to (string literals left out), in order. */
function namesIn(op: SpecOperator): string[] {
  const body = op.body.slice(op.body.indexOf("==") + 2).replace(/"[^"]*"/g, '""');
  return [...body.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]);
}

/**
 * The operators that are actions: those that prime a variable or say
 * UNCHANGED, and those made of actions (Raft's `Receive == \E m : ReceiveMessage(m)`).
 */
function actionOperators(operators: readonly SpecOperator[]): Set<string> {
  const actions = new Set(operators.filter(isAction).map((o) => o.name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const op of operators) {
      if (!actions.has(op.name) && namesIn(op).some((name) => name !== op.name && actions.has(name))) {
        actions.add(op.name);
        grew = true;
      }
    }
  }
  return actions;
}

/** The actions that the next-state operator (`Next` unless named) names directly, in the order it names them. */
export function actionsOfNext(operators: readonly SpecOperator[], nextName = "Next"): SpecOperator[] {
  const next = operators.find((o) => o.name === nextName);
  if (next === undefined) return [];
  const byName = new Map(operators.map((o) => [o.name, o]));
  const isActionName = actionOperators(operators);
  const names = namesIn(next);
  const seen = new Set<string>();
  const actions: SpecOperator[] = [];
  for (const name of names) {
    const op = byName.get(name);
    if (op !== undefined && !seen.has(name) && isActionName.has(name)) {
      seen.add(name);
      actions.push(op);
    }
  }
  return actions;
}

/**
 * Every step the next-state operator reaches through the operators it
 * refers to, directly or not: its actions, and the steps those are made of
 * (Raft's `Receive` reaches each message handler through `ReceiveMessage`).
 * A step says what happens to every variable (it has an UNCHANGED); an
 * operator that primes only some (`Send(m) == msgs' = ...`) is a building
 * block of steps, not one. Each step must have a twin function.
 */
export function stepsReachedFrom(operators: readonly SpecOperator[], nextName = "Next"): SpecOperator[] {
  const byName = new Map(operators.map((o) => [o.name, o]));
  const direct = new Set(actionsOfNext(operators, nextName).map((o) => o.name));
  const seen = new Set<string>([nextName]);
  const queue = [nextName];
  const reached: SpecOperator[] = [];
  while (queue.length > 0) {
    const op = byName.get(queue.shift()!);
    if (op === undefined) continue;
    for (const name of namesIn(op)) {
      const referenced = byName.get(name);
      if (referenced === undefined || seen.has(name)) continue;
      seen.add(name);
      queue.push(name);
      if (direct.has(name) || /\bUNCHANGED\b/.test(referenced.body)) reached.push(referenced);
    }
  }
  return reached;
}

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

/** Every `@tla` tag under a source folder, with the function it documents. */
export function readTwinBindings(sourceDir: string): TwinBinding[] {
  const bindings: TwinBinding[] = [];
  const root = projectRoot();
  for (const file of tsFiles(sourceDir)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*export\s+(?:function|const)\s+([A-Za-z0-9_]+)/g)) {
      const line = text.slice(0, m.index).split("\n").length;
      for (const tag of m[1]!.matchAll(/@tla\s+([A-Za-z0-9_]+)!([A-Za-z0-9_]+)/g)) {
        bindings.push({ module: tag[1]!, operator: tag[2]!, functionName: m[2]!, file: relative(root, file), line });
      }
    }
  }
  return bindings;
}

/** One row of the map: a spec operator and the twin functions tagged with it. */
export interface SpecMapRow {
  readonly operator: SpecOperator;
  readonly kind: "action" | "other";
  readonly twin: readonly TwinBinding[];
}

/** The map for one module: every action of `Next` plus every other tagged operator. */
export function specMap(module: string, tlaText: string, bindings: readonly TwinBinding[]): SpecMapRow[] {
  const operators = readSpecOperators(tlaText);
  const actions = actionsOfNext(operators);
  const ofModule = bindings.filter((b) => b.module === module);
  const rows: SpecMapRow[] = actions.map((op) => ({
    operator: op,
    kind: "action",
    twin: ofModule.filter((b) => b.operator === op.name),
  }));
  for (const op of operators) {
    if (actions.includes(op)) continue;
    const twin = ofModule.filter((b) => b.operator === op.name);
    if (twin.length > 0) rows.push({ operator: op, kind: "other", twin });
  }
  return rows;
}

/** Tags naming an operator the module does not define. */
export function danglingBindings(module: string, tlaText: string, bindings: readonly TwinBinding[]): TwinBinding[] {
  const names = new Set(readSpecOperators(tlaText).map((o) => o.name));
  return bindings.filter((b) => b.module === module && !names.has(b.operator));
}

/** The spec map of every given module as a Markdown document. */
export function specMapMarkdown(modules: readonly { module: string; title: string; sourceDir: string }[], specDir: string): string {
  const out: string[] = [
    "# Spec map: TLA+ operators and their twin functions",
    "",
    "Generated by `npm run docs` from the `@tla` tags in `src/` and the specs in `spec/`;",
    "a test fails when this file is out of date or when an action of `Next` has no twin function.",
    "",
  ];
  for (const { module, title, sourceDir } of modules) {
    const text = readFileSync(join(specDir, `${module}.tla`), "utf8");
    const rows = specMap(module, text, readTwinBindings(sourceDir));
    out.push(`## ${title}: \`spec/${module}.tla\``, "", "| TLA+ operator | kind | spec line | twin function | source |", "| --- | --- | --- | --- | --- |");
    for (const row of rows) {
      const signature = row.operator.params.length > 0 ? `${row.operator.name}(${row.operator.params.join(", ")})` : row.operator.name;
      const twin = row.twin.length === 0 ? "**missing**" : row.twin.map((b) => `\`${b.functionName}\``).join(", ");
      const source = row.twin.map((b) => `\`${b.file}:${b.line}\``).join(", ");
      out.push(`| \`${signature}\` | ${row.kind} | ${row.operator.line} | ${twin} | ${source} |`);
    }
    out.push("");
  }
  return out.join("\n");
}
