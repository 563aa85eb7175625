/** A module that exports two protocols, so the CLI needs --export to choose. */
import { actionsOn, defineModel, defineProtocol, int, record } from "tla-twin";

const State = record({ n: int(0, 2) });
const action = actionsOn(State);
const counter = (name: string, max: number) =>
  defineProtocol({
    name,
    model: () => defineModel({ state: State, init: [{ n: 0 }], actions: { Up: action((s) => (s.n < max ? { n: s.n + 1 } : undefined)) } }),
  });

export const upToOne = counter("up-to-one", 1);
export const upToTwo = counter("up-to-two", 2);
export const notAProtocol = 42;
