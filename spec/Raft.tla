-------------------------------- MODULE Raft --------------------------------
(***************************************************************************)
(* The Raft consensus algorithm (Ongaro and Ousterhout), safety core:      *)
(* leader election and log replication, as formulated in the TLA+ spec of  *)
(* Diego Ongaro's dissertation "Consensus: Bridging Theory and Practice"   *)
(* (Stanford, 2014). Written anew for tla-twin; it follows that spec's     *)
(* variables, actions and atomicity, with three differences:               *)
(*                                                                         *)
(* - messages is a bag in the sense of the standard Bags module: a message *)
(*   whose last copy is received or dropped leaves DOMAIN messages (in the *)
(*   dissertation's spec it stays there with count 0 and can still be      *)
(*   received).                                                            *)
(* - Receive, DuplicateMessage and DropMessage choose their message m      *)
(*   themselves (\E m \in DOMAIN messages inside the action). TLC names a  *)
(*   step after the operator around such a state-dependent \E, so its      *)
(*   traces read "Receive" rather than "Next line ...". In the twin, m is  *)
(*   the action's witness. Receive's cases are the operator                *)
(*   ReceiveMessage(m), so that a property can name the step that handles  *)
(*   a given message.                                                      *)
(* - Two history variables, elections and committed, record every          *)
(*   election won and every entry a leader commits. No action reads them   *)
(*   except to add a record, so they change no behaviour of the other      *)
(*   variables (the dissertation's spec keeps an elections history too).   *)
(*   They are there so that ElectionSafety, LeaderCompleteness and         *)
(*   StateMachineSafety can speak of the whole past: over the current      *)
(*   state alone they miss a leader that has stepped down, or an entry     *)
(*   whose committing leader has restarted.                                *)
(*                                                                         *)
(* Not modelled: membership changes, log compaction (snapshots), client    *)
(* sessions, and liveness (timeouts are unconstrained, so nothing forces   *)
(* progress). Messages can be lost, duplicated and reordered; servers can  *)
(* restart, keeping only what Raft keeps on stable storage.                *)
(*                                                                         *)
(* Conventions: in an action, i is the server that acts and j its peer; in *)
(* a message handler, i is the recipient (m.mdest), j the sender           *)
(* (m.msource) and m the message.                                          *)
(*                                                                         *)
(* Twin: src/raft/. Each action and handler below is one function there,   *)
(* tagged @tla Raft!<Name>. Bounds for model checking live in MCRaft.tla.  *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, Bags

CONSTANTS
  Server,    \* the servers (model values s1, s2, ...)
  Value,     \* the values clients ask to append to the log (v1, v2, ...)
  Nil        \* stands for "no server" in votedFor

ASSUME /\ Server # {}
       /\ Value # {}
       /\ Nil \notin Server

VARIABLES
  currentTerm,    \* currentTerm[i]: the latest term server i has seen
  state,          \* state[i]: "Follower", "Candidate" or "Leader"
  votedFor,       \* votedFor[i]: whom i voted for in currentTerm[i], or Nil
  log,            \* log[i]: i's log, a sequence of [term |-> t, value |-> v]
  commitIndex,    \* commitIndex[i]: the highest index i knows is committed
  votesResponded, \* votesResponded[i]: who answered candidate i this term
  votesGranted,   \* votesGranted[i]: who voted for candidate i this term
  nextIndex,      \* nextIndex[i][j]: the next index leader i sends to j
  matchIndex,     \* matchIndex[i][j]: how far leader i knows j's log agrees
  messages,       \* the messages in flight: messages[m] copies of m
  elections,      \* history: [term |-> t, leader |-> i] for each election won
  committed       \* history: [index, term, value, by] for each entry committed

\* What survives a restart (currentTerm, votedFor, log) and what does not.
serverVars    == <<currentTerm, state, votedFor>>
candidateVars == <<votesResponded, votesGranted>>
leaderVars    == <<nextIndex, matchIndex>>
logVars       == <<log, commitIndex>>
\* Written only by BecomeLeader and AdvanceCommitIndex, read by no action.
historyVars   == <<elections, committed>>
vars == <<currentTerm, state, votedFor, log, commitIndex,
          votesResponded, votesGranted, nextIndex, matchIndex, messages,
          elections, committed>>

-----------------------------------------------------------------------------
(* Helpers.                                                                *)

Min(a, b) == IF a < b THEN a ELSE b
Max(a, b) == IF a < b THEN b ELSE a

\* A quorum is a strict majority; any two quorums share a server.
IsQuorum(S) == 2 * Cardinality(S) > Cardinality(Server)

\* The term of a log's last entry; 0 for the empty log.
LastTerm(xlog) == IF xlog = << >> THEN 0 ELSE xlog[Len(xlog)].term

\* The network. Sending adds a copy of a message, receiving or losing one
\* removes a copy; a reply consumes the request and sends the response in
\* one step.
Send(m)    == messages' = messages (+) SetToBag({m})
Discard(m) == messages' = messages (-) SetToBag({m})
Reply(response, request) ==
  messages' = (messages (-) SetToBag({request})) (+) SetToBag({response})

-----------------------------------------------------------------------------
(* Types.                                                                  *)

Entry == [term : Nat, value : Value]

\* The four kinds of message. An AppendEntries request carries at most one
\* entry (see AppendEntries).
RequestVoteRequest ==
  [mtype : {"RequestVoteRequest"}, mterm : Nat, mlastLogTerm : Nat,
   mlastLogIndex : Nat, msource : Server, mdest : Server]
RequestVoteResponse ==
  [mtype : {"RequestVoteResponse"}, mterm : Nat, mvoteGranted : BOOLEAN,
   msource : Server, mdest : Server]
AppendEntriesRequest ==
  [mtype : {"AppendEntriesRequest"}, mterm : Nat, mprevLogIndex : Nat,
   mprevLogTerm : Nat, mentries : Seq(Entry), mcommitIndex : Nat,
   msource : Server, mdest : Server]
AppendEntriesResponse ==
  [mtype : {"AppendEntriesResponse"}, mterm : Nat, msuccess : BOOLEAN,
   mmatchIndex : Nat, msource : Server, mdest : Server]
Message == RequestVoteRequest \cup RequestVoteResponse
             \cup AppendEntriesRequest \cup AppendEntriesResponse

\* Every variable holds a value of its type.
TypeOK ==
  /\ currentTerm \in [Server -> Nat \ {0}]
  /\ state \in [Server -> {"Follower", "Candidate", "Leader"}]
  /\ votedFor \in [Server -> Server \cup {Nil}]
  /\ log \in [Server -> Seq(Entry)]
  /\ commitIndex \in [Server -> Nat]
  /\ votesResponded \in [Server -> SUBSET Server]
  /\ votesGranted \in [Server -> SUBSET Server]
  /\ nextIndex \in [Server -> [Server -> Nat \ {0}]]
  /\ matchIndex \in [Server -> [Server -> Nat]]
  /\ IsABag(messages)
  /\ \A m \in DOMAIN messages :
        /\ m \in Message
        /\ m.mtype = "AppendEntriesRequest" => Len(m.mentries) <= 1
  /\ \A e \in elections : e \in [term : Nat \ {0}, leader : Server]
  /\ \A r \in committed :
        r \in [index : Nat \ {0}, term : Nat, value : Value, by : Nat \ {0}]

-----------------------------------------------------------------------------
(* The initial state: every server a follower in term 1 with an empty log, *)
(* no vote cast and nothing in flight.                                     *)

Init ==
  /\ currentTerm = [i \in Server |-> 1]
  /\ state = [i \in Server |-> "Follower"]
  /\ votedFor = [i \in Server |-> Nil]
  /\ log = [i \in Server |-> << >>]
  /\ commitIndex = [i \in Server |-> 0]
  /\ votesResponded = [i \in Server |-> {}]
  /\ votesGranted = [i \in Server |-> {}]
  /\ nextIndex = [i \in Server |-> [j \in Server |-> 1]]
  /\ matchIndex = [i \in Server |-> [j \in Server |-> 0]]
  /\ messages = EmptyBag
  /\ elections = {}
  /\ committed = {}

-----------------------------------------------------------------------------
(* Actions of a server on its own.                                         *)

\* Server i crashes and comes back. It keeps what Raft puts on stable
\* storage (currentTerm, votedFor, log) and loses the rest.
Restart(i) ==
  /\ state' = [state EXCEPT ![i] = "Follower"]
  /\ votesResponded' = [votesResponded EXCEPT ![i] = {}]
  /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
  /\ nextIndex' = [nextIndex EXCEPT ![i] = [j \in Server |-> 1]]
  /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
  /\ commitIndex' = [commitIndex EXCEPT ![i] = 0]
  /\ UNCHANGED <<currentTerm, votedFor, log, messages, historyVars>>

\* Follower or candidate i hears from no leader for too long and starts an
\* election in the next term. It asks for its own vote by message, like
\* anyone else's.
Timeout(i) ==
  /\ state[i] \in {"Follower", "Candidate"}
  /\ currentTerm' = [currentTerm EXCEPT ![i] = @ + 1]
  /\ state' = [state EXCEPT ![i] = "Candidate"]
  /\ votedFor' = [votedFor EXCEPT ![i] = Nil]
  /\ votesResponded' = [votesResponded EXCEPT ![i] = {}]
  /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
  /\ UNCHANGED <<logVars, leaderVars, messages, historyVars>>

\* Candidate i asks j (possibly itself) for its vote, until j has answered.
RequestVote(i, j) ==
  /\ state[i] = "Candidate"
  /\ j \notin votesResponded[i]
  /\ Send([mtype         |-> "RequestVoteRequest",
           mterm         |-> currentTerm[i],
           mlastLogTerm  |-> LastTerm(log[i]),
           mlastLogIndex |-> Len(log[i]),
           msource       |-> i,
           mdest         |-> j])
  /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars, historyVars>>

\* Candidate i has the votes of a quorum and becomes leader. It starts by
\* offering each follower the entry after its own last one. The history
\* records that i won the election of its current term.
BecomeLeader(i) ==
  /\ state[i] = "Candidate"
  /\ IsQuorum(votesGranted[i])
  /\ state' = [state EXCEPT ![i] = "Leader"]
  /\ nextIndex' = [nextIndex EXCEPT ![i] = [j \in Server |-> Len(log[i]) + 1]]
  /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
  /\ elections' = elections \cup {[term |-> currentTerm[i], leader |-> i]}
  /\ UNCHANGED <<currentTerm, votedFor, candidateVars, logVars, messages,
                 committed>>

\* Leader i accepts value v from a client and appends it to its log.
ClientRequest(i, v) ==
  /\ state[i] = "Leader"
  /\ log' = [log EXCEPT ![i] = Append(@, [term |-> currentTerm[i], value |-> v])]
  /\ UNCHANGED <<serverVars, candidateVars, leaderVars, commitIndex, messages,
                 historyVars>>

\* Leader i commits up to the highest index that a quorum (i included)
\* stores, provided the entry there is from i's current term: counting
\* replicas of an older term's entry is not enough (dissertation, 3.6.2).
\* A separate step, so that a one-server cluster can commit too. The
\* history records each index the step newly commits (none when
\* commitIndex[i] does not grow), with its entry and i's current term.
AdvanceCommitIndex(i) ==
  /\ state[i] = "Leader"
  /\ LET \* the servers whose logs agree with i's up to index
         Agree(index) == {i} \cup {k \in Server : matchIndex[i][k] >= index}
         agreed == {index \in 1 .. Len(log[i]) : IsQuorum(Agree(index))}
         highest == CHOOSE index \in agreed : \A other \in agreed : other <= index
         newCommitIndex ==
           IF agreed # {} /\ log[i][highest].term = currentTerm[i]
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

\* Leader i sends j the entry at nextIndex[i][j], if it has one (at most one
\* entry per message keeps steps small), with the index and term of the
\* entry before it, and as much of its commitIndex as the message covers.
AppendEntries(i, j) ==
  /\ i # j
  /\ state[i] = "Leader"
  /\ LET prevLogIndex == nextIndex[i][j] - 1
         prevLogTerm == IF prevLogIndex > 0 THEN log[i][prevLogIndex].term ELSE 0
         lastEntry == Min(Len(log[i]), nextIndex[i][j])
     IN Send([mtype         |-> "AppendEntriesRequest",
              mterm         |-> currentTerm[i],
              mprevLogIndex |-> prevLogIndex,
              mprevLogTerm  |-> prevLogTerm,
              mentries      |-> SubSeq(log[i], nextIndex[i][j], lastEntry),
              mcommitIndex  |-> Min(commitIndex[i], lastEntry),
              msource       |-> i,
              mdest         |-> j])
  /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars, historyVars>>

-----------------------------------------------------------------------------
(* Message handlers: i = recipient, j = sender, m = the message.           *)

\* A message from a later term first moves i to that term as a follower
\* that has not voted; m stays in flight to be handled next.
UpdateTerm(i, j, m) ==
  /\ m.mterm > currentTerm[i]
  /\ currentTerm' = [currentTerm EXCEPT ![i] = m.mterm]
  /\ state' = [state EXCEPT ![i] = "Follower"]
  /\ votedFor' = [votedFor EXCEPT ![i] = Nil]
  /\ UNCHANGED <<candidateVars, leaderVars, logVars, messages, historyVars>>

\* A response from an earlier term is of no use: i drops it.
DropStaleResponse(i, j, m) ==
  /\ m.mterm < currentTerm[i]
  /\ Discard(m)
  /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars, historyVars>>

\* i answers a vote request from candidate j. It grants its vote if the
\* request is from its current term, j's log is at least as up to date as
\* its own (a later last term, or the same last term and at least as long),
\* and it has not voted for anyone else in this term.
HandleRequestVoteRequest(i, j, m) ==
  LET logOk == \/ m.mlastLogTerm > LastTerm(log[i])
               \/ /\ m.mlastLogTerm = LastTerm(log[i])
                  /\ m.mlastLogIndex >= Len(log[i])
      grant == /\ m.mterm = currentTerm[i]
               /\ logOk
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

\* i tallies j's answer to its vote request of the current term. (It does so
\* even if it is no longer a candidate; the tally is then never read.)
HandleRequestVoteResponse(i, j, m) ==
  /\ m.mterm = currentTerm[i]
  /\ votesResponded' = [votesResponded EXCEPT ![i] = @ \cup {j}]
  /\ votesGranted' = [votesGranted EXCEPT ![i] =
                        IF m.mvoteGranted THEN @ \cup {j} ELSE @]
  /\ Discard(m)
  /\ UNCHANGED <<serverVars, leaderVars, logVars, historyVars>>

\* Whether i's log has the entry that precedes m's entries.
AppendEntriesLogOk(i, m) ==
  \/ m.mprevLogIndex = 0
  \/ /\ m.mprevLogIndex > 0
     /\ m.mprevLogIndex <= Len(log[i])
     /\ m.mprevLogTerm = log[i][m.mprevLogIndex].term

\* i answers an AppendEntries request from leader j. The request is refused
\* if it is from an earlier term or does not fit i's log; a candidate of the
\* same term learns that j won and becomes a follower first; a follower
\* whose log fits takes one step towards holding m's entries: it
\* acknowledges them once it has them, otherwise removes its last entry if
\* that entry conflicts with them, or appends m's entry if its log ends just
\* before it. In the last two cases m stays in flight for the next step.
HandleAppendEntriesRequest(i, j, m) ==
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

\* Leader i learns how j answered its AppendEntries request of the current
\* term: on success, how far j's log now agrees with i's; on refusal, i
\* will try the entry before.
HandleAppendEntriesResponse(i, j, m) ==
  /\ m.mterm = currentTerm[i]
  /\ IF m.msuccess
     THEN /\ nextIndex' = [nextIndex EXCEPT ![i][j] = m.mmatchIndex + 1]
          /\ matchIndex' = [matchIndex EXCEPT ![i][j] = m.mmatchIndex]
     ELSE /\ nextIndex' = [nextIndex EXCEPT ![i][j] = Max(@ - 1, 1)]
          /\ UNCHANGED matchIndex
  /\ Discard(m)
  /\ UNCHANGED <<serverVars, candidateVars, logVars, historyVars>>

\* Message m, in flight, reaches its destination, which handles it. The
\* cases exclude one another: at most one of them applies to a given m.
ReceiveMessage(m) ==
  LET i == m.mdest
      j == m.msource
  IN \/ UpdateTerm(i, j, m)
     \/ /\ m.mtype = "RequestVoteRequest"
        /\ HandleRequestVoteRequest(i, j, m)
     \/ /\ m.mtype = "RequestVoteResponse"
        /\ \/ DropStaleResponse(i, j, m)
           \/ HandleRequestVoteResponse(i, j, m)
     \/ /\ m.mtype = "AppendEntriesRequest"
        /\ HandleAppendEntriesRequest(i, j, m)
     \/ /\ m.mtype = "AppendEntriesResponse"
        /\ \/ DropStaleResponse(i, j, m)
           \/ HandleAppendEntriesResponse(i, j, m)

\* Some message in flight is received.
Receive == \E m \in DOMAIN messages : ReceiveMessage(m)

-----------------------------------------------------------------------------
(* Faults of the network.                                                  *)

\* The network delivers one more copy of some message in flight.
DuplicateMessage ==
  \E m \in DOMAIN messages :
    /\ Send(m)
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars,
                   historyVars>>

\* The network loses one copy of some message in flight.
DropMessage ==
  \E m \in DOMAIN messages :
    /\ Discard(m)
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars,
                   historyVars>>

-----------------------------------------------------------------------------

Next ==
  \/ \E i \in Server : Restart(i)
  \/ \E i \in Server : Timeout(i)
  \/ \E i, j \in Server : RequestVote(i, j)
  \/ \E i \in Server : BecomeLeader(i)
  \/ \E i \in Server, v \in Value : ClientRequest(i, v)
  \/ \E i \in Server : AdvanceCommitIndex(i)
  \/ \E i, j \in Server : AppendEntries(i, j)
  \/ Receive
  \/ DuplicateMessage
  \/ DropMessage

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants. "i knows index k is committed" means k <= commitIndex[i]    *)
(* and k <= Len(log[i]). ElectionSafety, LeaderCompleteness and            *)
(* StateMachineSafety are stated over the history variables, so they       *)
(* compare what happened at any two moments, not only what two servers     *)
(* hold at once.                                                           *)

\* No term has two winners: a candidate needs the votes of a quorum, any two
\* quorums share a server, and a server votes at most once per term (its
\* vote survives restarts). Stated over every election ever won, so a
\* leader that has stepped down still counts.
ElectionSafety ==
  \A e, f \in elections : e.term = f.term => e.leader = f.leader

\* Two logs with an entry of the same term at the same index are equal up to
\* that index: a leader creates at most one entry per index in its term, and
\* a follower appends an entry only after the one before it matched.
LogMatching ==
  \A i, j \in Server :
    \A k \in 1 .. Min(Len(log[i]), Len(log[j])) :
      log[i][k].term = log[j][k].term =>
        SubSeq(log[i], 1, k) = SubSeq(log[j], 1, k)

\* Every committed entry is in the log of every leader of a term after the
\* one whose leader committed it (r.by). Of a later term only: a leader of an
\* earlier term may have led before the entry existed, and the one leader of
\* term r.by (ElectionSafety) committed the entry from its own log. Leaders
\* only: any other server of a later term (a follower that lags, a candidate
\* that will lose) may not have received the entry yet. A later leader has
\* it from the moment it wins: the entry was on a quorum when committed,
\* and a voter of the later election that held it voted only for a log at
\* least as up to date, which holds the entry too; and it keeps it for as
\* long as it leads, since a leader only appends (LeaderAppendOnly).
LeaderCompleteness ==
  \A r \in committed :
    \A l \in Server :
      (state[l] = "Leader" /\ currentTerm[l] > r.by) =>
        /\ Len(log[l]) >= r.index
        /\ log[l][r.index] = [term |-> r.term, value |-> r.value]

\* No index is ever committed with two different entries: a leader commits
\* only entries of its own log, and each later leader holds every entry
\* committed before (LeaderCompleteness), at the same index, and never
\* replaces it (LeaderAppendOnly).
CommittedEntriesAgree ==
  \A r, q \in committed :
    r.index = q.index => r.term = q.term /\ r.value = q.value

\* What a server knows to be committed was committed: a leader's commitIndex
\* covers only what it committed itself or learned as a follower, and a
\* follower learns a commitIndex only from a leader whose log it matches up
\* to that index.
KnownCommittedAreCommitted ==
  \A i \in Server :
    \A k \in 1 .. Min(commitIndex[i], Len(log[i])) :
      \E r \in committed :
        /\ r.index = k
        /\ r.term = log[i][k].term
        /\ r.value = log[i][k].value

\* Servers never apply different entries at one index: each knows only
\* committed entries, and committed entries at one index agree.
StateMachineSafety == CommittedEntriesAgree /\ KnownCommittedAreCommitted

\* A server only knows entries it has to be committed: a leader commits
\* entries of its own log, a follower learns a commitIndex that covers only
\* entries it just acknowledged, and a committed entry is never removed.
CommitIndexInLog ==
  \A i \in Server : commitIndex[i] <= Len(log[i])

\* Leaders only append to their logs: a step that starts with i as leader
\* keeps i's log as a prefix of its new log.
LeaderAppendsOnly ==
  \A i \in Server :
    state[i] = "Leader" =>
      /\ Len(log'[i]) >= Len(log[i])
      /\ SubSeq(log'[i], 1, Len(log[i])) = log[i]

LeaderAppendOnly == [][LeaderAppendsOnly]_vars

=============================================================================
