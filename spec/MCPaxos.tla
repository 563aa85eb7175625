------------------------------- MODULE MCPaxos -------------------------------
(***************************************************************************)
(* The bounds under which TLC checks Paxos.tla, kept out of the protocol   *)
(* spec. Each MCPaxos_*.cfg sets Acceptor and Value to model values        *)
(* (a1, a2, ... and v1, v2, ...), None to a model value, MaxBallot, and    *)
(* replaces Paxos's Ballot (all of Nat) by MCBallot and Quorum by          *)
(* Majorities. The twin (src/paxos/) writes these configs: its tlcModel()  *)
(* gives the text of each shipped .cfg file exactly.                       *)
(***************************************************************************)
EXTENDS Paxos, FiniteSets

CONSTANT MaxBallot   \* the highest ballot the leaders may start

ASSUME MaxBallot \in Nat

MCBallot == 0..MaxBallot

\* The majority quorum system: every set of more than half the acceptors.
Majorities == {Q \in SUBSET Acceptor : 2 * Cardinality(Q) > Cardinality(Acceptor)}
=============================================================================
