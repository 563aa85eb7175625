------------------------ MODULE MCRaftFigure37Goals ------------------------
(***************************************************************************)
(* Raft's witness goals (MCRaftGoals.tla) for the config that starts from  *)
(* Figure 3.7 (c) (MCRaftFigure37.tla), for TLC to confirm each witness.   *)
(***************************************************************************)
EXTENDS MCRaftGoals, MCRaftFigure37
=============================================================================
