// agentshim.js: loader and facade, after wasm_exec.js (README.md explains it; PROTOCOL.md the wire).
(function (g) {
  'use strict';
  if (g.AgentShim) return; // loaded twice (tag and module)

  const US = '\x1f', noop = () => {}, words = (s) => s.split(' ');
  const TYPES = words('agent contact contact.data contact.removed widget session campaign error role *');
  const OPTS = words('wasm persist defaultRegion commandTimeoutMs vendorTimeoutMs redact callFlows webhooks telemarketing whisbi autostart mluvii tabs');
  const STOPPED = 'agentshim was stopped; reload the page';

  class AgentShimError extends Error {
    constructor(code, message, o = {}) {
      super(message);
      this.name = 'AgentShimError';
      this.code = code;
      if (o.vendor) this.vendor = o.vendor;
      if (o.contactId) this.contactId = o.contactId;
      this.retryable = /^(VENDOR_UNAVAILABLE|TIMEOUT|NOT_READY|CRASHED)$/.test(code);
    }
    toJSON() { return Object.assign({ message: this.message }, this); }
  }
  const E = (code, msg, o) => new AgentShimError(code, msg, o);
  const toErr = (o, code) => (o instanceof AgentShimError ? o : E((o && o.code) || code || 'CRASHED', (o && o.message) || String(o), o || {}));
  const fail = (code, msg) => Promise.reject(E(code, msg));
  const json = (v) => { try { return JSON.stringify(v) || 'null'; } catch (e) { return JSON.stringify(String(v)); } };
  const pack = (vendor, name, payload, id) =>
    `${vendor}${US}${String(name).replace(/[\x00-\x1f\x7f]/g, '')}${US}${Date.now()}${US}${id || 0}${US}${payload}\x1e`;

  // Listener lists are replaced, never changed: an event goes to the listeners there were when it was emitted.
  const ls = new Map(TYPES.map((t) => [t, []]));
  function on(type, fn) {
    if (!ls.has(type) || typeof fn != 'function') throw E('BAD_INPUT', `on(type, listener): type is one of ${TYPES}`);
    const l = { fn };
    ls.set(type, ls.get(type).concat(l));
    return () => { l.off = 1; ls.set(type, ls.get(type).filter((x) => x != l)); };
  }
  function emit(e) {
    if (e.seq > seq) seq = e.seq;
    if (e.error) e.error = toErr(e.error);
    if (e.session && e.session.kind == 'redirect') e.preventDefault = () => { e.defaultPrevented = true; }; // video.js navigates unless prevented
    deliver(e.type, e);
    deliver('*', e);
  }
  function deliver(t, e) {
    const a = ls.get(t) || [];
    for (let i = 0; i < a.length; i++) if (!a[i].off) try { a[i].fn(e); } catch (err) { console.error(`agentshim: a ${t} listener threw`, err); }
  }
  // contacts: what the core last sent of each contact. An event's contact is a delta against it, or in full
  // (with its id) as a new base (PROTOCOL.md, "Contact deltas"); listeners get a snapshot of their own.
  const contacts = new Map();
  // A shim_feed event comes as [seq, atMillis, type, vendor, contactId|0, from, to|0, payload] (PROTOCOL.md,
  // "Compact events"): the facade object, built here with the keys in the contract's order, costs less than
  // decoding and parsing its key names and ISO time. Events mostly share their second, and toISOString costs
  // ~0.4 µs: the second's text is kept.
  let atSec = NaN, atPre;
  function iso(ms) {
    if (!ms) return null;
    const s = Math.floor(ms / 1000);
    if (s !== atSec) { atSec = s; atPre = new Date(s * 1000).toISOString().slice(0, 20); }
    return atPre + String(ms - s * 1000 + 1000).slice(1) + 'Z';
  }
  function expand(a) {
    const t = a[2], e = { seq: a[0], at: iso(a[1]), type: t, vendor: a[3] };
    if (a[4] !== 0) e.contactId = a[4];
    if (a[6] !== 0) { e.from = a[5]; e.to = a[6]; }
    e[t.startsWith('contact') ? 'contact' : t] = a[7];
    return e;
  }
  function resolve(e) {
    const d = e.contact, id = e.contactId;
    if (!d) return e;
    let c = contacts.get(id);
    if (d.id !== undefined) contacts.set(id, (c = d));
    else if (c) for (const k in d) c[k] = d[k];
    else console.error('agentshim: a contact delta without its snapshot', id);
    if (c) (e.contact = { ...c }).data = { ...c.data };
    if (e.type == 'contact.removed') contacts.delete(id);
    return e;
  }
  const local = (err) => emit({ seq: seq + 1, at: new Date().toISOString(), type: 'error', vendor: 'facade', error: err });

  function fromAttributes(el) {
    const o = {};
    for (const { name, value: v } of Array.from((el && el.attributes) || [])) {
      const k = name.slice(5).replace(/-(.)/g, (_, c) => c.toUpperCase());
      if (name.startsWith('data-')) try { o[k] = v === '' || JSON.parse(v); } catch (e) { o[k] = k == 'telemarketing' ? { url: v } : v; }
    }
    return checkOptions(o);
  }
  // Names, and values the loader uses; core.configure checks the rest.
  function checkOptions(o) {
    for (const k in o) {
      const v = o[k], bad = (want) => { throw E('BAD_INPUT', `option ${k} must be ${want}, not ${json(v)}`); };
      if (!OPTS.includes(k)) throw E('BAD_INPUT', `unknown option ${k}; the options are ${OPTS}`);
      if (v === undefined) continue;
      if (/Ms$/.test(k) && !(v > 0 && v < 2 ** 31)) bad('milliseconds > 0');
      if (k == 'persist' && !/^(session|local|none)$/.test(v)) bad('session, local or none');
      if (k == 'telemarketing' && !(v && typeof v.url == 'string')) bad('{url}');
      if (k == 'tabs' && !/^(leader|single)$/.test(v)) bad('leader or single');
    }
    return o;
  }

  const el = g.document && g.document.currentScript;
  let A = {}, attrErr;
  try { A = fromAttributes(el); } catch (e) { attrErr = e; }
  // X: the core's wasm exports; q: records not fed yet.
  let opt = A, started, stopped, dead, X, core, go, mod, booting, sched, feeding, inWasm, snap, tickT, persistT, tb, tbWait, mo, es, boundAt = 0;
  let q = [], seq = 0, cmdId = 0, crashes = [];
  const pending = new Map(), atts = new Map(), chains = new Map(), detachers = new Set(), hooked = [];
  const enc = new TextEncoder(), dec = new TextDecoder(), resolved = Promise.resolve(), KEY = 'agentshim:v1:' + (g.location ? g.location.pathname : '/');
  let settleReady;
  const ready = new Promise((res, rej) => { settleReady = [res, rej]; });
  ready.catch(noop); // no unhandled rejection for pages that ignore ready

  function record(vendor, name, payload, id) {
    if (stopped || dead) return;
    if (following()) return tabForward(vendor, name, payload, id);
    enqueue(pack(vendor, name, payload, id));
  }
  function enqueue(r) {
    q.push(r);
    if (X && !sched && !feeding) { sched = 1; resolved.then(flush); } // in Chromium queueMicrotask costs ~1.5 µs a call, then() ~0.05
  }
  // A throw leaves inWasm set: the core died.
  function x(f, n) {
    inWasm = 1;
    const r = X[f](n);
    inWasm = 0;
    return r;
  }
  // The input buffer (where and how big: it moves only when shim_grow_in replaces it) and a view of all of
  // memory, made again when memory grew (its old buffer is then detached: length 0). Per call, asking the
  // core and making views costs more than a one-event feed's own JS work.
  let inP = 0, inCap = 0, U;
  function mem() {
    if (!U || !U.length) U = new Uint8Array(X.mem.buffer);
    return U;
  }
  function inBuf() { inP = x('shim_in_ptr'); inCap = x('shim_in_cap'); }
  function read(len) {
    const p = x('shim_out_ptr'), u = mem().subarray(p, p + len);
    if (len < 4096) {
      let i = 0;
      while (i < len && u[i] < 128) i++;
      if (i == len) return String.fromCharCode.apply(null, u);
    }
    return dec.decode(u);
  }
  // Short ASCII text is copied by hand: encodeInto into wasm memory has a fixed cost of ~2 µs a call in
  // Chromium. Its size in bytes, or -1 (text beyond ASCII, or no room).
  function ascii(s) {
    const n = s.length, u = mem();
    if (n > inCap) return -1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) return -1;
      u[inP + i] = c;
    }
    return n;
  }
  // Writes s into the input buffer (grown when s does not fit); its size in bytes.
  function putAll(s) {
    if (s.length < 512) { const n = ascii(s); if (n >= 0) return n; }
    for (let t = 0; t < 3; t++) {
      const r = enc.encodeInto(s, mem().subarray(inP, inP + Math.min(inCap, s.length * 3)));
      if (r.read == s.length) return r.written;
      x('shim_grow_in', s.length * 3); // UTF-8 takes at most 3 bytes a UTF-16 unit
      inBuf();
    }
    throw E('CRASHED', 'the core gave no room for the input');
  }
  // Writes the first records of rs that fit the input buffer with one encodeInto, whose cost in Chromium is
  // mostly per call (a first record that does not fit grows the buffer): how many, and their size in bytes.
  function put(rs) {
    const cap = inCap;
    let k = 0, len = 0;
    while (k < rs.length && len + rs[k].length <= cap) len += rs[k++].length;
    if (k < 2) return [1, putAll(rs[0])];
    const u = mem().subarray(inP, inP + Math.min(cap, len * 3)), r = enc.encodeInto(rs.slice(0, k).join(''), u);
    if (r.read == len) return [k, r.written];
    // Text beyond ASCII took more bytes than there was room for: the records written in full go now.
    let m = 0;
    for (let c = 0; (c += rs[m].length) <= r.read;) m++;
    return m ? [m, u.lastIndexOf(0x1e, r.written - 1) + 1] : [1, putAll(rs[0])];
  }
  // Many records per shim_feed; never re-entrant (what arrives meanwhile waits for the next round).
  function flush() {
    sched = 0;
    if (!X || feeding) return;
    feeding = 1;
    try {
      while (q.length && X) {
        const [k, n] = put(q), batch = q.splice(0, k); // a crash loses the batch rather than replaying it
        answer(tabSent(JSON.parse(read(x('shim_feed', n))), batch), batch);
      }
    } catch (e) { inWasm ? crash(e.message) : console.error('agentshim:', e); }
    feeding = 0;
  }
  function answer(a, batch) {
    const ev = a.events || [];
    for (let i = 0; i < ev.length; i++) emit(resolve(expand(ev[i])));
    // A reply with id 0 is for a record the core could not read (a loader bug): an error event, not silence.
    for (const r of a.replies || []) r.id ? settle(r.id, !r.ok && toErr(r.error), r.agent || r.contact) : local(toErr(r.error));
    if (a.error) { // a recovered panic
      contacts.clear(); // the core starts its contacts over in full
      const err = toErr(a.error);
      local(err);
      batch.forEach((r) => settle(+r.split(US)[3], err));
    }
    tick(a.pending);
    if (a.dirty && !persistT) persistT = setTimeout(persist); // at most once per task
  }
  function settle(id, err, v) {
    const p = pending.get(id);
    if (p) { pending.delete(id); err ? p.rej(err) : p.res(v); }
  }
  // Feeds the queue first, so the answer reflects every event received.
  function raw(query, arg) {
    if (X && !feeding && !inWasm) flush();
    if (!X || inWasm) throw E('NOT_READY', stopped ? STOPPED : `${query}() needs the running core${X ? ', not inside a vendor call' : ''}`);
    if (query == 'restore') contacts.clear(); // the core starts its contacts over in full
    try {
      const t = read(x('shim_call', putAll(query + US + arg)));
      if (t.startsWith('{"error"')) throw toErr(JSON.parse(t).error);
      return t;
    } catch (e) {
      if (!inWasm) throw e;
      crash(e.message);
      throw E('CRASHED', `the core crashed in ${query}(); try again`);
    }
  }
  const call = (query, arg) => JSON.parse(raw(query, json(arg)));
  // A facade/tick record lets waiting commands time out.
  function tick(n) {
    if (!(n > 0) && !tickT) return;
    clearTimeout(tickT);
    tickT = 0;
    const now = Date.now(), ms = opt.commandTimeoutMs || 1e4;
    let due = Infinity;
    pending.forEach((p) => { due = Math.min(due, p.at + ms); });
    // After the earliest deadline; one the core let pass waits a full period (no busy loop).
    if (n > 0) tickT = setTimeout(() => record('facade', 'tick', 'null'), (due > now ? due - now : ms) + 5);
  }
  function store() {
    try { return opt.persist != 'none' && g[(opt.persist || 'session') + 'Storage']; } catch (e) { /* blocked */ }
  }
  function persist() {
    clearTimeout(persistT);
    persistT = 0;
    if (following()) return; // the leader saves the state
    try {
      if (X && !inWasm) snap = raw('snapshot', 'null');
      if (snap && store()) store().setItem(KEY, snap);
    } catch (e) { console.warn('agentshim: snapshot not saved:', e.message); }
  }
  function command(name, args) {
    if (stopped || dead) return Promise.reject(dead || E('NOT_READY', STOPPED));
    let p;
    try {
      p = JSON.stringify(args, (k, v) => {
        if (/^(function|symbol)$/.test(typeof v)) throw TypeError(`${k || 'an argument'} is a ${typeof v}`);
        return v;
      });
    } catch (e) { return fail('BAD_INPUT', `${name}(): ${e.message}`); }
    return new Promise((res, rej) => {
      if (following()) return tabCommand(name, p, res, rej);
      pending.set(++cmdId, { res, rej, at: Date.now() });
      record('facade', name, p, cmdId);
    });
  }

  g.__agentshimLoader = {
    ready(c) { if (booting && !booting.core) { booting.core = c; queueMicrotask(setup); } }, // outside Go's call
    getter,
  };
  async function load() {
    const url = opt.wasm || new URL('agentshim.wasm', I.scriptURL || g.location.href).href;
    const bad = (why) => E('LOAD_FAILED', `${url}: ${why}; check data-wasm`);
    const res = await fetch(url).catch((e) => { throw bad(e.message); });
    if (!res.ok) throw bad('HTTP ' + res.status);
    mod = await WebAssembly.compileStreaming(res).catch((e) => { throw bad(e.message); }); // needs application/wasm
    if (tabs) await tabs.known; // a follower's core starts in mirror mode
    await boot();
    return shim;
  }
  async function boot() {
    if (!g.Go) throw E('LOAD_FAILED', 'wasm_exec.js is missing: use the built agentshim.js');
    const gi = new g.Go(), inst = await WebAssembly.instantiate(mod, gi.importObject);
    gi.env = { ...gi.env, GOGC: '50' }; // wasm memory never shrinks: collect at 1.5x the live heap, not 2x (runtime/debug would cost 50 KiB brotli)
    return new Promise((res, rej) => {
      booting = { go: gi, inst, res, rej };
      gi.run(inst).then(() => exited(gi), (e) => exited(gi, e));
    });
  }
  // Restore and attach before feeding.
  function setup() {
    const b = booting, c = {};
    X = b.inst.exports; core = b.core; go = b.go; U = null;
    contacts.clear(); // a new core sends every contact in full
    feeding = 1;
    try {
      inBuf();
      for (const k of OPTS.slice(2, 8)) if (opt[k] !== undefined) c[k] = opt[k];
      const err = core.configure(c);
      if (err) throw toErr(err, 'BAD_INPUT');
      if (following()) raw('mirror', 'true');
      else if (snap) {
        try { raw('restore', snap); } catch (e) {
          if (!X) throw e;
          console.warn('agentshim: saved state dropped:', e.message);
          snap = null;
          if (store()) store().removeItem(KEY);
        }
      }
      atts.forEach(attach);
    } catch (e) {
      b.rej(X && e instanceof AgentShimError ? e : E('LOAD_FAILED', `the core did not start (${e.message})`));
      X = core = go = null;
      return;
    } finally { feeding = 0; booting = null; }
    following() ? tabJoin(b.res) : b.res();
    flush();
  }
  function exited(gi, e) {
    const why = e ? e.message : 'the Go program exited';
    if (booting && booting.go == gi) {
      booting.rej(E('LOAD_FAILED', `the core exited (${why})`));
      booting = null;
    } else if (gi == go && !stopped) crash(why);
  }
  function crash(why) {
    inWasm = 0;
    if (!X) return;
    X = core = go = null;
    if (booting) return; // setup() reports it
    const err = E('CRASHED', `the core crashed (${why}); restarting`);
    pending.forEach((p, id) => settle(id, err));
    clearTimeout(tickT);
    local(err);
    crashes = crashes.filter((t) => t > Date.now() - 6e4).concat(Date.now());
    if (crashes[2]) die(E('LOAD_FAILED', 'the core crashed 3 times in 60 s; reload the page'));
    else boot().catch(die);
  }
  function die(e) {
    if (dead || stopped) return;
    dead = e instanceof AgentShimError ? e : E('LOAD_FAILED', e.message);
    q = [];
    pending.forEach((p, id) => settle(id, dead));
    atts.forEach((a) => a.rej(dead));
    local(dead);
    settleReady[1](dead);
  }

  function start(o) {
    if (stopped) return fail('NOT_READY', STOPPED);
    if (started) return o ? fail('BAD_INPUT', 'already started; use data-autostart="false"') : ready;
    try {
      if (attrErr) throw attrErr;
      opt = checkOptions(Object.assign({}, A, o));
    } catch (e) { return Promise.reject(e); }
    started = 1;
    video();
    if (opt.mluvii == 'off') unhook();
    try { snap = store().getItem(KEY); } catch (e) { /* nothing stored */ }
    tabsStart();
    const t = opt.telemarketing;
    if (t && g.EventSource) {
      // Reconnects by itself with Last-Event-ID; messages may be named after their eventName.
      es = new g.EventSource(t.url);
      const tm = (m) => { if (following()) return; try { ingest(Object.assign({ eventName: m.type }, JSON.parse(m.data))); } catch (e) { console.warn('agentshim: telemarketing event ignored'); } };
      words('message TelemarketStatisticsUpdatedEvent TelemarketCallbackCreatedEvent TACStatusUpdatedEvent TelemarketCampaignStatusChangedEvent')
        .forEach((n) => es.addEventListener(n, tm));
      detachers.add(() => es.close());
    }
    if (g.addEventListener) g.addEventListener('pagehide', persist);
    watchSleep();
    load().then(settleReady[0], die);
    return ready;
  }
  // After a sleep (frozen tab, suspended laptop, lost network) vendor events
  // may have been lost: ask the toolbar for its state again, as after a reload.
  function watchSleep() {
    let last = Date.now();
    const wake = () => { const a = atts.get('ctt7' + US); if (a && core && !inWasm && !following()) attach(a); };
    const beat = setInterval(() => { if (Date.now() - last > 3e4) wake(); last = Date.now(); }, 1e4);
    if (beat.unref) beat.unref(); // Node: not what keeps a process alive
    const on = (t, type) => t && t.addEventListener && (t.addEventListener(type, wake), detachers.add(() => t.removeEventListener(type, wake)));
    on(g.document, 'resume');
    on(g, 'online');
    detachers.add(() => clearInterval(beat));
  }
  // agentshim-video.js (video-call embed, GDPR notice, webhook outbox) loads only where it is used.
  function video() {
    const d = g.document;
    if (!d || !d.getElementById || I.video) return;
    if (opt.callFlows || opt.webhooks || d.getElementById('btn-cwbbb-osr')) {
      (I.video = d.createElement('script')).src = new URL('agentshim-video.js', I.scriptURL || g.location.href).href;
      (d.head || d.documentElement).appendChild(I.video);
    } else if (d.readyState == 'loading') d.addEventListener('DOMContentLoaded', video, { once: true });
  }
  function stop() {
    if (stopped) return;
    persist();
    stopped = 1;
    const err = E('NOT_READY', STOPPED);
    if (tbWait) tbWait(err);
    detachers.forEach((d) => d());
    if (tabs) tabs.end();
    unhook();
    clearTimeout(tickT);
    if (g.removeEventListener) g.removeEventListener('pagehide', persist);
    pending.forEach((p, id) => settle(id, err));
    try { if (core) core.stop(); } catch (e) { console.error('agentshim: core.stop()', e); }
    X = core = go = null;
    q = [];
    atts.clear();
  }

  function patch(o, k, f) {
    const own = Object.prototype.hasOwnProperty.call(o, k), old = o[k];
    o[k] = f;
    return () => { if (o[k] === f) { if (own) o[k] = old; else delete o[k]; } }; // unless wrapped again since
  }
  // A one-callback slot: ours records, then calls the page's (set before or after); undo gives it back.
  function slot(o, k, rec) {
    const set = o[k];
    let page, on = 1;
    const un = patch(o, k, function (f) {
      if (!on) return set.apply(this, arguments);
      page = typeof f == 'function' && f;
    });
    set.call(o, function () {
      rec.apply(null, arguments);
      if (page) return page.apply(this, arguments);
    });
    return () => { on = 0; un(); set.call(o, page || noop); };
  }
  // Attached when the core runs, again after a restart.
  function attachVendor(v, n, obj) {
    const a = { v, n, obj };
    a.p = new Promise((res, rej) => { a.res = res; a.rej = rej; });
    atts.set(v + US + n, a);
    if (core) attach(a);
    return a.p;
  }
  function attach(a) {
    let err;
    try { err = core.attach(a.v, a.n, a.obj); } catch (e) { err = e; }
    err ? a.rej(toErr(err, 'VENDOR_ERROR')) : a.res();
  }
  // Serialized per getter: the SDK drops the first of two concurrent calls.
  function getter(vendor, target, method, args) {
    const key = [vendor, target, method].join(US), ms = opt.vendorTimeoutMs || 2e3;
    chains.set(key, (chains.get(key) || Promise.resolve()).then(() => new Promise((done) => {
      const fin = (name, v) => { if (t) { clearTimeout(t); t = 0; record(vendor, name, json(v)); done(); } };
      const no = (e) => fin('getterTimeout', { getter: method, ms, error: e ? String(e.message || e) : undefined });
      let t = setTimeout(no, ms);
      try { // obj or TOOLBAR.AGENT etc.
        const obj = atts.get(vendor + US + target).obj, o = [obj, ...Object.values(obj)].find((o) => o && typeof o[method] == 'function');
        record(vendor, 'getterAsked', json({ getter: method })); // the answer is as of now
        Promise.resolve(o[method](...JSON.parse(args || '[]'))).then((v) => fin(method, v), no);
      } catch (e) { no(e); }
    })));
  }

  const isToolbar = (t) => !!(t && t.CONTACT && typeof t.CONTACT.bindContactCallback == 'function');
  function attachToolbar(t) {
    if (stopped) return fail('NOT_READY', STOPPED);
    if (tb) return tb;
    if (t !== undefined && !isToolbar(t)) return fail('BAD_INPUT', 'attachToolbar: not a CTToolbar7 TOOLBAR');
    const bound = t ? Promise.resolve(bindToolbar(t)) : waitToolbar(), use = (t) => attachVendor('ctt7', '', t);
    // A follower binds too (what it hears is kept for a takeover: tabShadow) but leaves the SDK to the leader.
    return (tb = bound.then((t) => (tabs && tabs.role != 'leader' ? whenLeading(() => use(t)) : use(t))));
  }
  function bindToolbar(t) {
    boundAt = Date.now();
    detachers.add(slot(t.CONTACT, 'bindContactCallback', (name, data) => record('ctt7', name, json(data))));
    return t;
  }
  // The setter trap binds before page code can; polling covers other ways to define TOOLBAR.
  function waitToolbar() {
    return new Promise((res, rej) => {
      const ms = opt.vendorTimeoutMs || 1e4, desc = () => Object.getOwnPropertyDescriptor(g, 'TOOLBAR') || {};
      const set = (v) => {
        Object.defineProperty(g, 'TOOLBAR', { value: v, writable: true, configurable: true, enumerable: true });
        if (isToolbar(v)) found(v);
      };
      const end = () => {
        clearTimeout(timer);
        clearInterval(poll);
        tbWait = null;
        if (desc().set == set) delete g.TOOLBAR;
      };
      const found = (v) => { end(); res(bindToolbar(v)); };
      tbWait = (err) => { end(); tb = null; rej(err); };
      const timer = setTimeout(() => tbWait(E('VENDOR_UNAVAILABLE', `no window.TOOLBAR within ${ms} ms; load the CTToolbar7 SDK`, { vendor: 'ctt7' })), ms);
      const poll = setInterval(() => isToolbar(g.TOOLBAR) && found(g.TOOLBAR), 100);
      if (isToolbar(g.TOOLBAR)) found(g.TOOLBAR);
      else if (!desc().get) Object.defineProperty(g, 'TOOLBAR', { get: noop, set, configurable: true });
    });
  }

  const widgets = new WeakMap();
  function attachOwidget(ow, o) {
    const given = o && o.name;
    if (!ow || typeof ow.setAppEventCallback != 'function' || (given !== undefined && (typeof given != 'string' || !given))) {
      throw E('BAD_INPUT', 'attachOwidget(owidget, {name?}): not an owidget, or name not a string');
    }
    if (widgets.has(ow)) return widgets.get(ow);
    let name = given, init = ow.init;
    const widget = () => name || 'default';
    const named = (n) => {
      name = n;
      for (let i = 2; atts.has('mluvii' + US + name); i++) name = n + '#' + i;
      attachVendor('mluvii', name, ow).catch((e) => console.error(`agentshim: mluvii widget ${name}:`, e.message));
    };
    const undo = [
      slot(ow, 'setAppEventCallback', (e) => record('mluvii', (e && e.type) || 'unknown', json(Object.assign({}, e, { widget: widget() })))),
      slot(ow, 'setStatusUpdateCallback', (code) => record('mluvii', 'status', json({ widget: widget(), code }))),
      patch(ow, 'init', function (company, preset) { // the name defaults to the preset
        const r = init.apply(this, arguments);
        if (!name) named(preset || 'default');
        return r;
      }),
    ];
    if (ow.setCustomNumberNormalization) ow.setCustomNumberNormalization(normalize);
    if (given) named(given);
    const detach = () => {
      undo.splice(0).forEach((u) => u());
      if (atts.delete('mluvii' + US + name) && core) core.detach('mluvii', name);
      detachers.delete(detach);
      widgets.delete(ow);
    };
    detachers.add(detach);
    widgets.set(ow, detach);
    return detach;
  }
  // null: invalid (mluvii's rule); without a core, international numbers only.
  function normalize(raw) {
    try { return call('normalize', String(raw)); } catch (e) { /* no core */ }
    const s = String(raw).replace(/[\s().\/-]/g, '').replace(/^00/, '+');
    return /^\+[1-9]\d{7,14}$/.test(s) ? s : null;
  }
  // Attaches before the page's onload runs; the loader reads $owidgetOnLoad late.
  function hookScript(s) {
    if (!s || s.__agentshim || !/OOWidget\.js([?#].*)?$/.test(s.src || '')) return;
    let page = s.$owidgetOnLoad;
    const wrapped = function (ow) {
      try { attachOwidget(ow); } catch (e) { console.error('agentshim: mluvii owidget not attached:', e); }
      if (typeof page == 'function') return page.apply(this, arguments);
    };
    s.__agentshim = () => { delete s.$owidgetOnLoad; s.$owidgetOnLoad = page; };
    Object.defineProperty(s, '$owidgetOnLoad', { get: () => wrapped, set: (f) => { page = f; }, configurable: true, enumerable: true });
    hooked.push(s);
  }
  function unhook() {
    if (mo) mo.disconnect();
    hooked.splice(0).forEach((s) => s.__agentshim());
  }

  // The page's own oto* handlers beyond the documented ones are kept (and recorded) too, and so is any oto* looked up.
  function whisbiEvents(own) {
    const fns = {}, rec = (n) => function (arg) {
      record('whisbi', n, json(arg));
      if (typeof own[n] == 'function') return own[n].apply(this, arguments);
    };
    own = own || {};
    words('otoOpened otoClosed otoPreSessionRequest otoSessionRequested otoInboundClicked otoInboundToWhisbiLoaded otoCallBooked ' +
      'otoCmbRequested otoPinCodeGenerated otoInvalidPhone otoCallError otoNoAgentsAvailable otoSessionStarted otoSessionEnded')
      .concat(Object.keys(own).filter((k) => /^oto/.test(k))).forEach((n) => {
        fns[n] = n == 'otoPreSessionRequest' ? preSession(own) : rec(n);
      });
    return new Proxy(fns, { get: (t, k) => (k in t || !/^oto/.test(String(k)) ? t[k] : (t[k] = rec(k))) });
  }
  // The hook (skipped if it fails), then the page's handler, whose changes win; done() once, within vendorTimeoutMs, with only the fields Whisbi allows.
  function preSession(own) {
    return function (data, done) {
      record('whisbi', 'otoPreSessionRequest', json(data));
      const ms = opt.vendorTimeoutMs || 2e3, hook = opt.whisbi && opt.whisbi.preSession, mine = own.otoPreSessionRequest;
      const warn = (e) => console.error('agentshim: Whisbi preSession:', e);
      let t = setTimeout((e) => { warn(e); once(); }, ms, `no answer within ${ms} ms`), got = {};
      const once = (c = got) => {
        if (!t) return;
        clearTimeout(t);
        t = 0;
        c = Object(c);
        const x = c.customer && c.customer.extra, o = {};
        for (const k of ['seed', 'contentId']) if (typeof c[k] == 'string') o[k] = c[k];
        if (Array.isArray(c.callCenters) && c.callCenters.every((s) => typeof s == 'string')) o.callCenters = c.callCenters.slice();
        if (x != null) o.customer = { extra: typeof x == 'string' ? x : json(x) };
        try { done(o); } catch (e) { console.error('agentshim: Whisbi done() threw', e); }
      };
      const page = (h) => {
        got = Object(h);
        if (typeof mine != 'function') return once();
        try { mine.call(this, data, (m) => once(Object.assign({}, got, JSON.parse(json(m))))); } catch (e) { warn(e); once(); } // JSON: undefined changes nothing
      };
      new Promise((ok) => ok(hook && hook(data))).then(page, (e) => { warn(e); page(); });
    };
  }

  // ---- Several tabs (README, "Several tabs"; PROTOCOL.md, "Mirror mode") ----
  // tabs: 'leader' (default): the tabs of one desk page elect a leader with a Web Lock. Only the leader
  // binds vendor callbacks and calls vendors; after each feed it broadcasts the batch of records it fed,
  // numbered, with the vendor failures. Followers feed the same batches to their own core in mirror mode,
  // so events, seq, replies and state are the same in every tab. A follower's commands and inputs go to
  // the leader, which gives each command its id (ack); the reply settles the follower's promise when the
  // mirrored batch holding it arrives. When the leader's tab closes, the lock passes to a waiting tab,
  // which leaves mirror mode, attaches what the page asked for and goes on from the mirrored seq.
  let tabs = null;
  const following = () => !!tabs && tabs.role == 'follower';
  const tabPost = (m) => { if (!tabs.ended) tabs.ch.postMessage(m); };
  function tabsStart() {
    const L = g.navigator && g.navigator.locks;
    if (opt.tabs == 'single' || !L || !g.BroadcastChannel) return;
    const name = 'agentshim:tabs:' + (g.location ? g.location.pathname : '/'), stop = new AbortController();
    let release = noop, known;
    const hold = () => new Promise((r) => { release = r; }); // held until the tab closes or stop()
    tabs = { role: 'joining', me: Math.random().toString(36).slice(2), n: 0, buf: [], fwd: new Map(), later: [], seen: [], fed: [], solo: [], soloN: 0,
      ch: new g.BroadcastChannel(name), known: new Promise((r) => { known = r; }) };
    tabs.end = () => { tabs.ended = 1; release(); stop.abort(); clearInterval(tabs.hello); tabs.ch.close(); };
    tabs.ch.onmessage = (m) => { try { tabMessage(m.data || {}); } catch (e) { console.error('agentshim: tab message:', e); } };
    const lead = (l) => {
      tabs.role = l ? 'leader' : 'follower';
      if (!l) q.splice(0).forEach(requeue);
      known();
      roleEvent();
      if (l) return hold();
      L.request(name, { signal: stop.signal }, () => { setTimeout(takeOver, 5); return hold(); }).catch(noop);
    };
    L.request(name, { ifAvailable: true }, lead).catch((e) => { console.warn('agentshim: no tab election:', e.message); lead(1); });
  }
  // Records queued before the role was known go to the leader.
  function requeue(r) {
    const [v, n, , id, pl] = r.slice(0, -1).split(US), p = pending.get(+id);
    if (!p) return tabForward(v, n, pl);
    pending.delete(+id);
    tabCommand(n, pl, p.res, p.rej);
  }
  // The shared toolbar already reaches the leader, and the leader ticks.
  function tabForward(vendor, name, payload) {
    if (vendor == 'ctt7') return tabShadow(tabs.seen, tabs.fed, name + US + payload);
    if (vendor == 'facade' && name == 'tick') return;
    tabPost({ t: 'in', from: tabs.me, rec: pack(vendor, name, payload) });
  }
  // Sent once this tab is in step, so that the batch holding the reply is one it feeds.
  function tabCommand(name, payload, res, rej) {
    const ref = ++cmdId, ms = opt.commandTimeoutMs || 1e4;
    tabs.fwd.set(ref, { res, rej, at: Date.now(), name, payload });
    setTimeout(() => { // once acknowledged, the leader's core times it out
      if (tabs.fwd.delete(ref)) rej(E('TIMEOUT', `${name}(): no leader tab took the command within ${ms} ms`));
    }, ms);
    if (tabs.synced) tabResend();
  }
  // again: a new leader gets every command the last one did not acknowledge.
  function tabResend(again) {
    tabs.fwd.forEach((p, ref) => {
      if (p.sent && !again) return;
      p.sent = 1;
      tabPost({ t: 'in', from: tabs.me, ref, rec: pack('facade', p.name, p.payload) });
    });
  }
  // Leader: broadcasts what it fed (the answer passes through). Alone, it keeps its last few hundred
  // records instead (solo): a tab that binds the toolbar, then says hello, hears events that the snapshot
  // it gets already holds; the solo records tell it which (tabMessage, 'state').
  function tabSent(a, batch) {
    if (!tabs || tabs.role != 'leader' || a.error) return a;
    if (tabs.peers) tabPost({ t: 'batch', n: ++tabs.n, recs: batch.join(''), failed: a.failed, cmdId });
    else tabSolo(batch);
    return a;
  }
  function tabSolo(batch) {
    tabs.solo.push(batch);
    tabs.soloN += batch.length;
    while (tabs.soloN - tabs.solo[0].length >= 256) tabs.soloN -= tabs.solo.shift().length;
  }
  function tabJoin(res) {
    tabs.ready = res;
    tabs.synced = 0;
    const hello = () => tabPost({ t: 'hello', from: tabs.me });
    clearInterval(tabs.hello);
    tabs.hello = setInterval(hello, 300); // until a leader answers, or the lock comes here
    hello();
  }
  function tabMessage(m) {
    const mine = m.to == tabs.me, lead = tabs.role == 'leader';
    if (m.cmdId > cmdId) cmdId = m.cmdId; // a new leader numbers on from here
    if (lead && m.t == 'hello' && X) {
      tabs.peers = 1;
      const snap = raw('snapshot', 'null'); // feeds the queue first: n is the batch it reflects
      tabPost({ t: 'state', to: m.from, n: tabs.n, snap, cmdId, solo: tabs.solo.flat().join('') });
      tabs.solo = []; // from now on every batch is broadcast
    } else if (lead && m.t == 'in') {
      tabs.peers = 1;
      const [v, n, , , pl] = m.rec.slice(0, -1).split(US);
      let id = 0;
      if (m.ref) {
        pending.set((id = ++cmdId), { res: noop, rej: noop, at: Date.now() }); // for tick()
        tabPost({ t: 'ack', to: m.from, ref: m.ref, id }); // before the batch that holds it
      }
      enqueue(pack(v, n, pl, id));
    } else if (!following()) return;
    else if (m.t == 'state' && mine && X && !tabs.synced) {
      raw('restore', m.snap);
      tabHeard(m.solo || '', boundAt - 50); // what the snapshot holds need not be fed on a takeover
      tabs.n = m.n;
      tabs.synced = 1;
      clearInterval(tabs.hello);
      tabs.buf.splice(0).forEach(tabBatch);
      tabResend();
      if (tabs.ready) tabs.ready();
    } else if (m.t == 'batch') {
      tabHeard(m.recs);
      tabs.synced ? tabBatch(m) : tabs.buf.push(m);
    }
    else if (m.t == 'ack' && mine && tabs.fwd.has(m.ref)) {
      pending.set(m.id, tabs.fwd.get(m.ref));
      tabs.fwd.delete(m.ref);
    } else if (m.t == 'leader' && tabs.synced) tabResend(1);
  }
  // A follower keeps the toolbar events it hears (seen) until a batch of the leader's shows them fed, and
  // the fed ones it has not heard yet (fed); either may come first. On a takeover, what is left in seen is
  // what the leader never fed (its tab was closing): the new leader feeds it.
  function tabShadow(mine, other, k) {
    const i = other.indexOf(k);
    if (i >= 0) other.splice(i, 1);
    else if (mine.push(k) > 256) mine.shift();
  }
  // A record fed before `since` (the leader's clock, which is this tab's: one browser) came before this tab
  // bound the toolbar, so it will never be heard here: it may only strike out what was heard (a list of its
  // own, thrown away, takes it otherwise).
  function tabHeard(recs, since = 0) {
    for (const r of recs.split('\x1e')) {
      const f = r.split(US);
      if (f[0] == 'ctt7') tabShadow(+f[2] >= since ? tabs.fed : [], tabs.seen, f[1] + US + f[4]);
    }
  }
  function tabBatch(m) {
    if (m.n <= tabs.n || !X) return;
    if (m.n > tabs.n + 1) { tabs.buf.push(m); return tabJoin(tabs.ready); } // a gap: catch up from a snapshot
    tabs.n = m.n;
    feeding = 1;
    try {
      if (m.failed) raw('mirror', json(m.failed));
      answer(JSON.parse(read(x('shim_feed', putAll(m.recs)))), []);
    } catch (e) { inWasm ? crash(e.message) : console.error('agentshim:', e); }
    feeding = 0;
  }
  function takeOver() {
    if (!tabs || tabs.ended) return;
    tabs.role = 'leader';
    tabs.peers = 1;
    clearInterval(tabs.hello);
    try {
      if (X && !tabs.synced && snap) raw('restore', snap); // the leader left before answering
      if (X) raw('mirror', 'false');
    } catch (e) { console.warn('agentshim: taking over:', e.message); }
    tabPost({ t: 'leader', from: tabs.me });
    tabs.seen.splice(0).forEach((k) => { const [n, p] = k.split(US); record('ctt7', n, p); });
    tabs.fwd.forEach((p) => { pending.set(++cmdId, p); record('facade', p.name, p.payload, cmdId); });
    tabs.fwd.clear();
    tabs.later.splice(0).forEach((f) => Promise.resolve().then(f).catch((e) => console.error('agentshim: attaching after taking over:', e.message)));
    if (tabs.ready) tabs.ready();
    roleEvent();
  }
  // Followers remember what to attach; the leader attaches at once.
  function whenLeading(f) {
    if (tabs.role == 'joining') return tabs.known.then(() => (tabs.role == 'leader' ? f() : whenLeading(f)));
    tabs.later.push(f);
    return Promise.resolve();
  }
  // A tab's own news: not a core event, so no seq, and not for '*' listeners.
  function roleEvent() {
    const e = { type: 'role', role: tabs.role, at: new Date().toISOString() };
    deliver('role', e);
  }

  function ingest(e) {
    if (!e || typeof e.eventName != 'string' || !e.eventName) throw E('BAD_INPUT', 'ingest(event): no eventName');
    record('telemarketing', e.eventName, json(e));
  }
  function replay(trace, o = {}) {
    return ready.then(() => {
      for (const k in o) if (!/^(defaultRegion|commandTimeoutMs)$/.test(k)) throw E('BAD_INPUT', `unknown replay option ${k}`);
      const t = typeof trace == 'string' ? trace : json(trace);
      return JSON.parse(raw('replay', Object.keys(o).length ? `{"trace":${t},"options":${json(o)}}` : t)).events;
    });
  }

  const shim = { contact: (id) => call('contact', String(id)) || undefined, role: () => (tabs ? tabs.role : 'leader'), on, stop, ingest };
  words('agent contacts widgets trace snapshot statistics applications campaigns').forEach((n) => { shim[n] = () => call(n); });
  words('login pause logout setGroups dial answer hangup hold resume dtmf record setData wrapup')
    .forEach((n) => { shim[n] = (...args) => command(n, args); });

  // Not public: tests and debugging only.
  const I = { get queue() { return q.slice(); }, get core() { return core; }, get go() { return go; }, call, scriptURL: el && el.src, record, raw, opt: () => opt };
  g.AgentShim = { version: '0.1.0', ready, start, on, attachOwidget, whisbiEvents, attachToolbar, replay, AgentShimError, _internals: I };

  const d = g.document;
  if (d && A.mluvii != 'off') {
    Array.from(d.getElementsByTagName('script')).forEach(hookScript);
    if (g.MutationObserver) {
      mo = new g.MutationObserver((rs) => rs.forEach((r) => r.addedNodes.forEach((n) => n.nodeName == 'SCRIPT' && hookScript(n))));
      mo.observe(d.documentElement, { childList: true, subtree: true });
    }
  }
  // Deferred: an importing module may call start(options) first.
  if (A.autostart !== false) queueMicrotask(() => started || start().catch((e) => started || die(e)));
})(typeof window != 'undefined' ? window : globalThis);
