---------------------------- MODULE PaxosRefinesVoting ----------------------------
(***************************************************************************)
(* Paxos implements Voting (Voting.tla) under the refinement mapping of    *)
(* Lamport's Paxos proof: the votes of acceptor a are the <<bal, val>>     *)
(* pairs of the 2b messages a has sent, and maxBal is Paxos's own maxBal.  *)
(* Under it, Phase1b is Voting's IncreaseMaxBal, a Phase2b that sends a    *)
(* new 2b message is VoteFor, and every other step (Phase1a, Phase2a, a    *)
(* repeated Phase2b) leaves votes and maxBal as they are: a stutter.       *)
(*                                                                         *)
(* TLC checks RefinesVoting as a temporal property with                    *)
(* PaxosRefinesVoting_a3v2b1.cfg, whose constants are those of             *)
(* MCPaxos_a3v2b1.cfg plus Ballot <- [Voting] MCBallot: Voting's ballots   *)
(* are Nat too, and its Next quantifies over them.                         *)
(*                                                                         *)
(* Twin: src/paxos/refinement.ts (the mapping) and src/voting/ (Voting).   *)
(***************************************************************************)
EXTENDS MCPaxos

\* The mapping: votes[a] is the set of votes a's 2b messages announce.
votes == [a \in Acceptor |->
            {<<m.bal, m.val>> : m \in {mm \in msgs : mm.type = "2b" /\ mm.acc = a}}]

\* Voting with Paxos's constants, maxBal for maxBal and votes for votes.
V == INSTANCE Voting

RefinesVoting == V!Spec

THEOREM Spec => RefinesVoting
=============================================================================
