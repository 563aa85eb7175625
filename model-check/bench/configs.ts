/**
 * The benchmark's configs, as data: a protocol and either a preset name or
 * option values. A protocol that is not registered, a preset it does not
 * have, or options it rejects make the row skipped with a line saying why,
 * so configs of protocols still being written can be listed here already.
 *
 * @module
 */

/** One benchmark config. */
export interface BenchConfig {
  /** Short name in the table, e.g. `2PC rm9`. */
  readonly label: string;
  /** The registry name of the protocol (for a module, the name it gives itself). */
  readonly protocol: string;
  /** A module that exports the protocol, relative to the project root, for a protocol declared through the package API. */
  readonly module?: string;
  /** A shipped preset of the protocol... */
  readonly preset?: string;
  /** ...or option values (left-out options take their defaults). */
  readonly options?: Readonly<Record<string, number>>;
  /**
   * Too long for the default run (hours for TLC): run only when named by
   * `--only`, and by the twin only.
   */
  readonly extended?: boolean;
  /** Whether the row must beat TLC with all cores by the multi-core target (15×). */
  readonly multiCoreTarget?: boolean;
}

/** The benchmark, in the order it runs. */
export const benchConfigs: readonly BenchConfig[] = [
  { label: "2PC rm8", protocol: "twophase", options: { rm: 8 } },
  { label: "2PC rm9", protocol: "twophase", options: { rm: 9 }, multiCoreTarget: true },
  // The same protocol declared through the package API (schema-derived codec, derived action table).
  { label: "2PC rm9 declared", protocol: "two-phase-commit", module: "examples/two-phase-commit.ts", options: { rm: 9 } },
  { label: "2PC rm10", protocol: "twophase", options: { rm: 10 }, multiCoreTarget: true },
  { label: "Paxos a3 b2", protocol: "paxos", options: { acceptors: 3, "max-ballot": 2 } },
  { label: "Paxos a3 b2 declared", protocol: "paxos-declared", module: "examples/paxos.ts", options: { acceptors: 3, "max-ballot": 2 } },
  { label: "Paxos a3 b3", protocol: "paxos", options: { acceptors: 3, "max-ballot": 3 } },
  { label: "Raft small", protocol: "raft", preset: "small" },
  { label: "Raft large", protocol: "raft", preset: "large" },
  // 2PC with 11 RMs: hundreds of millions of states, the run that shows the checker's memory holds up.
  { label: "2PC rm11", protocol: "twophase", options: { rm: 11 }, extended: true },
];

/**
 * Whether a config is selected by the `--only` filters: a filter selects the
 * configs of the protocol it names and those whose label contains it (case
 * and spaces ignored). Extended configs run only when a filter names them
 * exactly, by their whole label or its last word (`rm11`).
 */
export function selected(config: BenchConfig, only: readonly string[]): boolean {
  const squash = (text: string) => text.toLowerCase().replace(/\s+/g, "");
  const label = squash(config.label);
  if (only.length === 0) return config.extended !== true;
  return only.map(squash).some((filter) => {
    if (config.extended === true) return filter === label || filter === squash(config.label.split(/\s+/).pop()!);
    return filter === config.protocol || label.includes(filter);
  });
}
