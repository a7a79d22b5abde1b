/*
 * bench.js: the side-by-side benchmark in one page (cmd/agentshim-bench drives
 * it; BENCH.md reports it). The same CTToolbar7 event trace goes through
 *   agentshim — the fake's bound contact callback → loader → Go core → facade listener,
 *   xstate    — desk.js on XState v5 actors (build/xstate-bench.js),
 *   reducer   — desk.js on its hand-written table,
 * batched (256 events delivered in one task; agentshim's loader flushes them
 * in its microtask) and one at a time (each delivery awaited). Every
 * implementation keeps its state across rounds, the way a page would.
 *
 * The trace: the fake's own 13-event inbound call (inboundFidelity 'notes',
 * the list of FIELD-NOTES.md), made once by driving the fake, then repeated
 * for N contacts with fresh ids and ECIDs, four at a time interleaved.
 */
(function (g) {
  'use strict';

  const BATCH = 256; // events per task in batched mode, and the window size
  const GROUP = 16; // events per timing in one-at-a-time mode (the timer's resolution is 5 µs)
  const FRAME = 1000 / 60;
  const INTERLEAVE = 4; // contacts in flight at once
  const STAGGER = 3; // events between the starts of interleaved contacts
  const IMPLS = ['agentshim', 'xstate', 'reducer'];

  const now = () => performance.now();
  const channel = new MessageChannel();
  const wakers = [];
  channel.port1.onmessage = () => wakers.shift()();
  // One macrotask (not setTimeout: nested timeouts are clamped to 4 ms).
  const yieldTask = () => new Promise((res) => { wakers.push(res); channel.port2.postMessage(0); });

  // FNV-1a over the normalized listener output.
  function fnv(h, s) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    return Math.imul(h ^ 10, 16777619) >>> 0;
  }
  const norm = (e) => e.type + '|' + (e.contactId || '') + '|' + (e.from || '') + '|' + (e.to || '');

  // ---- the trace ------------------------------------------------------------

  let template; // {agent: {name, data}, events: [{name, data}] × 13}

  // Drives the fake through one inbound call before anything is bound to it,
  // and keeps what it delivered: the benchmark replays the fake's own events.
  async function makeTemplate() {
    const F = g.CTT7Fake;
    F.reset({ inboundFidelity: 'notes' });
    g.TOOLBAR.AGENT.Login();
    const id = F.inbound({ ani: '0212345678', callData: { LANGUAGE: 'IT', SERVICE_ID: '171' } });
    await F.flush();
    g.TOOLBAR.CONTACT.Answer(id);
    await F.flush();
    g.TOOLBAR.CONTACT.Hangup(id);
    await F.flush();
    g.TOOLBAR.CONTACT.OfflineEnd(id);
    await F.flush();
    const got = F.delivered.slice();
    F.reset();
    const agent = got.find((d) => d.name === 'AGENT:LOGGEDIN');
    const events = got.filter((d) => d.data && d.data.id === id);
    if (!agent || events.length !== 13) throw new Error('bench: the fake gave ' + got.map((d) => d.name) + ', not an agent login and a 13-event call');
    return { agent, events };
  }

  // Contact i of a group of INTERLEAVE starts STAGGER events after contact i-1.
  const groupOrder = (() => {
    const o = [];
    for (let i = 0; i < INTERLEAVE; i++) for (let j = 0; j < 13; j++) o.push([STAGGER * i + j, i, j]);
    o.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return o.map((x) => [x[1], x[2]]);
  })();

  // A round's trace: the agent login, then `contacts` calls. key keeps ids
  // unique across rounds (the core remembers recently deleted ids).
  function trace(key, contacts, form) {
    const total = 1 + contacts * 13;
    const per = INTERLEAVE * 13;
    let i = 0;
    const payload = (k, tpl) => {
      const d = Object.assign({}, tpl.data, { id: `${68 + k}-${(0x60f69967 + k).toString(16)}@${key}.pddialer1.example.priv` });
      d.CallData = tpl.data.CallData.map((c) => ({ name: c.name, value: c.name === 'ECID' ? 'felixct7|1|171|' + (12 + k) : c.value }));
      return d;
    };
    return {
      total,
      // Fills names/datas with the next events (outside the timed code); how many.
      fill(names, datas, n) {
        let m = 0;
        for (; m < n && i < total; m++, i++) {
          let name, data;
          if (i === 0) { name = template.agent.name; data = Object.assign({}, template.agent.data); }
          else {
            const x = i - 1, grp = Math.floor(x / per);
            let k, j;
            const left = contacts - grp * INTERLEAVE;
            if (left >= INTERLEAVE) { [k, j] = groupOrder[x % per]; k += grp * INTERLEAVE; }
            else { const y = x - grp * per; k = grp * INTERLEAVE + Math.floor(y / 13); j = y % 13; } // a short last group in sequence
            const tpl = template.events[j];
            name = tpl.name;
            data = payload(k, tpl);
          }
          names[m] = name;
          datas[m] = form === 'mixed' && i % 2 ? JSON.stringify(data) : data;
        }
        return m;
      },
    };
  }

  // ---- the three implementations ------------------------------------------------

  const impls = {};
  function listener(st) {
    return (e) => {
      st.n++;
      if (st.hashing) {
        st.hash = fnv(st.hash, norm(e));
        st.types[e.type] = (st.types[e.type] || 0) + 1;
      }
    };
  }
  function impl(name, send, on) {
    const st = { n: 0, hashing: false, hash: 2166136261, types: {} };
    on('*', listener(st));
    impls[name] = { name, send, st };
  }

  const go = () => g.AgentShim._internals.go;
  const wasmBytes = () => go()._inst.exports.mem.buffer.byteLength;
  const goRefs = () => go()._ids.size;
  const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : null);

  let started = null;
  async function setup() {
    if (started) return started;
    const shim = await g.AgentShim.ready;
    template = await makeTemplate();
    await g.AgentShim.attachToolbar();
    // Attaching asks the toolbar for the agent's state: let those answers
    // reach the core before listening, so only the trace's events are counted.
    for (let i = 0; i < 3; i++) {
      await g.CTT7Fake.flush();
      await new Promise((res) => setTimeout(res, 20));
    }
    const bound = g.CTT7Fake.calls.filter((c) => c.method === 'CONTACT.bindContactCallback').pop();
    if (!bound) throw new Error('bench: agentshim bound no contact callback');
    // The callback the SDK would call for every event: the loader's.
    impl('agentshim', bound.args[0], shim.on);
    const xs = g.BenchXState.createDesk();
    impl('xstate', xs.send, xs.on);
    const rd = g.BenchDesk.createDesk(g.BenchDesk.reducer);
    impl('reducer', rd.send, rd.on);
    started = {
      crossOriginIsolated: !!g.crossOriginIsolated,
      template: template.events.map((e) => e.name),
      goRefs: goRefs(), wasmBytes: wasmBytes(), funcs: g.AgentShim._internals.core.funcs(), heap: heap(),
    };
    return started;
  }

  // ---- timing ---------------------------------------------------------------------------

  // Batched: BATCH events per task; the await lets agentshim's flush run.
  async function batched(im, tr) {
    const names = new Array(BATCH), datas = new Array(BATCH), times = [];
    const wall = now();
    for (let n; (n = tr.fill(names, datas, BATCH)) > 0;) {
      const send = im.send;
      const t0 = now();
      for (let i = 0; i < n; i++) send(names[i], datas[i]);
      await null;
      times.push(now() - t0);
      await yieldTask();
    }
    return { times, group: BATCH, wall: now() - wall };
  }

  // One at a time: each event's listener delivery awaited before the next.
  async function single(im, tr) {
    const names = new Array(BATCH), datas = new Array(BATCH), times = [];
    const wall = now();
    for (let n; (n = tr.fill(names, datas, BATCH)) > 0;) {
      const send = im.send;
      for (let s = 0; s < n; s += GROUP) {
        const e = Math.min(n, s + GROUP);
        const t0 = now();
        for (let i = s; i < e; i++) { send(names[i], datas[i]); await null; }
        times.push(now() - t0);
      }
      await yieldTask();
    }
    return { times, group: GROUP, wall: now() - wall };
  }

  const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

  // Figures of one run: busy time is the sum of the timed slices (the yields between batches left out).
  function figures(run, events) {
    const { times, group } = run;
    const busy = times.reduce((a, b) => a + b, 0);
    const per = times.slice(0, Math.floor(events / group)).map((t) => t / group).sort((a, b) => a - b); // full groups only
    const per256 = BATCH / group;
    const windows = [];
    for (let i = 0; i < times.length; i += per256) {
      let w = 0;
      for (let j = i; j < i + per256 && j < times.length; j++) w += times[j];
      windows.push(w);
    }
    return {
      events,
      busyMs: busy,
      wallMs: run.wall,
      eventsPerSec: events / (busy / 1000),
      medianUs: quantile(per, 0.5) * 1000,
      p99Us: quantile(per, 0.99) * 1000,
      slowestWindowMs: Math.max(...windows),
      windowsOverFrame: windows.filter((w) => w > FRAME).length,
    };
  }

  async function runOne(name, mode, key, contacts, form) {
    const im = impls[name];
    const tr = trace(key, contacts, form);
    const n0 = im.st.n;
    const run = await (mode === 'batched' ? batched : single)(im, tr);
    const f = figures(run, tr.total);
    f.listenerEvents = im.st.n - n0;
    return f;
  }

  // One round: every implementation, batched then one at a time, in an order
  // that rotates with the round so that none always runs first (or warm).
  async function round(r, contacts, form) {
    await setup();
    const out = { round: r, batched: {}, single: {} };
    const order = IMPLS.slice(r % 3).concat(IMPLS.slice(0, r % 3));
    for (const mode of ['batched', 'single']) {
      for (const name of order) {
        out[mode][name] = await runOne(name, mode, `r${r}${mode[0]}`, contacts, form);
        await yieldTask();
      }
      const counts = IMPLS.map((n) => out[mode][n].listenerEvents);
      if (counts.some((c) => c !== counts[0])) throw new Error(`bench: round ${r} ${mode}: listener event counts differ: ${IMPLS} = ${counts}`);
    }
    out.batched.ratioXState = out.batched.agentshim.eventsPerSec / out.batched.xstate.eventsPerSec;
    out.batched.ratioReducer = out.batched.agentshim.eventsPerSec / out.batched.reducer.eventsPerSec;
    out.single.ratioXState = out.single.agentshim.eventsPerSec / out.single.xstate.eventsPerSec;
    out.single.ratioReducer = out.single.agentshim.eventsPerSec / out.single.reducer.eventsPerSec;
    return out;
  }

  // The same trace through all three with a hashing listener, in both modes.
  async function verify(contacts, form) {
    await setup();
    const out = {};
    for (const mode of ['batched', 'single']) {
      out[mode] = {};
      for (const name of IMPLS) {
        const st = impls[name].st;
        Object.assign(st, { hashing: true, hash: 2166136261, types: {} });
        const n0 = st.n;
        await runOne(name, mode, 'v' + mode[0], contacts, form);
        out[mode][name] = { hash: st.hash, events: st.n - n0, types: st.types };
        st.hashing = false;
      }
    }
    out.leftInQueue = g.AgentShim._internals.queue.length;
    out.contactsLeft = { agentshim: (await g.AgentShim.ready).contacts().length };
    return out;
  }

  // agentshim alone, batched, `events` events (calls created and deleted):
  // memory and Go-held JS references before and after.
  async function soak(events, form) {
    await setup();
    const before = { wasmBytes: wasmBytes(), goRefs: goRefs(), heap: heap() };
    const contacts = Math.ceil((events - 1) / 13);
    const f = await runOne('agentshim', 'batched', 'soak', contacts, form);
    await yieldTask();
    const shim = await g.AgentShim.ready;
    return { figures: f, contacts, before, after: { wasmBytes: wasmBytes(), goRefs: goRefs(), heap: heap(), funcs: g.AgentShim._internals.core.funcs() }, contactsLeft: shim.contacts().length };
  }

  // What the loader does once per task on top of the batch (persist): its snapshot call, timed.
  async function snapshotCost(n) {
    const shim = await g.AgentShim.ready;
    const t0 = now();
    for (let i = 0; i < n; i++) shim.snapshot();
    return ((now() - t0) / n) * 1000;
  }

  const state = () => ({ wasmBytes: wasmBytes(), goRefs: goRefs(), heap: heap(), funcs: g.AgentShim._internals.core.funcs() });

  g.Bench = { setup, round, verify, soak, runOne, snapshotCost, state, trace, impls, BATCH, GROUP };
})(window);
