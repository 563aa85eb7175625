------------------------------- MODULE MCRaft -------------------------------
(***************************************************************************)
(* Bounds for model checking Raft.tla. The protocol itself is unbounded:   *)
(* terms grow with every timeout, logs with every client request, and the  *)
(* network can duplicate a message any number of times. Each bound below   *)
(* is a state constraint: TLC generates and checks a state that exceeds    *)
(* it but does not explore its successors. The twin (src/raft/) applies    *)
(* the same constraint, and each preset's .cfg file is the text its        *)
(* tlcModel() prints.                                                      *)
(***************************************************************************)
EXTENDS Raft, TLC

CONSTANTS
  MaxTerm,        \* no server's currentTerm exceeds this
  MaxLogLength,   \* no server's log is longer than this
  MaxCopies,      \* no message has more copies than this in flight
  MaxInFlight     \* at most this many messages (copies counted) in flight

ASSUME /\ MaxTerm \in Nat \ {0}
       /\ MaxLogLength \in Nat
       /\ MaxCopies \in Nat \ {0}
       /\ MaxInFlight \in Nat \ {0}

TermBound     == \A i \in Server : currentTerm[i] <= MaxTerm
LogBound      == \A i \in Server : Len(log[i]) <= MaxLogLength
CopiesBound   == \A m \in DOMAIN messages : messages[m] <= MaxCopies
InFlightBound == BagCardinality(messages) <= MaxInFlight

\* Servers are interchangeable, and so are values: usable as TLC's SYMMETRY
\* (the shipped configs do not, so that counts compare without reduction).
Symmetry == Permutations(Server) \cup Permutations(Value)
=============================================================================
