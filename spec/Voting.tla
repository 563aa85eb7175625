-------------------------------- MODULE Voting --------------------------------
(***************************************************************************)
(* The voting algorithm that single-decree Paxos implements, after the     *)
(* Voting spec Lamport wrote for his Paxos proof (tlaplus/Examples,        *)
(* specifications/Paxos), restated in this project's layout. Nobody sends *)
(* messages here and there are no leaders: an acceptor reads the whole     *)
(* state and casts a vote <<b, v>> (value v in ballot b) in one step. Two  *)
(* rules keep the chosen value unique: an acceptor never votes in a ballot *)
(* below maxBal[a], the ballot it has moved on to; and it votes for v in b *)
(* only if nobody voted for another value in b and some quorum shows that  *)
(* no value but v can be chosen below b.                                   *)
(*                                                                         *)
(* Paxos refines it: PaxosRefinesVoting.tla maps the 2b messages of each   *)
(* acceptor to its votes and keeps maxBal as it is.                        *)
(*                                                                         *)
(* Ballots are all of Nat; a TLC config bounds them by overriding Ballot   *)
(* in this module (Ballot <- [Voting] MCBallot). No bounds live here.      *)
(*                                                                         *)
(* Twin: src/voting/. Each action below is one function there, tagged      *)
(* @tla Voting!<Action>; acceptors are the model values a1, a2, ... and    *)
(* values v1, v2, ...                                                      *)
(***************************************************************************)
EXTENDS Integers

CONSTANTS Value,     \* the values that may be chosen
          Acceptor,  \* the acceptors, who vote
          Quorum     \* the sets of acceptors whose votes choose a value

\* Quorums are sets of acceptors, and any two of them share an acceptor.
ASSUME QuorumAssumption ==
         /\ \A Q \in Quorum : Q \subseteq Acceptor
         /\ \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}

\* Ballot numbers. Only their order matters; -1 below stands for "none yet".
Ballot == Nat

VARIABLES
  votes,    \* votes[a]: the set of votes <<b, v>> acceptor a has cast
  maxBal    \* maxBal[a]: a will not vote in a ballot below this one, or -1

vars == <<votes, maxBal>>

TypeOK == /\ votes \in [Acceptor -> SUBSET (Ballot \X Value)]
          /\ maxBal \in [Acceptor -> Ballot \cup {-1}]

(***************************************************************************)
(* What the votes say. Parameter conventions: a is an acceptor, b and c   *)
(* are ballots, v is a value, Q is a quorum.                              *)
(***************************************************************************)
\* Acceptor a has voted for v in ballot b.
VotedFor(a, b, v) == <<b, v>> \in votes[a]

\* Every acceptor of some quorum has voted for v in ballot b.
ChosenAt(b, v) == \E Q \in Quorum : \A a \in Q : VotedFor(a, b, v)

\* The values chosen in some ballot.
chosen == {v \in Value : \E b \in Ballot : ChosenAt(b, v)}

\* Acceptor a has cast no vote in ballot b.
DidNotVoteAt(a, b) == \A v \in Value : ~ VotedFor(a, b, v)

\* Acceptor a has not voted in b and never will: it has moved past b.
CannotVoteAt(a, b) == /\ maxBal[a] > b
                      /\ DidNotVoteAt(a, b)

\* No value other than v is or can ever become chosen in ballot b: some
\* quorum consists of acceptors that voted for v in b or cannot vote in b.
NoneOtherChoosableAt(b, v) ==
  \E Q \in Quorum : \A a \in Q : VotedFor(a, b, v) \/ CannotVoteAt(a, b)

\* No value other than v is or can ever become chosen in any ballot below b.
SafeAt(b, v) == \A c \in 0..(b - 1) : NoneOtherChoosableAt(c, v)

\* What a leader can learn from quorum Q that makes v safe at b: every
\* acceptor of Q has moved on to b or beyond, and for some ballot c below b
\* (or c = -1, no ballot) some acceptor of Q voted for v in c, while no
\* acceptor of Q voted in a ballot strictly between c and b.
ShowsSafeAt(Q, b, v) ==
  /\ \A a \in Q : maxBal[a] >= b
  /\ \E c \in -1..(b - 1) :
       /\ (c # -1) => \E voter \in Q : VotedFor(voter, c, v)
       /\ \A d \in (c + 1)..(b - 1), a \in Q : DidNotVoteAt(a, d)

Init == /\ votes = [a \in Acceptor |-> {}]
        /\ maxBal = [a \in Acceptor |-> -1]

(***************************************************************************)
(* Actions.                                                                *)
(***************************************************************************)
\* Acceptor a moves on to ballot b, higher than any it has moved on to:
\* from now on it votes in no ballot below b.
IncreaseMaxBal(a, b) == /\ b > maxBal[a]
                        /\ maxBal' = [maxBal EXCEPT ![a] = b]
                        /\ UNCHANGED votes

\* Acceptor a votes for v in ballot b. It has not moved past b and has not
\* voted in b; every vote cast in b by another acceptor is for v (so a
\* ballot has one value); and some quorum shows v safe at b. Voting in b
\* also moves a on to b.
VoteFor(a, b, v) ==
  /\ maxBal[a] <= b
  /\ \A vt \in votes[a] : vt[1] # b
  /\ \A other \in Acceptor \ {a} :
       \A vt \in votes[other] : (vt[1] = b) => (vt[2] = v)
  /\ \E Q \in Quorum : ShowsSafeAt(Q, b, v)
  /\ votes' = [votes EXCEPT ![a] = votes[a] \cup {<<b, v>>}]
  /\ maxBal' = [maxBal EXCEPT ![a] = b]

Next == \E a \in Acceptor, b \in Ballot :
          \/ IncreaseMaxBal(a, b)
          \/ \E v \in Value : VoteFor(a, b, v)

Spec == Init /\ [][Next]_vars

(***************************************************************************)
(* Invariants.                                                             *)
(***************************************************************************)
\* Every vote is for a value safe at its ballot. VoteFor requires that a
\* quorum shows the value safe, which (with OneValuePerBallot) implies
\* SafeAt; SafeAt stays true because votes are never withdrawn and maxBal
\* never decreases.
VotesSafe == \A a \in Acceptor, b \in Ballot, v \in Value :
               VotedFor(a, b, v) => SafeAt(b, v)

\* An acceptor votes at most once in a ballot: VoteFor requires that it has
\* not voted in the ballot yet.
OneVote == \A a \in Acceptor, b \in Ballot, v, w \in Value :
             VotedFor(a, b, v) /\ VotedFor(a, b, w) => v = w

\* All votes of one ballot are for one value: VoteFor requires that the
\* other acceptors' votes in the ballot are for the same value, and OneVote
\* covers the voter's own.
OneValuePerBallot ==
  \A a1, a2 \in Acceptor, b \in Ballot, v1, v2 \in Value :
    VotedFor(a1, b, v1) /\ VotedFor(a2, b, v2) => v1 = v2

\* At most one value is chosen: two values chosen in one ballot are equal by
\* OneValuePerBallot and quorum intersection; a value chosen in a higher
\* ballot was safe there (VotesSafe), so no other value was chosen below.
Consistency == \A v, w \in chosen : v = w
=============================================================================
