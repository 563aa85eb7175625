/**
 * The actions a next-state operator of a spec names, and the `@tla` tags of a
 * twin's source folder, for the abstract specs TCommit and Voting (whose
 * next-state relations are `TCNext` and `Next`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot, specDir } from "../../model-check/project-root.js";
import { isAction, readSpecOperators, readTwinBindings } from "../../model-check/spec-map.js";

/** The actions that operator `next` of `spec/<module>.tla` names, in order. */
export function actionsNamedBy(module: string, next: string): string[] {
  const operators = readSpecOperators(readFileSync(join(specDir(), `${module}.tla`), "utf8"));
  const body = operators.find((o) => o.name === next)!.body;
  const names = [...body.slice(body.indexOf("==") + 2).matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]);
  const actions = operators.filter((o) => names.includes(o.name) && isAction(o)).map((o) => o.name);
  return [...new Set(actions)];
}

/** Every operator `spec/<module>.tla` defines. */
export function operatorsOf(module: string): Set<string> {
  return new Set(readSpecOperators(readFileSync(join(specDir(), `${module}.tla`), "utf8")).map((o) => o.name));
}

/** The `@tla <module>!<operator>` tags under `src/<folder>`, as operator -> function name. */
export function tagsIn(folder: string, module: string): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const b of readTwinBindings(join(projectRoot(), "src", folder))) {
    if (b.module !== module) continue;
    tags.set(b.operator, [...(tags.get(b.operator) ?? []), b.functionName]);
  }
  return tags;
}
