-------------------------------- MODULE Paxos --------------------------------
(***************************************************************************)
(* Single-decree Paxos, in the formulation of Lamport's TLA+ specification *)
(* that accompanies "Paxos Made Simple" (2001): acceptors that remember    *)
(* the highest ballot they joined and their last vote, and leaders for     *)
(* each ballot, all communicating through one set of messages. Leaders     *)
(* have no state of their own: a leader's action looks at the messages    *)
(* sent so far. Messages are never removed from msgs, so a message can be  *)
(* received any number of times or never, and in any order: loss,         *)
(* duplication and reordering need no actions of their own.               *)
(*                                                                         *)
(* Ballots are the natural numbers here; MCPaxos.tla bounds them to        *)
(* 0..MaxBallot for TLC, and gives the configs (MCPaxos_*.cfg).            *)
(*                                                                         *)
(* Twin: src/paxos/. Each action below is one function there, tagged       *)
(* @tla Paxos!<Action>; acceptors are the model values a1, a2, ... and     *)
(* values v1, v2, ...                                                      *)
(***************************************************************************)
EXTENDS Integers

CONSTANTS Acceptor,   \* the acceptors, who vote
          Value,      \* the values that may be chosen
          Quorum      \* the sets of acceptors whose votes choose a value

\* Any two quorums share an acceptor: the whole safety argument rests on it.
ASSUME QuorumAssumption ==
         /\ \A Q \in Quorum : Q \subseteq Acceptor
         /\ \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}

\* Ballot numbers. A ballot b belongs to one leader (not modelled), which
\* starts it with Phase1a(b) and proposes at most one value in it.
Ballot == Nat

\* Stands for "no value" in an acceptor's state and in 1b messages.
None == CHOOSE v : v \notin Value

\* Every message that can be sent. The acc field names the acceptor sending
\* a 1b or 2b message; bal is always the ballot the message belongs to.
Message ==
       [type : {"1a"}, bal : Ballot]
  \cup [type : {"1b"}, acc : Acceptor, bal : Ballot,
        mbal : Ballot \cup {-1}, mval : Value \cup {None}]
  \cup [type : {"2a"}, bal : Ballot, val : Value]
  \cup [type : {"2b"}, acc : Acceptor, bal : Ballot, val : Value]

VARIABLES
  maxBal,   \* maxBal[a]: the highest ballot a has promised or voted in, or -1
  maxVBal,  \* maxVBal[a]: the highest ballot a has voted in, or -1
  maxVal,   \* maxVal[a]: the value a voted for in ballot maxVBal[a], or None
  msgs      \* every message ever sent; a message once sent stays here

vars == <<maxBal, maxVBal, maxVal, msgs>>

TypeOK == /\ maxBal \in [Acceptor -> Ballot \cup {-1}]
          /\ maxVBal \in [Acceptor -> Ballot \cup {-1}]
          /\ maxVal \in [Acceptor -> Value \cup {None}]
          /\ msgs \subseteq Message

Init == /\ maxBal = [a \in Acceptor |-> -1]
        /\ maxVBal = [a \in Acceptor |-> -1]
        /\ maxVal = [a \in Acceptor |-> None]
        /\ msgs = {}

Send(m) == msgs' = msgs \cup {m}

(***************************************************************************)
(* Phase 1. Parameter conventions: b is a ballot (that of the leader       *)
(* acting), a an acceptor, v a value; m is the message an action answers.  *)
(***************************************************************************)
\* The leader of ballot b asks the acceptors to join it. Always enabled:
\* sending the same request again changes nothing.
Phase1a(b) == /\ Send([type |-> "1a", bal |-> b])
              /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

\* Acceptor a answers a request to join a ballot higher than any it has
\* joined: it promises not to vote in lower ballots from now on and
\* reports its last vote (or that it has none).
Phase1b(a) == /\ \E m \in msgs :
                   /\ m.type = "1a"
                   /\ m.bal > maxBal[a]
                   /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
                   /\ Send([type |-> "1b", acc |-> a, bal |-> m.bal,
                            mbal |-> maxVBal[a], mval |-> maxVal[a]])
              /\ UNCHANGED <<maxVBal, maxVal>>

(***************************************************************************)
(* Phase 2.                                                                *)
(***************************************************************************)
\* The leader of ballot b, which has proposed nothing in b yet, proposes v
\* once a quorum Q has joined b, and v is the value of the highest-ballot
\* vote that the acceptors of Q report, or any value when none of them
\* reports a vote. Q1b holds Q's answers for ballot b, Q1bv those that
\* report a vote. (Q \subseteq {...} says "every acceptor of Q has
\* answered"; it is one condition, so TLC evaluates it without enumerating
\* which answer came from which acceptor.)
Phase2a(b, v) ==
  /\ ~ \E m \in msgs : m.type = "2a" /\ m.bal = b
  /\ \E Q \in Quorum :
       LET Q1b  == {m \in msgs : /\ m.type = "1b"
                                 /\ m.acc \in Q
                                 /\ m.bal = b}
           Q1bv == {m \in Q1b : m.mbal >= 0}
       IN  /\ Q \subseteq {m.acc : m \in Q1b}
           /\ \/ Q1bv = {}
              \/ \E m \in Q1bv : /\ m.mval = v
                                 /\ \A mm \in Q1bv : m.mbal >= mm.mbal
  /\ Send([type |-> "2a", bal |-> b, val |-> v])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

\* Acceptor a votes for the proposal of a ballot it has not promised to
\* ignore, i.e. one at least as high as any it has joined, and says so.
\* Voting again for the same proposal changes nothing.
Phase2b(a) == \E m \in msgs :
                /\ m.type = "2a"
                /\ m.bal >= maxBal[a]
                /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
                /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
                /\ maxVal' = [maxVal EXCEPT ![a] = m.val]
                /\ Send([type |-> "2b", acc |-> a, bal |-> m.bal, val |-> m.val])

Next == \/ \E b \in Ballot : \/ Phase1a(b)
                             \/ \E v \in Value : Phase2a(b, v)
        \/ \E a \in Acceptor : \/ Phase1b(a)
                               \/ Phase2b(a)

Spec == Init /\ [][Next]_vars

(***************************************************************************)
(* Safety. A value is chosen when a quorum has voted for it in one ballot. *)
(***************************************************************************)
VotedFor(a, b, v) == [type |-> "2b", acc |-> a, bal |-> b, val |-> v] \in msgs

ChosenAt(b, v) == \E Q \in Quorum : \A a \in Q : VotedFor(a, b, v)

Chosen == {v \in Value : \E b \in Ballot : ChosenAt(b, v)}

\* At most one value is chosen. Votes are only for proposals and a ballot
\* has one proposal (Msg2bConsistent, OneValuePerBallot), and any two
\* quorums meet, so two values chosen in one ballot are equal. Let v be
\* chosen in ballot c by quorum R, and w proposed in a higher ballot b: w is
\* safe at b (Msg2aSafe), so some quorum Q has all voted for w in c or will
\* never vote in c. An acceptor in both Q and R voted for v in c, so it
\* voted for w in c too, hence w = v: every value chosen above c is v.
Agreement == \A v, w \in Chosen : v = w

\* Acceptor a will never vote in ballot b: it has joined a higher ballot
\* (Phase2b then refuses b) and has not voted in b already.
WontVoteIn(a, b) == /\ maxBal[a] > b
                    /\ \A v \in Value : ~ VotedFor(a, b, v)

\* No value other than v has been or can ever be chosen in a ballot below b:
\* for each lower ballot c, some quorum has all voted for v in c or will
\* never vote in c. Both disjuncts stay true once true, so SafeAt does too.
SafeAt(b, v) ==
  \A c \in 0..(b - 1) :
    \E Q \in Quorum : \A a \in Q : VotedFor(a, c, v) \/ WontVoteIn(a, c)

\* An acceptor's state agrees with the votes it has sent: maxVBal/maxVal
\* is a vote it cast (or none) and it joined the ballot of that vote.
\* Holds because Phase2b changes the three variables together with the 2b
\* message it sends, and maxBal never decreases.
AcceptorConsistent ==
  \A a \in Acceptor :
    /\ (maxVBal[a] = -1) <=> (maxVal[a] = None)
    /\ maxVBal[a] <= maxBal[a]
    /\ (maxVBal[a] >= 0) => VotedFor(a, maxVBal[a], maxVal[a])

\* Every 1b message tells the truth about its acceptor: the acceptor still
\* keeps the promise (maxBal only grows), the reported vote is one it cast
\* (or none), and it cast no vote between the reported one and the ballot
\* it joined: not before answering (the report is its last vote,
\* AcceptorConsistent and Msg2bConsistent) nor after (the promise makes
\* Phase2b refuse those ballots).
Msg1bConsistent ==
  \A m \in msgs :
    m.type = "1b" =>
      /\ m.bal <= maxBal[m.acc]
      /\ \/ /\ m.mbal = -1
            /\ m.mval = None
         \/ /\ m.mbal \in 0..(m.bal - 1)
            /\ VotedFor(m.acc, m.mbal, m.mval)
      /\ \A c \in (m.mbal + 1)..(m.bal - 1) :
           \A v \in Value : ~ VotedFor(m.acc, c, v)

\* A ballot has at most one proposal: Phase2a requires that none was sent
\* for its ballot yet.
OneValuePerBallot ==
  \A m1, m2 \in msgs :
    (m1.type = "2a" /\ m2.type = "2a" /\ m1.bal = m2.bal) => m1.val = m2.val

\* Every proposal is safe at its ballot. Phase2a's quorum Q has all joined
\* b, so by Msg1bConsistent none of them votes in ballots between its
\* reported vote and b. With no vote reported, Q shows SafeAt(b, v) for every
\* lower ballot. Otherwise let c be the highest reported ballot, with value
\* v: Q covers the ballots between c and b; in c its members voted for v
\* (the only proposal of c, OneValuePerBallot) or will not vote; and below
\* c, SafeAt(c, v) holds because the proposal of c was safe (induction).
Msg2aSafe ==
  \A m \in msgs : m.type = "2a" => SafeAt(m.bal, m.val)

\* Every vote is for a proposal, and no acceptor has voted above its last
\* vote maxVBal. Holds because Phase2b echoes a 2a message and sets maxVBal
\* to its ballot, which is at least maxBal and hence at least maxVBal.
Msg2bConsistent ==
  \A m \in msgs :
    m.type = "2b" =>
      /\ [type |-> "2a", bal |-> m.bal, val |-> m.val] \in msgs
      /\ m.bal <= maxVBal[m.acc]
=============================================================================
