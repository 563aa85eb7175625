------------------------------ MODULE MCRaftGoals ------------------------------
(***************************************************************************)
(* Witness goals for Raft under the bounds of MCRaft.tla: behaviours the   *)
(* shipped configs must reach between them, so that the invariants are not *)
(* checked vacuously. TLC confirms a state goal G by checking ~G as an     *)
(* invariant, a step goal by checking [][~G]_vars as a property; it must   *)
(* report the violation at the depth the twin reports the witness          *)
(* (src/raft/witnesses.ts).                                                *)
(***************************************************************************)
EXTENDS MCRaft

\* Leaders were elected in two different terms.
TwoElectionsWon == \E e, f \in elections : e.term # f.term

\* A server that has voted in its current term restarts.
RestartAfterVote == \E i \in Server : votedFor[i] # Nil /\ Restart(i)

\* A leader has committed an entry.
EntryCommitted == committed # {}

\* A server leads a term later than one in which an entry was committed.
LeaderAfterCommit ==
  \E c \in committed, l \in Server : state[l] = "Leader" /\ currentTerm[l] > c.by

\* A step shortens some log: a follower removes a conflicting entry.
ConflictRemoved == \E i \in Server : Len(log'[i]) < Len(log[i])

\* A message is received while another copy of it is in flight.
DuplicateDelivered ==
  \E m \in DOMAIN messages : messages[m] >= 2 /\ ReceiveMessage(m)

\* A message is received while one its sender sent the same server earlier
\* (of a lower term: a sender's term never decreases) is still in flight.
DeliveredOutOfOrder ==
  \E m \in DOMAIN messages :
    /\ \E o \in DOMAIN messages :
         o.msource = m.msource /\ o.mdest = m.mdest /\ o.mterm < m.mterm
    /\ ReceiveMessage(m)

\* A response of an earlier term than its recipient's is received (and so
\* dropped by DropStaleResponse).
StaleResponseDropped ==
  \E m \in DOMAIN messages :
    /\ m.mtype \in {"RequestVoteResponse", "AppendEntriesResponse"}
    /\ m.mterm < currentTerm[m.mdest]
    /\ ReceiveMessage(m)

\* A server that knows an entry is committed restarts.
RestartAfterCommit == \E i \in Server : commitIndex[i] >= 1 /\ Restart(i)

\* Two different values are committed at different indexes.
TwoValuesCommitted ==
  \E c, d \in committed : c.index # d.index /\ c.value # d.value
=============================================================================
