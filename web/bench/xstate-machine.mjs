// The benchmark's implementation (b): the same contact and agent machines as
// XState v5 state charts, one actor per live contact. desk.js (loaded first,
// as a plain script) does the decoding, data merge and dispatch shared with the
// hand-written reducer; this engine only steps the states, the XState way.
// Bundled with esbuild into build/xstate-bench.js (global BenchXState).
import { createActor, createMachine } from 'xstate';

let contactMachine, agentMachine;

// The chart is written out from the transition table the Go core uses
// (BenchDesk.RULES, copied from wasm/machine/table.go), so that the two
// cannot drift; hold toggles the way TOOLBAR.CONTACT.Hold does.
function charts() {
  if (contactMachine) return;
  const states = {};
  for (const s of ['none', 'scheduled', 'queued', 'offered', 'dialing', 'ringing', 'connected', 'held', 'wrapup', 'ended']) {
    states[s] = { on: {} };
  }
  for (const [op, from, to] of globalThis.BenchDesk.RULES) {
    for (const s of from) states[s].on[op] = to;
  }
  states.connected.on.HoldToggle = 'held';
  states.held.on.HoldToggle = 'connected';
  contactMachine = createMachine({ id: 'contact', initial: 'none', states });
  agentMachine = createMachine({
    id: 'agent',
    initial: 'loggedOut',
    states: {
      loggedOut: { on: { ready: 'ready', paused: 'paused' } },
      ready: { on: { loggedOut: 'loggedOut', paused: 'paused' } },
      paused: { on: { loggedOut: 'loggedOut', ready: 'ready' } },
    },
  });
}

export const engine = {
  name: 'xstate',
  contact() {
    charts();
    return createActor(contactMachine).start();
  },
  // XState ignores an event its state does not handle: no change means no move.
  step(actor, op) {
    const before = actor.getSnapshot().value;
    actor.send({ type: op });
    const after = actor.getSnapshot().value;
    return after === before ? '' : after;
  },
  stop(actor) { actor.stop(); },
  agent() {
    charts();
    return createActor(agentMachine).start();
  },
  agentStep(actor, to) {
    actor.send({ type: to });
    return actor.getSnapshot().value;
  },
};

// A desk on this engine, as a page would create it.
export function createDesk() {
  return globalThis.BenchDesk.createDesk(engine);
}
