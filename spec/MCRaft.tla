------------------------------- MODULE MCRaft -------------------------------
(***************************************************************************)
(* Bounds for model checking Raft.tla. The protocol itself is unbounded:   *)
(* terms grow with every timeout, logs with every client request, and the  *)
(* network can duplicate a message any number of times. Each bound below   *)
(* is a state constraint: TLC generates and checks a state that exceeds    *)
(* it but does not explore its successors. The twin (src/raft/) applies    *)
(* the same constraint, and each preset's .cfg file is the text that       *)
(* raftTlcConfig in src/raft/model.ts prints for it.                       *)
(*                                                                         *)
(* Three switches turn faults off, so that a config can spend its states   *)
(* on deeper behaviours: Restarts (Restart), Duplication                   *)
(* (DuplicateMessage) and Loss (DropMessage). MCNext is Raft's Next with   *)
(* each fault ranging over a constant set that is empty when its switch is *)
(* off. TLC splits the next-state relation into actions at disjunctions    *)
(* and at \E over constant sets, and names each action after the operator  *)
(* it went into last, so steps keep the names Restart, DuplicateMessage    *)
(* and so on. With every switch on, MCSpec has the behaviours of Spec.     *)
(***************************************************************************)
EXTENDS Raft, TLC

CONSTANTS
  MaxTerm,        \* no server's currentTerm exceeds this
  MaxLogLength,   \* no server's log is longer than this
  MaxCopies,      \* no message has more copies than this in flight
  MaxInFlight,    \* at most this many messages (copies counted) in flight
  Restarts,       \* whether servers may restart
  Duplication,    \* whether the network may duplicate a message
  Loss            \* whether the network may lose a message

ASSUME /\ MaxTerm \in Nat \ {0}
       /\ MaxLogLength \in Nat
       /\ MaxCopies \in Nat \ {0}
       /\ MaxInFlight \in Nat \ {0}
       /\ Restarts \in BOOLEAN
       /\ Duplication \in BOOLEAN
       /\ Loss \in BOOLEAN

TermBound     == \A i \in Server : currentTerm[i] <= MaxTerm
LogBound      == \A i \in Server : Len(log[i]) <= MaxLogLength
CopiesBound   == \A m \in DOMAIN messages : messages[m] <= MaxCopies
InFlightBound == BagCardinality(messages) <= MaxInFlight

\* The servers that may restart, and a one-element set for each network
\* fault that is switched on (empty when off).
Restarting == IF Restarts THEN Server ELSE {}
Duplicating == IF Duplication THEN {TRUE} ELSE {}
Losing == IF Loss THEN {TRUE} ELSE {}

\* Next, in the same order, with the faults behind their switches.
MCNext ==
  \/ \E i \in Restarting : Restart(i)
  \/ \E i \in Server : Timeout(i)
  \/ \E i, j \in Server : RequestVote(i, j)
  \/ \E i \in Server : BecomeLeader(i)
  \/ \E i \in Server, v \in Value : ClientRequest(i, v)
  \/ \E i \in Server : AdvanceCommitIndex(i)
  \/ \E i, j \in Server : AppendEntries(i, j)
  \/ Receive
  \/ \E on \in Duplicating : DuplicateMessage
  \/ \E on \in Losing : DropMessage

MCSpec == Init /\ [][MCNext]_vars

\* Servers are interchangeable, and so are values: TLC's SYMMETRY for the
\* presets that use it. Every renaming of servers combined with every
\* renaming of values (TLC does not close a set of permutations under
\* composition, so the union of the two sets would not be the whole group).
Symmetry == {p @@ q : p \in Permutations(Server), q \in Permutations(Value)}
=============================================================================
