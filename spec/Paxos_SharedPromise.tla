----------------------------- MODULE Paxos_SharedPromise -----------------------------
(***************************************************************************)
(* Bug-zoo variant shared-promise of Paxos (twin rule promise,             *)
(* src/paxos/variants.ts): Phase1b records the promise for every acceptor  *)
(* at once, raising maxBal of all acceptors to the ballot joined, as if    *)
(* they shared one promise register. Paxos.tla stays as it is; a TLC      *)
(* config puts the wrong operator in place with the definition override    *)
(*                                                                         *)
(*     Phase1b <- SharedPromise_Phase1b                                    *)
(*                                                                         *)
(* Raising a maxBal only makes an acceptor refuse more, so no invariant of *)
(* Paxos.tla breaks; but under the mapping of PaxosRefinesVoting.tla one  *)
(* step raises the maxBal of several acceptors, which no step of Voting    *)
(* does (IncreaseMaxBal moves one). TLC reports it with PROPERTY          *)
(* RefinesVoting, from a root module that extends both this module and    *)
(* PaxosRefinesVoting; test/refinement/tlc.test.ts runs it.               *)
(***************************************************************************)
EXTENDS MCPaxos

SharedPromise_Phase1b(a) ==
  /\ \E m \in msgs :
       /\ m.type = "1a"
       /\ m.bal > maxBal[a]
       \* changed: [maxBal EXCEPT ![a] = m.bal]
       /\ maxBal' = [x \in Acceptor |-> IF maxBal[x] < m.bal THEN m.bal ELSE maxBal[x]]
       /\ Send([type |-> "1b", acc |-> a, bal |-> m.bal,
                mbal |-> maxVBal[a], mval |-> maxVal[a]])
  /\ UNCHANGED <<maxVBal, maxVal>>
=============================================================================
