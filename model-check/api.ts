/**
 * The package's entry point, `import { ... } from "tla-twin"`: everything
 * needed to declare a protocol (schemas, action tables, `defineProtocol`),
 * to check it (`check`, `simulate`, `checkContract`) and to read results,
 * plus the shipped protocols and the TLA+ value model.
 *
 * @module
 */
import type { AnyModel, AnyProtocol, TwinAction } from "../src/protocol.js";
import { ConfigError, presetOptions, resolveOptions } from "../src/protocol.js";
import { findProtocol } from "../src/registry.js";
import { bfs } from "./bfs.js";
import { type ContractBreach, checkContract, defaultContractSample } from "./contract-check.js";
import { type ModelSource, loadProtocol } from "./model-source.js";
import { parallelBfs } from "./parallel/parallel-bfs.js";
import { isProtocol } from "./protocol-module.js";
import type { CheckResult } from "./result.js";
import { type SimulationResult, simulate as simulateModel } from "./simulate.js";

export * from "../src/index.js";
export * from "../src/schema/index.js";
export * from "../src/define/index.js";
export { checkContract, deepEqual, defaultContractSample } from "./contract-check.js";
export type { ContractBreach, ContractCheckOptions } from "./contract-check.js";
export type { CheckResult, Trace, TraceStep, Violation, SearchInfo } from "./result.js";
export type { SimulationResult } from "./simulate.js";
export type { WitnessReport } from "./witnesses.js";
export { formatTrace, describeViolation, formatWitnesses } from "./format.js";
export { traceToJson } from "./trace-formats/json.js";

/** A model that breaks its contract (see {@link checkContract}): searching it would give wrong answers. */
export class ContractError extends Error {
  override readonly name = "ContractError";
  constructor(readonly breach: ContractBreach) {
    super(`the model breaks its contract (${breach.rule}): ${breach.message}; for example in ${breach.example}`);
  }
}

/** Which config of a protocol to build (ignored for a model, which is one config already). */
export interface ConfigChoice {
  /** Option values by name; left-out options take their defaults. */
  readonly options?: Readonly<Record<string, number>>;
  /** A shipped config of the protocol, instead of `options`. */
  readonly preset?: string;
  /** One of the protocol's variants. */
  readonly variant?: string;
}

/** Options of {@link check}. */
export interface CheckOptions extends ConfigChoice {
  /** Report states without enabled actions as violations (TLC's default); default true. */
  readonly checkDeadlock?: boolean;
  /** One state per orbit of the model's symmetry. */
  readonly symmetry?: boolean;
  /** Check the model's refinement claim too. */
  readonly refinement?: boolean;
  /** Stop (incomplete) after this many distinct states. */
  readonly maxStates?: number;
  /** Explore no state at this BFS level (initial states are level 1). */
  readonly maxDepth?: number;
  /**
   * Search on this many worker threads. Each thread loads the protocol
   * itself: a shipped protocol by name, a user's from `module`.
   */
  readonly workers?: number;
  /** The module that exports the protocol (its file URL, e.g. `import.meta.url`), for `workers`. */
  readonly module?: string | URL;
  /** The export of `module` that holds the protocol (default: `default`, or the only one). */
  readonly exportName?: string;
  /** States of the contract check before the search (default {@link defaultContractSample}); `false` skips it. */
  readonly contractCheck?: number | false;
}

/** Refuses, as the CLI does, a count option that is not an integer of at least `min` (left-out ones are fine). */
function atLeast(min: number, values: Readonly<Record<string, number | undefined>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < min)) throw new ConfigError(`${name} must be an integer of at least ${min}, got ${value}`);
  }
}

/** The model a target and config choice stand for. */
export function modelOf(target: AnyProtocol | AnyModel, choice: ConfigChoice = {}): AnyModel {
  if (!isProtocol(target) && typeof (target as Partial<AnyModel>).initialStates !== "function") {
    throw new ConfigError("expected a protocol (from defineProtocol) or a model (from defineModel or protocol.model(...))");
  }
  if (!isProtocol(target)) {
    if (choice.options !== undefined || choice.preset !== undefined || choice.variant !== undefined) {
      throw new ConfigError("options, preset and variant choose a config of a protocol; this is a model (one config already)");
    }
    return target;
  }
  return target.model(optionsOf(target, choice), choice.variant);
}

