/**
 * `tla-twin list`: protocols, their options, shipped configs and variants.
 *
 * @module
 */
import { resolveOptions } from "../../src/protocol.js";
import { protocols } from "../../src/registry.js";
import { parseArgs } from "./args.js";
import { UsageError } from "./usage-error.js";

/** Runs `tla-twin list` and returns the exit code. */
export function runList(argv: readonly string[]): number {
  const { positionals, flags } = parseArgs(argv, [{ name: "json", kind: "boolean", description: "print JSON" }]);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (flags.on("json")) {
    const list = protocols.map((p) => ({
      name: p.name,
      title: p.title,
      tlaModule: p.tlaModule,
      options: p.options,
      presets: p.presets,
      goals: (p.model(resolveOptions(p, {})).witnesses ?? []).map(({ name, kind, description }) => ({ name, kind, description })),
      variants: p.variants,
    }));
    console.log(JSON.stringify(list, null, 2));
    return 0;
  }
  for (const p of protocols) {
    console.log(`${p.name}: ${p.title} (spec/${p.tlaModule}.tla)`);
    for (const o of p.options) console.log(`  --${o.flag} ${o.min}..${o.max}, default ${o.default}: ${o.description}`);
    for (const preset of p.presets) {
      const values = Object.entries(preset.options).map(([k, v]) => `--${k} ${v}`).join(" ");
      const flags = [preset.quick ? "in npm run check" : undefined, preset.symmetry === true ? "searched with --symmetry: TLC counts orbits" : undefined].filter((x) => x !== undefined);
      console.log(`  preset ${preset.name}: ${values}${flags.length > 0 ? ` (${flags.join(", ")})` : ""}`);
      if (preset.excludes !== undefined) console.log(`    excludes: ${preset.excludes}`);
      if ((preset.witnesses ?? []).length > 0) console.log(`    witnesses: ${preset.witnesses!.join(", ")}`);
    }
    for (const goal of p.model(resolveOptions(p, {})).witnesses ?? []) console.log(`  goal ${goal.name} (${goal.kind}): ${goal.description}`);
    for (const v of p.variants) console.log(`  variant ${v.name}: ${v.description}; breaks ${v.breaks}`);
  }
  return 0;
}
