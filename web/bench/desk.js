/*
 * desk.js: agentshim's agent/contact machine for CTToolbar7 events, written in
 * JavaScript for the side-by-side benchmark (make bench, BENCH.md).
 *
 * It does what the Go core does on this path, so that the comparison is fair:
 * decode the vendor callback (mixed-case names; payload as object, JSON text
 * or bare id), step the contact through the transition table of
 * wasm/machine/table.go, merge call data and number, derive the agent's
 * effective state, and hand facade-shaped events ({seq, at, type, vendor,
 * contactId, from, to, contact}) to listeners registered with on(type, fn),
 * in the core's order: contact, contact.data, agent, contact.removed.
 *
 * The state stepping is pluggable: BenchDesk.reducer is a hand-written table
 * (implementation c); the XState bundle (xstate-machine.mjs) plugs in XState v5
 * actors (implementation b). Everything else is shared, so the two differ only
 * in the state machine itself.
 */
(function (g) {
  'use strict';

  // Upper-cased CTToolbar7 contact event names → machine ops (wasm/decode/ctt7.go).
  const OPS = {
    JOBSCHEDULED: 'Scheduled', SERVICEINITIATED: 'Dialing', DIALING: 'Dialing',
    CONNECTIONSTARTED: 'Offered', POPUP: 'Offered', RINGING: 'Ringing', ESTABLISHED: 'Connected',
    HOLD: 'HoldToggle', CONNECTIONCLEARED: 'Cleared', JOBFINISHED: 'Ended', DELETE: 'Deleted',
    DATACHANGED: 'Data', JOBCHANGED: 'Data', JOBSTARTED: 'Touched',
  };
  // Agent state names, real and documented spellings (FIELD-NOTES.md).
  const AGENT = {
    'AGENT:LOGGEDIN': 'ready', LOGGEDIN: 'ready', 'AGENT:PAUSE': 'paused', PAUSED: 'paused',
    'AGENT:LOGGEDOUT': 'loggedOut', LOGGEDOUT: 'loggedOut',
  };
  const LIVE = ['scheduled', 'queued', 'offered', 'dialing', 'ringing', 'connected', 'held', 'wrapup'];
  const NOT_ENDED = ['none'].concat(LIVE);
  // The contact machine of wasm/machine/table.go: op, the states it moves from, its target.
  const RULES = [
    ['Scheduled', ['none'], 'scheduled'],
    ['Queued', ['none', 'scheduled'], 'queued'],
    ['Offered', ['none', 'scheduled', 'queued'], 'offered'],
    ['Dialing', ['none', 'scheduled', 'queued'], 'dialing'],
    ['Ringing', ['none', 'scheduled', 'queued', 'offered', 'dialing'], 'ringing'],
    ['Connected', ['none', 'scheduled', 'queued', 'offered', 'dialing', 'ringing', 'held'], 'connected'],
    ['Held', ['connected'], 'held'],
    ['Resumed', ['held'], 'connected'],
    ['Cleared', LIVE.filter((s) => s !== 'wrapup'), 'wrapup'],
    ['Ended', NOT_ENDED, 'ended'],
    ['Deleted', NOT_ENDED, 'ended'],
  ];
  const TARGET = {};
  RULES.forEach((r) => { TARGET[r[0]] = r[2]; });
  const BUSY = { dialing: 1, ringing: 1, connected: 1, held: 1 };

  // The hand-written engine: TABLE[op][from] is a target state, or absent.
  const TABLE = {};
  RULES.forEach(([op, from, to]) => { TABLE[op] = {}; from.forEach((s) => { TABLE[op][s] = to; }); });
  const reducer = {
    name: 'reducer',
    contact() { return { state: 'none' }; },
    // The state after op, or '' when op does not apply (the table has no move).
    step(h, op) {
      if (op === 'HoldToggle') op = h.state === 'connected' ? 'Held' : h.state === 'held' ? 'Resumed' : '';
      const to = op && TABLE[op][h.state];
      if (!to) return '';
      h.state = to;
      return to;
    },
    stop() {},
    agent() { return { state: 'loggedOut' }; },
    agentStep(h, to) { h.state = to; return to; },
  };

  // Payload → the contact object, or {id} for a bare id, or null (JSON text that does not parse).
  function contactOf(data) {
    if (typeof data === 'string') {
      if (data.trimStart().charAt(0) !== '{') return { id: data };
      try { return JSON.parse(data); } catch (e) { return null; }
    }
    if (typeof data === 'number') return { id: String(data) };
    return data && typeof data === 'object' ? data : null;
  }

  function createDesk(engine) {
    const ls = new Map(['agent', 'contact', 'contact.data', 'contact.removed', 'error', '*'].map((t) => [t, new Set()]));
    const contacts = new Map();
    const agentH = engine.agent();
    const agent = { id: null, availability: 'loggedOut', state: 'loggedOut', since: null };
    let seq = 0, busy = 0, wrapups = 0, at = '';

    function on(type, fn) {
      const l = { fn };
      ls.get(type).add(l);
      return () => { l.off = 1; ls.get(type).delete(l); };
    }
    // The loader's dispatch: the type's listeners, then '*', each guarded.
    function emit(e) {
      for (const t of [e.type, '*']) {
        for (const l of [...ls.get(t)]) if (!l.off) try { l.fn(e); } catch (err) { console.error('desk: listener threw', err); }
      }
    }
    const event = (type, extra) => Object.assign({ seq: ++seq, at, type, vendor: 'ctt7' }, extra);
    const view = (c) => ({
      id: c.id, vendor: 'ctt7', channel: c.channel, direction: c.direction, state: c.state, number: c.number,
      data: Object.assign({}, c.data), createdAt: c.createdAt, connectedAt: c.connectedAt, endedAt: c.endedAt, endReason: c.endReason,
    });
    const contactEvent = (type, c, from) => emit(event(type, type === 'contact'
      ? { contactId: c.id, from: from === 'none' ? null : from, to: c.state, contact: view(c) }
      : { contactId: c.id, contact: view(c) }));
    const fail = (code, message, contactId) => emit(event('error', { error: { code, message, vendor: 'ctt7', contactId, retryable: false } }));

    function count(state, d) {
      if (BUSY[state]) busy += d;
      else if (state === 'wrapup') wrapups += d;
    }
    const effective = () => (busy > 0 ? 'busy' : wrapups > 0 ? 'wrapup' : agent.availability);
    function agentChanged(before) {
      agent.state = effective();
      if (agent.state === before.state && agent.availability === before.availability && agent.id === before.id) return;
      if (agent.state !== before.state || agent.availability !== before.availability) agent.since = at;
      emit(event('agent', { from: before.state, to: agent.state, agent: Object.assign({ groups: [] }, agent) }));
    }
    const agentKey = () => ({ id: agent.id, availability: agent.availability, state: agent.state });

    // Folds the input's number and call data into c; whether anything changed.
    function merge(c, number, callData) {
      let changed = false;
      if (number && number !== c.number) { c.number = number; changed = true; }
      if (Array.isArray(callData)) {
        for (const d of callData) {
          if (!d || d.name == null) continue;
          const v = d.value == null ? '' : String(d.value);
          if (c.data[d.name] !== v) { c.data[d.name] = v; changed = true; }
        }
      }
      return changed;
    }

    function contactInput(name, op, data) {
      const obj = contactOf(data);
      const id = obj && obj.id != null ? String(obj.id) : '';
      if (!id) return fail('BAD_INPUT', `ctt7 event ${name}: the contact has no id`);
      const type = String(obj.type || ''), inbound = type !== 'outbound' && type !== 'callTask' && op !== 'Dialing';
      const number = String((inbound ? obj.ani || obj.dnis : obj.dnis || obj.ani) || '');
      const callData = obj.CallData || obj.callData;
      let c = contacts.get(id);
      if (op === 'Data' || op === 'Touched') {
        if (!c) return fail('UNKNOWN_CONTACT', `ctt7 event ${name} names contact ${id}, which has not been seen`, id);
        if (merge(c, number, callData)) contactEvent('contact.data', c);
        return undefined;
      }
      const from = c ? c.state : 'none';
      const created = !c;
      if (created) c = { id, h: engine.contact(), state: 'none', channel: 'voice', direction: inbound ? 'inbound' : 'outbound', number: '', data: {}, createdAt: at, connectedAt: null, endedAt: null, endReason: null };
      const to = engine.step(c.h, op);
      if (!to) {
        if (created) { engine.stop(c.h); }
        if (TARGET[op] !== from) return fail('INVALID_STATE', `ctt7 event ${name} cannot apply to contact ${id}, which is ${from}`, id);
        if (op === 'Deleted') return remove(c);
        if (merge(c, number, callData)) contactEvent('contact.data', c);
        return undefined;
      }
      if (created) contacts.set(id, c);
      const before = agentKey();
      const dataChanged = merge(c, number, callData) && !created;
      count(from, -1);
      count(to, +1);
      c.state = to;
      if (to === 'connected' && !c.connectedAt) c.connectedAt = at;
      if (to === 'wrapup') c.endReason = c.connectedAt ? 'remoteHangup' : 'missed';
      if (to === 'ended') { c.endedAt = at; if (!c.endReason) c.endReason = c.connectedAt ? 'remoteHangup' : 'missed'; }
      contactEvent('contact', c, from);
      if (dataChanged) contactEvent('contact.data', c);
      agentChanged(before);
      if (op === 'Deleted') remove(c);
      return undefined;
    }
    function remove(c) {
      count(c.state, -1);
      contacts.delete(c.id);
      engine.stop(c.h);
      contactEvent('contact.removed', c);
    }

    // The vendor callback: fn(eventName, data), as CTToolbar7 calls it.
    function send(name, data) {
      at = new Date().toISOString();
      const n = String(name);
      const op = OPS[n.toUpperCase()];
      if (op) return contactInput(n, op, data);
      const to = AGENT[n];
      if (!to) return fail('BAD_INPUT', `unknown ctt7 event ${n}`);
      const before = agentKey();
      const info = contactOf(data);
      agent.availability = engine.agentStep(agentH, to);
      if (info && info.ID) agent.id = String(info.ID);
      agentChanged(before);
      return undefined;
    }
    return { on, send, contacts: () => Array.from(contacts.values(), view), engine: engine.name };
  }

  g.BenchDesk = { RULES, TARGET, OPS, AGENT, reducer, createDesk };
})(typeof window !== 'undefined' ? window : globalThis);
