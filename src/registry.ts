/**
 * Every protocol tla-twin ships, by CLI name.
 *
 * @module
 */
import type { AnyProtocol } from "./protocol.js";
import { paxos } from "./paxos/index.js";
import { raft } from "./raft/index.js";
import { twoPhase } from "./twophase/index.js";

/** The protocols, in the order `tla-twin list` shows them. */
export const protocols: readonly AnyProtocol[] = [twoPhase, paxos, raft];

/** The protocol with this CLI name, or undefined. */
export function findProtocol(name: string): AnyProtocol | undefined {
  return protocols.find((p) => p.name === name);
}
