/**
 * A small, strict argument parser: every flag must be declared, every value
 * must parse, and each mistake becomes a {@link UsageError} that names the
 * flag and what it accepts. Nothing is silently clamped or ignored.
 *
 * @module
 */
import { UsageError } from "./usage-error.js";

/** A declared flag. `--name value` or `--name=value`; booleans take no value. */
export type FlagSpec =
  | { readonly name: string; readonly kind: "boolean"; readonly description: string }
  | { readonly name: string; readonly kind: "int"; readonly description: string; readonly min: number; readonly max: number }
  | { readonly name: string; readonly kind: "choice"; readonly description: string; readonly choices: readonly string[] }
  | { readonly name: string; readonly kind: "string"; readonly description: string; readonly placeholder: string };

/**
 * The flags given, read by kind: each accessor checks that the flag was
 * declared with that kind, so that a command reads a value only as what
 * the parser made of it (a mismatch is a bug in the command, not the
 * user's mistake).
 */
export class Flags {
  constructor(
    private readonly values: ReadonlyMap<string, string | number | boolean>,
    private readonly specs: readonly FlagSpec[],
  ) {}

  /** A flag not declared here cannot have been given (some depend on the protocol, like --variant); one of another kind is a bug. */
  private declared(name: string, kinds: readonly FlagSpec["kind"][]): void {
    const spec = this.specs.find((s) => s.name === name);
    if (spec !== undefined && !kinds.includes(spec.kind)) throw new Error(`--${name} is declared as ${spec.kind}, not ${kinds.join(" or ")}`);
  }

  /** Whether a boolean flag was given. */
  on(name: string): boolean {
    this.declared(name, ["boolean"]);
    return this.values.get(name) === true;
  }

  int(name: string): number | undefined {
    this.declared(name, ["int"]);
    return this.values.get(name) as number | undefined;
  }

  /** A string flag's value, or a choice flag's (one of its choices, which `C` names). */
  text<C extends string = string>(name: string): C | undefined {
    this.declared(name, ["string", "choice"]);
    return this.values.get(name) as C | undefined;
  }
}

/** Parsed command-line values. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: Flags;
}

/** Reads a decimal integer, accepting nothing else (no `1e3`, `0x10`, `12abc` or blanks). */
export function parseInteger(text: string): number | undefined {
  if (!/^-?[0-9]+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function describeAccepted(spec: FlagSpec): string {
  switch (spec.kind) {
    case "boolean":
      return "no value";
    case "int":
      return spec.max === Number.MAX_SAFE_INTEGER ? `an integer of at least ${spec.min}` : `an integer from ${spec.min} to ${spec.max}`;
    case "choice":
      return `one of ${spec.choices.join(", ")}`;
    case "string":
      return spec.placeholder;
  }
}

function parseValue(spec: FlagSpec, text: string): string | number {
  switch (spec.kind) {
    case "boolean":
      throw new UsageError(`--${spec.name} takes no value, got "${text}"`);
    case "int": {
      const value = parseInteger(text);
      if (value === undefined || value < spec.min || value > spec.max) {
        throw new UsageError(`--${spec.name} must be ${describeAccepted(spec)} (${spec.description}), got "${text}"`);
      }
      return value;
    }
    case "choice":
      if (!spec.choices.includes(text)) {
        throw new UsageError(`--${spec.name} must be ${describeAccepted(spec)}, got "${text}"`);
      }
      return text;
    case "string":
      if (text === "") throw new UsageError(`--${spec.name} needs ${spec.placeholder}`);
      return text;
  }
}

/** Parses `argv` (after the command name) against the declared flags. */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | number | boolean>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith("--")) throw new UsageError(`unknown flag ${arg} (flags are written --name; see --help)`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = specs.find((s) => s.name === name);
    if (spec === undefined) {
      const known = specs.map((s) => `--${s.name}`).join(", ");
      throw new UsageError(`unknown flag --${name} (accepted here: ${known})`);
    }
    if (flags.has(name)) throw new UsageError(`--${name} is given twice`);
    if (spec.kind === "boolean") {
      if (eq !== -1) parseValue(spec, arg.slice(eq + 1));
      flags.set(name, true);
      continue;
    }
    let text: string | undefined;
    if (eq !== -1) text = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) text = argv[++i];
    if (text === undefined) throw new UsageError(`--${name} needs a value: ${describeAccepted(spec)}`);
    flags.set(name, parseValue(spec, text));
  }
  return { positionals, flags: new Flags(flags, specs) };
}

/** One line per flag, for help texts. */
export function describeFlags(specs: readonly FlagSpec[]): string {
  return specs
    .map((s) => {
      const value = s.kind === "boolean" ? "" : s.kind === "string" ? ` <${s.placeholder}>` : " <value>";
      return `${`  --${s.name}${value}`.padEnd(27)} ${s.description} (${describeAccepted(s)})`;
    })
    .join("\n");
}