function optionsOf(protocol: AnyProtocol, choice: ConfigChoice): Record<string, number> {
  if (choice.preset === undefined) return resolveOptions(protocol, choice.options ?? {});
  if (choice.options !== undefined) throw new ConfigError("give either preset or options, not both");
  return presetOptions(protocol, choice.preset);
}

/**
 * Explores every reachable state of a protocol's config (or of a model)
 * breadth-first and checks its invariants, action properties and witness
 * goals, after checking its contract on a sample. Resolves to the result;
 * rejects with {@link ContractError} for a model that breaks its contract
 * and `ConfigError` for a bad config.
 */
export async function check(target: AnyProtocol | AnyModel, options: CheckOptions = {}): Promise<CheckResult<unknown, TwinAction>> {
  atLeast(1, { workers: options.workers, maxStates: options.maxStates, maxDepth: options.maxDepth });
  if (options.contractCheck !== undefined && options.contractCheck !== false) atLeast(1, { contractCheck: options.contractCheck });
  const model = modelOf(target, options);
  if (options.contractCheck !== false) {
    const breach = checkContract(model, { maxStates: options.contractCheck ?? defaultContractSample, symmetry: options.symmetry === true });
    if (breach !== null) throw new ContractError(breach);
  }
  const search = {
    checkDeadlock: options.checkDeadlock ?? true,
    ...(options.symmetry === undefined ? {} : { symmetry: options.symmetry }),
    ...(options.refinement === undefined ? {} : { refinement: options.refinement }),
    ...(options.maxStates === undefined ? {} : { maxStates: options.maxStates }),
    ...(options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth }),
  };
  if ((options.workers ?? 1) <= 1) return bfs(model, search);
  return parallelBfs(await sourceFor(target, options), { ...search, workers: options.workers! });
}

/** How worker threads find the protocol: by name when shipped, else by its module. */
async function sourceFor(target: AnyProtocol | AnyModel, options: CheckOptions): Promise<ModelSource> {
  if (!isProtocol(target)) throw new ConfigError("workers build the model themselves: give check the protocol (and its module), not a model");
  const config = { protocol: target.name, options: optionsOf(target, options), ...(options.variant === undefined ? {} : { variant: options.variant }) };
  if (options.module === undefined) {
    if (findProtocol(target.name) === target) return config;
    throw new ConfigError(`workers load ${target.name} from its module: give check the module's URL (module: import.meta.url in the module that exports it)`);
  }
  const source = { ...config, module: String(options.module), ...(options.exportName === undefined ? {} : { exportName: options.exportName }) };
  const { protocol } = await loadProtocol(source);
  if (protocol.name !== target.name) throw new ConfigError(`${source.module} exports ${protocol.name}, not ${target.name} (name the export with exportName)`);
  return source;
}

/** Options of {@link simulate}. */
export interface SimulateOptions extends ConfigChoice {
  /** How many random behaviours (default 1000). */
  readonly traces?: number;
  /** The most states in a behaviour (default 100). */
  readonly maxDepth?: number;
  /** Seed of the random choices (default 1): a result reruns exactly with its seed. */
  readonly seed?: number;
  readonly checkDeadlock?: boolean;
  readonly refinement?: boolean;
}

/** Walks random behaviours of a protocol's config (or of a model), checking invariants along them. */
export function simulate(target: AnyProtocol | AnyModel, options: SimulateOptions = {}): SimulationResult<unknown, TwinAction> {
  atLeast(1, { traces: options.traces, maxDepth: options.maxDepth });
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw new ConfigError(`seed must be an integer, got ${options.seed}`);
  return simulateModel(modelOf(target, options), {
    traces: options.traces ?? 1000,
    maxDepth: options.maxDepth ?? 100,
    seed: options.seed ?? 1,
    checkDeadlock: options.checkDeadlock ?? true,
    ...(options.refinement === undefined ? {} : { refinement: options.refinement }),
  });
}

export * from "./conformance/index.js";
