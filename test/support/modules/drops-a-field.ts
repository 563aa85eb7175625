/** A counter protocol whose hand-written codec forgets `done`: the CLI must refuse it before searching. */
import { actionsOn, bool, defineModel, defineProtocol, int, record } from "tla-twin";

const State = record({ count: int(0, 3), done: bool });
const action = actionsOn(State);

export default defineProtocol({
  name: "drops-a-field",
  model: () =>
    defineModel({
      state: State,
      init: [{ count: 0, done: false }],
      actions: {
        Tick: action((s) => (s.count < 3 ? { ...s, count: s.count + 1 } : undefined)),
        Finish: action((s) => (s.done ? undefined : { ...s, done: true })),
      },
      codec: {
        maxWords: 1,
        encode: (s, out, offset) => ((out[offset] = s.count), 1),
        decode: (words, offset) => ({ count: words[offset]!, done: false }),
      },
    }),
});
