------------------------------- MODULE RaftZoo -------------------------------
(***************************************************************************)
(* The Raft bug zoo in TLA+. Each variant of the twin (src/raft/variants.ts) *)
(* replaces one rule of the reference (RaftRules in src/raft/actions.ts);   *)
(* here it is the wrong version of the one operator of Raft.tla that       *)
(* applies that rule, named <Variant>_<Operator>, with the same            *)
(* parameters. Raft.tla and MCRaft.tla stay as they are: a TLC config      *)
(* selects a variant with a definition override in its CONSTANTS section,  *)
(* e.g.                                                                    *)
(*                                                                         *)
(*     Restart <- ForgetVoteOnRestart_Restart                              *)
(*                                                                         *)
(* which makes TLC use the wrong operator wherever Raft uses Restart (in   *)
(* Next and MCNext). model-check/tlc/zoo-check.ts writes these configs     *)
(* from each preset's MCRaft config; `npm run tlc:zoo` runs them for the   *)
(* variants a quick preset catches and records TLC's verdicts in           *)
(* golden/zoo.json.                                                        *)
(*                                                                         *)
(* Each wrong operator is a copy of the reference with one change, marked  *)
(* "changed" below. Conventions as in Raft.tla: in a handler, i is the     *)
(* recipient, j the sender and m the message.                              *)
(***************************************************************************)
EXTENDS MCRaft

(***************************************************************************)
(* commit-previous-term (twin rule mayCommit): a leader commits up to the  *)
(* highest index a quorum stores even when the entry there is of an       *)
(* earlier term (the dissertation's Figure 3.7). A later leader may lack   *)
(* such an entry: LeaderCompleteness breaks.                               *)
(***************************************************************************)
CommitPreviousTerm_AdvanceCommitIndex(i) ==
  /\ state[i] = "Leader"
  /\ LET Agree(index) == {i} \cup {k \in Server : matchIndex[i][k] >= index}
         agreed == {index \in 1 .. Len(log[i]) : IsQuorum(Agree(index))}
         highest == CHOOSE index \in agreed : \A other \in agreed : other <= index
         newCommitIndex ==
           IF agreed # {}   \* changed: no /\ log[i][highest].term = currentTerm[i]
           THEN highest
           ELSE commitIndex[i]
     IN /\ commitIndex' = [commitIndex EXCEPT ![i] = newCommitIndex]
        /\ committed' =
             committed \cup
               {[index |-> k, term |-> log[i][k].term,
                 value |-> log[i][k].value, by |-> currentTerm[i]] :
                  k \in commitIndex[i] + 1 .. newCommitIndex}
  /\ UNCHANGED <<serverVars, candidateVars, leaderVars, log, messages,
                 elections>>

(***************************************************************************)
(* vote-without-log-check (twin rule candidateLogOk): i grants its vote    *)
(* without checking that j's log is at least as up to date as its own. A   *)
(* leader may then lack a committed entry: LeaderCompleteness breaks.      *)
(***************************************************************************)
VoteWithoutLogCheck_HandleRequestVoteRequest(i, j, m) ==
  LET grant == /\ m.mterm = currentTerm[i]
               \* changed: no /\ logOk
               /\ votedFor[i] \in {Nil, j}
  IN /\ m.mterm <= currentTerm[i]
     /\ votedFor' = [votedFor EXCEPT ![i] = IF grant THEN j ELSE @]
     /\ Reply([mtype        |-> "RequestVoteResponse",
               mterm        |-> currentTerm[i],
               mvoteGranted |-> grant,
               msource      |-> i,
               mdest        |-> j],
              m)
     /\ UNCHANGED <<currentTerm, state, candidateVars, leaderVars, logVars,
                    historyVars>>

(***************************************************************************)
(* truncate-on-append (twin rule logOnAcknowledge): a follower that        *)
(* acknowledges m cuts its log after m's entries, even when the entries   *)
(* after them already matched the leader's. It can drop a committed       *)
(* entry, and a leader elected by it lacks it: LeaderCompleteness breaks.  *)
(***************************************************************************)
TruncateOnAppend_HandleAppendEntriesRequest(i, j, m) ==
  /\ m.mterm <= currentTerm[i]
  /\ \/ \* refuse
        /\ \/ m.mterm < currentTerm[i]
           \/ /\ m.mterm = currentTerm[i]
              /\ state[i] = "Follower"
              /\ ~AppendEntriesLogOk(i, m)
        /\ Reply([mtype       |-> "AppendEntriesResponse",
                  mterm       |-> currentTerm[i],
                  msuccess    |-> FALSE,
                  mmatchIndex |-> 0,
                  msource     |-> i,
                  mdest       |-> j],
                 m)
        /\ UNCHANGED <<serverVars, logVars>>
     \/ \* a candidate of the same term steps down
        /\ m.mterm = currentTerm[i]
        /\ state[i] = "Candidate"
        /\ state' = [state EXCEPT ![i] = "Follower"]
        /\ UNCHANGED <<currentTerm, votedFor, logVars, messages>>
     \/ \* a follower of the same term accepts
        /\ m.mterm = currentTerm[i]
        /\ state[i] = "Follower"
        /\ AppendEntriesLogOk(i, m)
        /\ LET index == m.mprevLogIndex + 1
               hasEntries ==
                 IF m.mentries = << >> THEN TRUE
                 ELSE /\ Len(log[i]) >= index
                      /\ log[i][index].term = m.mentries[1].term
               keep == m.mprevLogIndex + Len(m.mentries)
           IN \/ \* i has m's entries (if any): acknowledge, learn commitIndex
                 /\ hasEntries
                 /\ commitIndex' = [commitIndex EXCEPT ![i] = m.mcommitIndex]
                 \* changed: the log is cut after m's entries (it stayed as it was)
                 /\ log' = [log EXCEPT ![i] = IF Len(@) > keep THEN SubSeq(@, 1, keep) ELSE @]
                 /\ Reply([mtype       |-> "AppendEntriesResponse",
                           mterm       |-> currentTerm[i],
                           msuccess    |-> TRUE,
                           mmatchIndex |-> m.mprevLogIndex + Len(m.mentries),
                           msource     |-> i,
                           mdest       |-> j],
                          m)
                 /\ UNCHANGED serverVars   \* changed: log is no longer unchanged
              \/ \* i's entry at index conflicts: remove i's last entry
                 /\ m.mentries # << >>
                 /\ Len(log[i]) >= index
                 /\ log[i][index].term # m.mentries[1].term
                 /\ log' = [log EXCEPT ![i] = SubSeq(@, 1, Len(@) - 1)]
                 /\ UNCHANGED <<serverVars, commitIndex, messages>>
              \/ \* i's log ends just before m's entry: append it
                 /\ m.mentries # << >>
                 /\ Len(log[i]) = m.mprevLogIndex
                 /\ log' = [log EXCEPT ![i] = Append(@, m.mentries[1])]
                 /\ UNCHANGED <<serverVars, commitIndex, messages>>
  /\ UNCHANGED <<candidateVars, leaderVars, historyVars>>

(***************************************************************************)
(* forget-vote-on-restart (twin rule voteAfterRestart): a restarted server *)
(* has forgotten whom it voted for and may vote again in the same term.   *)
(* Two candidates can then win one term: ElectionSafety breaks.            *)
(***************************************************************************)
ForgetVoteOnRestart_Restart(i) ==
  /\ state' = [state EXCEPT ![i] = "Follower"]
  /\ votedFor' = [votedFor EXCEPT ![i] = Nil]   \* changed: votedFor was kept
  /\ votesResponded' = [votesResponded EXCEPT ![i] = {}]
  /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
  /\ nextIndex' = [nextIndex EXCEPT ![i] = [j \in Server |-> 1]]
  /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
  /\ commitIndex' = [commitIndex EXCEPT ![i] = 0]
  /\ UNCHANGED <<currentTerm, log, messages, historyVars>>   \* changed: no votedFor

(***************************************************************************)
(* count-stale-votes (twin rule talliesVoteResponse): a candidate counts a *)
(* vote response of an earlier term towards its current election. A vote  *)
(* given in one term then helps win another: ElectionSafety breaks.        *)
(*                                                                         *)
(* In Raft.tla a response of an earlier term can also be dropped           *)
(* (DropStaleResponse), which this variant leaves as it is; the twin       *)
(* handles such a response with HandleRequestVoteResponse only. So TLC has *)
(* one more successor for each stale response: the same behaviours to the  *)
(* violation and more, which can only make its counterexample shorter.     *)
(***************************************************************************)
CountStaleVotes_HandleRequestVoteResponse(i, j, m) ==
  /\ m.mterm <= currentTerm[i]   \* changed: = currentTerm[i]
  /\ votesResponded' = [votesResponded EXCEPT ![i] = @ \cup {j}]
  /\ votesGranted' = [votesGranted EXCEPT ![i] =
                        IF m.mvoteGranted THEN @ \cup {j} ELSE @]
  /\ Discard(m)
  /\ UNCHANGED <<serverVars, leaderVars, logVars, historyVars>>

(***************************************************************************)
(* keep-earlier-votes (twin rule keepsVotesOnTimeout): a candidate that    *)
(* times out again keeps the votes it was granted in its earlier election. *)
(* Votes of one term then win another, where the voters may vote again:    *)
(* ElectionSafety breaks.                                                  *)
(***************************************************************************)
KeepEarlierVotes_Timeout(i) ==
  /\ state[i] \in {"Follower", "Candidate"}
  /\ currentTerm' = [currentTerm EXCEPT ![i] = @ + 1]
  /\ state' = [state EXCEPT ![i] = "Candidate"]
  /\ votedFor' = [votedFor EXCEPT ![i] = Nil]
  \* changed: votesResponded and votesGranted are not reset to {}
  /\ UNCHANGED <<logVars, leaderVars, messages, historyVars, candidateVars>>   \* changed: candidateVars

(***************************************************************************)
(* accept-older-leader (twin rule acceptsAppendRequest): a follower takes  *)
(* an AppendEntries request of an earlier term as from the leader of its   *)
(* current term instead of refusing it. The old leader's entry can replace *)
(* one the follower knows is committed: CommitIndexInLog breaks.           *)
(***************************************************************************)
AcceptOlderLeader_HandleAppendEntriesRequest(i, j, m) ==
  /\ m.mterm <= currentTerm[i]
  /\ \/ \* refuse
        /\ \/ /\ m.mterm < currentTerm[i]
              /\ state[i] # "Follower"   \* changed: a follower does not refuse it
           \/ /\ m.mterm <= currentTerm[i]   \* changed: = currentTerm[i]
              /\ state[i] = "Follower"
              /\ ~AppendEntriesLogOk(i, m)
        /\ Reply([mtype       |-> "AppendEntriesResponse",
                  mterm       |-> currentTerm[i],
                  msuccess    |-> FALSE,
                  mmatchIndex |-> 0,
                  msource     |-> i,
                  mdest       |-> j],
                 m)
        /\ UNCHANGED <<serverVars, logVars>>
     \/ \* a candidate of the same term steps down
        /\ m.mterm = currentTerm[i]
        /\ state[i] = "Candidate"
        /\ state' = [state EXCEPT ![i] = "Follower"]
        /\ UNCHANGED <<currentTerm, votedFor, logVars, messages>>
     \/ \* a follower of the same term accepts
        /\ m.mterm <= currentTerm[i]   \* changed: = currentTerm[i]
        /\ state[i] = "Follower"
        /\ AppendEntriesLogOk(i, m)
        /\ LET index == m.mprevLogIndex + 1
               hasEntries ==
                 IF m.mentries = << >> THEN TRUE
                 ELSE /\ Len(log[i]) >= index
                      /\ log[i][index].term = m.mentries[1].term
           IN \/ \* i has m's entries (if any): acknowledge, learn commitIndex
                 /\ hasEntries
                 /\ commitIndex' = [commitIndex EXCEPT ![i] = m.mcommitIndex]
                 /\ Reply([mtype       |-> "AppendEntriesResponse",
                           mterm       |-> currentTerm[i],
                           msuccess    |-> TRUE,
                           mmatchIndex |-> m.mprevLogIndex + Len(m.mentries),
                           msource     |-> i,
                           mdest       |-> j],
                          m)
                 /\ UNCHANGED <<serverVars, log>>
              \/ \* i's entry at index conflicts: remove i's last entry
                 /\ m.mentries # << >>
                 /\ Len(log[i]) >= index
                 /\ log[i][index].term # m.mentries[1].term
                 /\ log' = [log EXCEPT ![i] = SubSeq(@, 1, Len(@) - 1)]
                 /\ UNCHANGED <<serverVars, commitIndex, messages>>
              \/ \* i's log ends just before m's entry: append it
                 /\ m.mentries # << >>
                 /\ Len(log[i]) = m.mprevLogIndex
                 /\ log' = [log EXCEPT ![i] = Append(@, m.mentries[1])]
                 /\ UNCHANGED <<serverVars, commitIndex, messages>>
  /\ UNCHANGED <<candidateVars, leaderVars, historyVars>>

(***************************************************************************)
(* log-not-persisted (twin rule logAfterRestart): a restarted server has   *)
(* lost its log, though it acknowledged the entries as stored. A leader   *)
(* that restarts loses entries of its own log: LeaderAppendOnly breaks.   *)
(***************************************************************************)
LogNotPersisted_Restart(i) ==
  /\ state' = [state EXCEPT ![i] = "Follower"]
  /\ log' = [log EXCEPT ![i] = << >>]   \* changed: log was kept
  /\ votesResponded' = [votesResponded EXCEPT ![i] = {}]
  /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
  /\ nextIndex' = [nextIndex EXCEPT ![i] = [j \in Server |-> 1]]
  /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
  /\ commitIndex' = [commitIndex EXCEPT ![i] = 0]
  /\ UNCHANGED <<currentTerm, votedFor, messages, historyVars>>   \* changed: no log
=============================================================================
