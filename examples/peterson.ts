/**
 * Peterson's mutual exclusion for two processes, declared with tla-twin's
 * schemas: no codec, TLA+ conversion or action label is written by hand.
 * Each process raises its flag, gives the turn to the other, and enters
 * its critical section once the other's flag is down or the turn is its own.
 *
 * Check it: `npx tla-twin check examples/peterson.ts`; the variant
 * `keep-turn` (a process gives the turn to itself) breaks MutualExclusion.
 * The `tla` entry binds it to examples/Peterson.tla, so that `npx tla-twin
 * crosscheck examples/peterson.ts` compares it with TLC; everything else
 * works without it.
 */
import { type Infer, actionsOn, bool, defineModel, defineProtocol, enumOf, func, ids, record } from "tla-twin";

const Proc = ids("Proc", 2);
const Pc = enumOf("idle", "flagged", "waiting", "critical");
const State = record({ pc: func(Proc, Pc), flag: func(Proc, bool), turn: Proc });
type State = Infer<typeof State>;
const action = actionsOn(State);

const other = (p: number): number => 1 - p;

/** `s` with process `p` moved to `pc` and its flag set to `flag`. */
function move(s: State, p: number, pc: Infer<typeof Pc>, flag: boolean): State {
  return { ...s, pc: s.pc.map((old, q) => (q === p ? pc : old)), flag: s.flag.map((old, q) => (q === p ? flag : old)) };
}

export default defineProtocol({
  name: "peterson",
  title: "Peterson's mutual exclusion",
  model: () =>
    defineModel({
      state: State,
      init: [{ pc: ["idle", "idle"], flag: [false, false], turn: 0 }],
      actions: {
        RaiseFlag: action({ p: Proc }, (s, { p }) => (s.pc[p] === "idle" ? move(s, p, "flagged", true) : undefined)),
        GiveTurn: action({ p: Proc }, (s, { p }) => (s.pc[p] === "flagged" ? { ...move(s, p, "waiting", true), turn: other(p) } : undefined)),
        Enter: action({ p: Proc }, (s, { p }) =>
          s.pc[p] === "waiting" && (!s.flag[other(p)] || s.turn === p) ? move(s, p, "critical", true) : undefined,
        ),
        Leave: action({ p: Proc }, (s, { p }) => (s.pc[p] === "critical" ? move(s, p, "idle", false) : undefined)),
      },
      invariants: {
        MutualExclusion: {
          description: "at most one process is in its critical section",
          holds: (s) => !(s.pc[0] === "critical" && s.pc[1] === "critical"),
        },
      },
      witnesses: {
        SomeoneCritical: { description: "a process reaches its critical section, so MutualExclusion is not vacuous", holds: (s) => s.pc.includes("critical") },
      },
      tla: {
        module: "Peterson",
        specDir: new URL(".", import.meta.url),
        goalsModule: "Peterson",
        cfg: ["CONSTANTS Proc = {proc1, proc2}", "          FirstTurn = proc1", "SPECIFICATION Spec", "INVARIANT MutualExclusion", ""].join("\n"),
      },
    }),
  variants: {
    "keep-turn": {
      description: "a process gives the turn to itself instead of to the other",
      breaks: "MutualExclusion",
      change: (model) => ({
        ...model,
        actions: {
          ...model.actions,
          GiveTurn: action({ p: Proc }, (s, { p }) => (s.pc[p] === "flagged" ? { ...move(s, p, "waiting", true), turn: p } : undefined)),
        },
      }),
    },
  },
});
