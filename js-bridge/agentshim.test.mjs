// Unit tests of agentshim.js under Node 20 (`node --test js-bridge/`). Each test loads the file into
// a fresh vm context, the Node stand-in for a page, with a fake Go core that speaks PROTOCOL.md, and,
// where it matters, the vendor fakes of web/fakes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { readFileSync } from 'node:fs';

const SRC = readFileSync(new URL('./agentshim.js', import.meta.url), 'utf8');
const FAKES = new URL('../web/fakes/', import.meta.url);
const US = '\x1f', RS = '\x1e';
const enc = new TextEncoder(), dec = new TextDecoder();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const turn = () => new Promise((r) => setImmediate(r));
const plain = (v) => JSON.parse(JSON.stringify(v)); // values from the vm realm, for deepEqual
async function until(cond, ms = 3000) {
  for (const end = Date.now() + ms; !cond(); await sleep(2)) if (Date.now() > end) assert.fail('timed out waiting');
}
const unpack = (rec) => {
  const [vendor, name, at, id, payload] = rec.slice(0, -1).split(US);
  return { vendor, name, at: +at, id: +id, payload: JSON.parse(payload) };
};

// A stand-in for the Go core: records in, JSON answers out, as PROTOCOL.md says.
// An event as shim_feed answers write it (PROTOCOL.md, "Compact events"):
// [seq, atMillis, type, vendor, contactId|0, from, to|0, payload].
function compact(e) {
  const key = e.type.startsWith('contact') ? 'contact' : e.type;
  return [e.seq, e.at ? Date.parse(e.at) : 0, e.type, e.vendor, e.contactId || 0, 'to' in e ? e.from : null, 'to' in e ? e.to : 0, e[key]];
}

class FakeCore {
  constructor(env) {
    this.env = env;
    this.mem = new WebAssembly.Memory({ initial: 4 });
    this.inPtr = 1024;
    this.inCap = env.inCap || 4096;
    this.feeds = [];
    this.queries = [];
    this.attached = [];
    this.detached = [];
    this.waiting = new Map();
    this.seq = 0;
    this.exports = {
      mem: this.mem,
      shim_in_ptr: () => this.inPtr,
      shim_in_cap: () => this.inCap,
      shim_grow_in: (n) => this.grow(n),
      shim_out_ptr: () => 65536,
      shim_feed: (n) => this.feed(n),
      shim_call: (n) => this.call(n),
    };
    this.api = {
      configure: (o) => { this.configured = o; return env.configureError || null; },
      attach: (v, n, o) => { this.attached.push([v, n, o]); return null; },
      detach: (v, n) => { this.detached.push([v, n]); },
      stop: () => { this.stopped = true; },
      funcs: () => 0,
    };
  }
  // A new, bigger region at the end of memory: memory.buffer is replaced, as when Go grows.
  grow(n) {
    this.grows = (this.grows || 0) + 1;
    const at = this.mem.buffer.byteLength;
    this.mem.grow(Math.ceil(n / 65536));
    this.inPtr = at;
    this.inCap = n;
    return at;
  }
  text(n) { return dec.decode(new Uint8Array(this.mem.buffer, this.inPtr, n)); }
  answer(obj) {
    const b = enc.encode(JSON.stringify(obj));
    new Uint8Array(this.mem.buffer).set(b, 65536);
    return b.length;
  }
  feed(n) {
    assert.equal(this.inside, undefined, 'shim_feed re-entered');
    this.inside = true;
    try {
      const text = this.text(n);
      assert.ok(text.endsWith(RS), 'a batch ends with RS');
      const batch = text.split(RS).slice(0, -1).map((r) => unpack(r + RS));
      this.feeds.push(batch);
      const out = { events: [], replies: [] };
      for (const r of batch) this.step(r, out);
      if (this.env.onFeed) this.env.onFeed(this, batch);
      if (out.error) return this.answer({ error: out.error });
      return this.answer({ ...out, events: out.events.map(compact), pending: this.waiting.size, dirty: out.events.length > 0 });
    } finally { delete this.inside; }
  }
  step(r, out) {
    const at = new Date(r.at).toISOString();
    if (r.vendor !== 'facade') {
      if (r.name === 'boom') { // a Go panic nobody recovered: the program exits, the call traps
        this.go.exit();
        throw new WebAssembly.RuntimeError('unreachable');
      }
      if (r.name === 'panic') out.error = { code: 'CRASHED', message: 'recovered a panic', retryable: true };
      if (r.name === 'contactEvent') { // the event as the test wrote it: a contact in full or as a delta
        out.events.push({ seq: ++this.seq, at, vendor: r.vendor, ...r.payload });
        return;
      }
      out.events.push({ seq: ++this.seq, at, type: 'session', vendor: r.vendor, session: { kind: r.name } });
      return;
    }
    const agent = { id: 'A1', availability: 'ready', state: 'ready', reason: null, groups: [], since: at };
    switch (r.name) {
      case 'hold':
        this.waiting.set(r.id, r.at);
        return;
      case 'tick':
        for (const [id, since] of this.waiting) {
          if (r.at >= since + (this.configured.commandTimeoutMs || 10000)) {
            this.waiting.delete(id);
            out.replies.push({ id, ok: false, error: { code: 'TIMEOUT', message: 'no confirmation', retryable: true } });
          }
        }
        return;
      case 'logout':
        out.replies.push({ id: r.id, ok: false, error: { code: 'INVALID_STATE', message: 'hang up first', vendor: 'ctt7', retryable: false } });
        return;
      default:
        out.events.push({ seq: ++this.seq, at, type: 'agent', vendor: 'facade', from: 'loggedOut', to: 'ready', agent });
        out.replies.push({ id: r.id, ok: true, agent: { ...agent, args: r.payload } });
    }
  }
  call(n) {
    const [q, arg] = this.text(n).split(US);
    this.queries.push(q);
    const a = JSON.parse(arg);
    switch (q) {
      case 'snapshot': return this.answer({ version: 1, seq: this.seq, core: this.env.cores.indexOf(this) });
      case 'restore':
        if (this.feeds.length) return this.answer({ error: { code: 'INVALID_STATE', message: 'restore after feed' } });
        if (a.version !== 1) return this.answer({ error: { code: 'BAD_INPUT', message: 'snapshot version must be 1' } });
        this.restored = a;
        this.seq = a.seq;
        return this.answer({ ok: true });
      case 'agent': return this.answer({ id: 'A1', fed: this.feeds.flat().length });
      case 'contact': return this.answer(null);
      case 'contacts': case 'widgets': return this.answer([]);
      case 'trace': return this.answer({ version: 1, startedAt: '2024-01-01T00:00:00.000Z', events: this.feeds.flat() });
      case 'normalize': return this.answer(a.startsWith('+') ? a.replace(/\s/g, '') : null);
      case 'replay': return this.answer({ events: [{ seq: 1, got: a }] });
    }
    return this.answer({ error: { code: 'BAD_INPUT', message: 'unknown query ' + q } });
  }
}

function storage(init = {}) {
  const m = new Map(Object.entries(init));
  return { map: m, getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k) };
}

// Loads agentshim.js into a new context. opts: attrs (script tag), inCap, status/fetchError/badWasm,
// noGo, exitBeforeReady, configureError, onFeed, session, scripts, MutationObserver, fakes.
function page(opts = {}) {
  const env = { cores: [], fetched: [], errors: [], warns: [], listeners: new Map(), ...opts };
  const attrs = opts.attrs || { 'data-autostart': 'false' };
  class Go {
    constructor() { this.importObject = { gojs: {} }; }
    run(inst) {
      inst.core.go = this;
      return new Promise((resolve) => {
        this.exit = resolve;
        if (env.exitBeforeReady) resolve();
        else ctx.__agentshimLoader.ready(inst.core.api);
      });
    }
  }
  const ctx = {
    console: { error: (...a) => env.errors.push(a), warn: (...a) => env.warns.push(a), log: console.log },
    setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, queueMicrotask, TextEncoder, TextDecoder, URL,
    location: { pathname: '/desk', href: 'https://shop.example/desk' },
    sessionStorage: env.session || (env.session = storage()),
    localStorage: env.local || (env.local = storage()),
    addEventListener: (t, f) => env.listeners.set(t, f),
    removeEventListener: (t, f) => { if (env.listeners.get(t) === f) env.listeners.delete(t); },
    fetch: async (url) => {
      env.fetched.push(url);
      if (env.fetchError) throw new TypeError('Failed to fetch');
      const status = env.status || 200;
      return { ok: status === 200, status, headers: { get: () => 'application/wasm' }, bad: env.badWasm };
    },
    WebAssembly: {
      compileStreaming: async (res) => { if (res.bad) throw new Error('expected magic word 00 61 73 6d'); return {}; },
      instantiate: async () => {
        const core = new FakeCore(env);
        env.cores.push(core);
        return { exports: core.exports, core };
      },
    },
    Go: env.noGo ? undefined : Go,
    document: {
      currentScript: { src: 'https://shop.example/agentshim/agentshim.js', attributes: Object.entries(attrs).map(([name, value]) => ({ name, value })) },
      getElementsByTagName: () => env.scripts || [],
      documentElement: {},
    },
    MutationObserver: env.MutationObserver,
  };
  ctx.window = ctx;
  vm.createContext(ctx);
  vm.runInContext(SRC, ctx, { filename: 'agentshim.js' });
  for (const f of opts.fakes || []) vm.runInContext(readFileSync(new URL(f, FAKES), 'utf8'), ctx, { filename: f });
  return { env, ctx, A: ctx.AgentShim, core: () => env.cores[env.cores.length - 1] };
}
const records = (p) => p.env.cores.flatMap((c) => c.feeds.flat());
const queued = (p) => Array.from(p.A._internals.queue, unpack);
async function rejects(promise, code, re) {
  const err = await promise.then(() => assert.fail('resolved'), (e) => e);
  assert.equal(err.name, 'AgentShimError', String(err));
  assert.equal(err.code, code, err.message);
  if (re) assert.match(err.message, re);
  return err;
}

// --- errors, options, loading ---

test('AgentShimError carries code, message, vendor, contactId and retryable', () => {
  const { A, ctx } = page();
  const e = new A.AgentShimError('TIMEOUT', 'no answer', { vendor: 'ctt7', contactId: 'c1' });
  assert.ok(e instanceof vm.runInContext('Error', ctx));
  assert.deepEqual(plain(e), { message: 'no answer', name: 'AgentShimError', code: 'TIMEOUT', vendor: 'ctt7', contactId: 'c1', retryable: true });
  for (const code of ['VENDOR_UNAVAILABLE', 'NOT_READY', 'CRASHED']) assert.equal(new A.AgentShimError(code, '').retryable, true, code);
  for (const code of ['BAD_INPUT', 'INVALID_STATE', 'UNKNOWN_CONTACT', 'VENDOR_ERROR', 'LOAD_FAILED']) {
    assert.equal(new A.AgentShimError(code, '').retryable, false, code);
  }
  assert.equal(A.version, '0.1.0');
});

test('data- attributes become start options; only the core options reach core.configure', async () => {
  const p = page({ attrs: {
    'data-wasm': '/x/core.wasm', 'data-persist': 'local', 'data-default-region': 'CZ', 'data-command-timeout-ms': '5000',
    'data-redact': '', 'data-webhooks': '{"start":{"url":"/hook"}}', 'data-telemarketing': '/sse', 'data-autostart': 'false', src: 'x',
  } });
  await p.A.start();
  assert.deepEqual(p.env.fetched, ['/x/core.wasm']);
  assert.deepEqual(plain(p.core().configured), { defaultRegion: 'CZ', commandTimeoutMs: 5000, redact: true, webhooks: { start: { url: '/hook' } } });
});

test('without data-wasm the wasm is fetched next to the script, and autostart needs no call', async () => {
  const p = page({ attrs: {} });
  const shim = await p.A.ready;
  assert.deepEqual(p.env.fetched, ['https://shop.example/agentshim/agentshim.wasm']);
  assert.equal(typeof shim.login, 'function');
  await rejects(p.A.start({ persist: 'none' }), 'BAD_INPUT', /already started/);
  assert.equal(await p.A.start(), shim);
});

test('an unknown attribute or option is refused with BAD_INPUT naming it', async () => {
  const bad = page({ attrs: { 'data-persit': 'none' } });
  await rejects(bad.A.ready, 'BAD_INPUT', /persit/);
  assert.deepEqual(bad.env.fetched, []);

  const p = page();
  await rejects(p.A.start({ wasm: '/a.wasm', comandTimeoutMs: 5 }), 'BAD_INPUT', /comandTimeoutMs/);
  await rejects(p.A.start({ persist: 'cookie' }), 'BAD_INPUT', /persist/);
  await rejects(p.A.start({ commandTimeoutMs: -1 }), 'BAD_INPUT', /commandTimeoutMs/);
  await rejects(p.A.start({ telemarketing: '/sse' }), 'BAD_INPUT', /telemarketing/);
  await rejects(p.A.start({ tabs: 'many' }), 'BAD_INPUT', /tabs must be leader or single/);
  assert.deepEqual(p.env.fetched, []);
  await p.A.start({ defaultRegion: 'CZ' }); // refused options leave start() usable
  assert.equal(p.core().configured.defaultRegion, 'CZ');
});

test('the core refusing its options rejects ready with its BAD_INPUT', async () => {
  const p = page({ configureError: { code: 'BAD_INPUT', message: "defaultRegion 'XX' is not a region" } });
  await rejects(p.A.start({ defaultRegion: 'XX' }), 'BAD_INPUT', /XX/);
});

test('ready rejects with LOAD_FAILED when the wasm cannot be fetched, compiled or run', async () => {
  await rejects(page({ status: 404 }).A.start(), 'LOAD_FAILED', /agentshim\.wasm: HTTP 404/);
  await rejects(page({ fetchError: true }).A.start(), 'LOAD_FAILED', /Failed to fetch/);
  await rejects(page({ badWasm: true }).A.start(), 'LOAD_FAILED', /magic word/);
  await rejects(page({ noGo: true }).A.start(), 'LOAD_FAILED', /wasm_exec/);
  await rejects(page({ exitBeforeReady: true }).A.start(), 'LOAD_FAILED', /exited/);
  const p = page({ status: 500 });
  const seen = [];
  p.A.on('error', (e) => seen.push(e));
  await p.A.start().catch(() => {});
  assert.equal(seen.length, 1);
  assert.equal(seen[0].error.code, 'LOAD_FAILED');
});

// --- records, feeding, listeners ---

test('vendor callbacks before the core runs are packed, then fed in order, several per shim_feed', async () => {
  const p = page({ inCap: 200 });
  const ev = p.A.whisbiEvents();
  ev.otoOpened();
  ev.otoPinCodeGenerated({ pinCode: 'P1' });
  const tb = { CONTACT: { bindContactCallback(fn) { this.fn = fn; } } };
  p.A.attachToolbar(tb);
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  tb.CONTACT.fn('RING\nING\x1f\x1e', '{"id":"c1"}');
  tb.CONTACT.fn('POPUP', { id: 'c1', CallData: [{ name: 'ECID', value: 'e|1' }] });
  tb.CONTACT.fn('odd', cyclic);
  const before = Date.now();
  const q = queued(p);
  assert.deepEqual(q.map((r) => [r.vendor, r.name, r.id]), [
    ['whisbi', 'otoOpened', 0], ['whisbi', 'otoPinCodeGenerated', 0], ['ctt7', 'RINGING', 0], ['ctt7', 'POPUP', 0], ['ctt7', 'odd', 0]]);
  assert.equal(q[0].payload, null);
  assert.equal(q[2].payload, '{"id":"c1"}', 'a string payload is a JSON string');
  assert.deepEqual(q[3].payload, { id: 'c1', CallData: [{ name: 'ECID', value: 'e|1' }] });
  assert.equal(q[4].payload, '[object Object]', 'what JSON cannot hold is recorded as text');
  assert.ok(q.every((r) => r.at <= before && r.at > before - 5000));

  await p.A.start();
  await turn();
  const core = p.core();
  assert.deepEqual(records(p).map((r) => r.name), q.map((r) => r.name));
  assert.ok(core.feeds.length >= 2 && core.feeds.length < q.length, `batched: ${core.feeds.map((f) => f.length)}`);
  assert.equal(p.A._internals.queue.length, 0);
});

test('a record bigger than the input buffer grows it; later records still batch', async () => {
  const p = page({ inCap: 64 });
  await p.A.start();
  const ev = p.A.whisbiEvents();
  ev.otoCallBooked({ extra: 'é'.repeat(300) });
  ev.otoOpened();
  ev.otoClosed();
  await turn();
  const core = p.core();
  assert.equal(core.grows, 1);
  assert.deepEqual(records(p).map((r) => r.name), ['otoCallBooked', 'otoOpened', 'otoClosed']);
  assert.equal(records(p)[0].payload.extra, 'é'.repeat(300));
});

test('records whose text outgrows the input buffer in bytes go in the next feed, whole and in order', async () => {
  const p = page({ inCap: 130 });
  await p.A.start();
  const ev = p.A.whisbiEvents();
  for (let i = 0; i < 4; i++) ev.otoCallBooked({ extra: 'é'.repeat(10) + i }); // ~60 characters, ~70 bytes each
  await turn();
  const core = p.core();
  assert.equal(core.grows, undefined, 'records that fit one by one never grow the buffer');
  assert.deepEqual(core.feeds.map((f) => f.length), [1, 1, 1, 1]);
  assert.deepEqual(records(p).map((r) => r.payload.extra), [0, 1, 2, 3].map((i) => 'é'.repeat(10) + i));
});

test('contact deltas: listeners get the whole contact as of each event, their own copy', async () => {
  const p = page();
  await p.A.start();
  const seen = [];
  p.A.on('*', (e) => seen.push(e));
  p.A.on('contact', (e) => { e.contact.data.mine = 'x'; e.contact.state = 'changed by a listener'; });
  const send = (type, contact) => p.A._internals.record('ctt7', 'contactEvent', JSON.stringify({ type, contactId: 'c1', contact }));
  const full = { id: 'c1', vendor: 'ctt7', channel: 'voice', direction: 'inbound', state: 'offered', number: null, data: { ECID: 'e1' },
    createdAt: '2024-01-01T00:00:00.000Z', connectedAt: null, endedAt: null, scheduledFor: null, outcome: null, endReason: null };
  send('contact', full);
  send('contact', { state: 'ringing' });
  send('contact.data', { data: { ECID: 'e2', LANG: 'IT' } });
  await turn();
  send('contact', { state: 'connected', connectedAt: '2024-01-01T00:00:09.000Z' });
  send('contact.removed', {});
  await turn();
  assert.deepEqual(seen.map((e) => Object.keys(e.contact)), seen.map(() => Object.keys(full)), 'every key, in the snapshot order');
  assert.deepEqual(plain(seen.map((e) => [e.type, e.contact.data])), [
    ['contact', { ECID: 'e1', mine: 'x' }], ['contact', { ECID: 'e1', mine: 'x' }], ['contact.data', { ECID: 'e2', LANG: 'IT' }],
    ['contact', { ECID: 'e2', LANG: 'IT', mine: 'x' }], ['contact.removed', { ECID: 'e2', LANG: 'IT' }]]);
  assert.deepEqual(seen.map((e) => e.contact.state), ['changed by a listener', 'changed by a listener', 'ringing', 'changed by a listener', 'connected']);
  assert.equal(seen[4].contact.connectedAt, '2024-01-01T00:00:09.000Z');
  assert.equal(seen[1].contact.connectedAt, null, 'a kept event keeps the contact as of its time');
  assert.deepEqual(p.env.errors, []);

  // After the removal, and after an answer the loader drops (a recovered panic), the core sends the contact in full again.
  send('contact', { state: 'ended' });
  await turn();
  assert.match(String(p.env.errors[0]), /delta without its snapshot/);
  send('contact', full);
  await turn();
  p.A._internals.record('ctt7', 'panic', '{}');
  await turn();
  send('contact', { state: 'ringing' });
  await turn();
  assert.equal(p.env.errors.filter((e) => /delta without/.test(String(e))).length, 2, 'the panic answer cleared what the loader knew');
});

test('compact events: listeners get the keys of the contract, in its order, and at as ISO text (or null)', async () => {
  const p = page();
  await p.A.start();
  const seen = [];
  p.A.on('*', (e) => seen.push(e));
  const send = (o) => p.A._internals.record('ctt7', 'contactEvent', JSON.stringify(o));
  const t0 = '2024-05-01T10:00:00.000Z', t1 = '2024-05-01T10:00:00.001Z';
  send({ type: 'contact', contactId: 'c1', from: null, to: 'offered', at: t0, contact: { id: 'c1', state: 'offered', data: {} } });
  send({ type: 'contact.data', contactId: 'c1', at: t0, contact: { data: { k: 'v' } } });
  send({ type: 'session', at: null, session: { kind: 'x' } });
  send({ type: 'campaign', at: t1, campaign: { kind: 'status', id: 'k1', status: null, record: null } });
  send({ type: 'campaign', at: t1, from: 'paused', to: 'running', campaign: { kind: 'status', id: 'k1', status: 'running', record: null } });
  send({ type: 'agent', from: null, to: 'ready', agent: { id: 'A1' } });
  const t2 = '2024-05-01T10:00:01.042Z', t3 = '1969-12-31T23:59:59.999Z', t4 = '2024-05-01T10:00:01.100Z';
  for (const at of [t2, t3, t4, t1]) send({ type: 'session', at, session: { kind: 'x' } });
  await turn();
  assert.deepEqual(seen.map((e) => Object.keys(e).join()), [
    'seq,at,type,vendor,contactId,from,to,contact', 'seq,at,type,vendor,contactId,contact', 'seq,at,type,vendor,session',
    'seq,at,type,vendor,campaign', 'seq,at,type,vendor,from,to,campaign', 'seq,at,type,vendor,from,to,agent',
    ...Array(4).fill('seq,at,type,vendor,session')]);
  assert.deepEqual(seen.map((e, i) => i == 5 || e.at), [t0, t0, null, t1, t1, true, t2, t3, t4, t1]);
  assert.match(seen[5].at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.deepEqual(plain([seen[0].from, seen[4].from, seen[4].to, seen[1].contact.data]), [null, 'paused', 'running', { k: 'v' }]);
  assert.deepEqual(p.env.errors, []);
});

test('answers are read as UTF-8 whether short or long, ASCII or not (short ASCII ones are decoded by hand)', async () => {
  const p = page();
  await p.A.start();
  const seen = [];
  p.A.on('contact.data', (e) => seen.push(e.contact.data.NAME));
  const names = ['Novak', 'Jiří Novák 😀', 'x'.repeat(5000), 'ž'.repeat(3000), '\u0000\u007f"\\'];
  for (const NAME of names) {
    p.A._internals.record('ctt7', 'contactEvent', JSON.stringify({ type: 'contact.data', contactId: 'c1', contact: { id: 'c1', data: { NAME } } }));
    await turn(); // one record an answer
  }
  assert.deepEqual(seen, names);
  assert.deepEqual(p.env.errors, []);
});

test('listeners get events in seq order, type listeners first; a throwing one does not stop the others', async () => {
  const p = page();
  const seen = [];
  p.A.on('*', (e) => seen.push('*' + e.seq));
  const off = p.A.on('session', (e) => { seen.push('s' + e.seq); if (e.seq === 2) throw new Error('listener bug'); });
  p.A.on('session', () => seen.push('second'));
  assert.throws(() => p.A.on('sesion', () => {}), (e) => e.code === 'BAD_INPUT');
  assert.throws(() => p.A.on('session'), (e) => e.code === 'BAD_INPUT');
  const ev = p.A.whisbiEvents();
  ev.otoOpened();
  ev.otoClosed();
  await p.A.start();
  await turn();
  assert.deepEqual(seen, ['s1', 'second', '*1', 's2', 'second', '*2']);
  assert.equal(p.env.errors.length, 1);
  off();
  ev.otoOpened();
  await turn();
  assert.deepEqual(seen.slice(6), ['second', '*3']);
});

test('an unsubscribe during dispatch stops the later listener at once', async () => {
  const p = page();
  const seen = [];
  let offB;
  p.A.on('session', () => { seen.push('a'); offB(); });
  offB = p.A.on('session', () => seen.push('b'));
  p.A.whisbiEvents().otoOpened();
  await p.A.start();
  await turn();
  assert.deepEqual(seen, ['a']);
});

test('a vendor callback made by Go during shim_feed is queued and fed right after, never re-entrant', async () => {
  let fn;
  const p = page({ onFeed: (core, batch) => { if (batch[0].name === 'first') fn('second', {}); } });
  p.A.attachToolbar({ CONTACT: { bindContactCallback(f) { fn = f; } } });
  await p.A.start();
  fn('first', {});
  await turn();
  assert.deepEqual(p.core().feeds.map((b) => b.map((r) => r.name)), [['first'], ['second']]);
});

// --- commands ---

test('commands made before ready are queued; replies settle them with snapshots or AgentShimErrors', async () => {
  const p = page();
  p.A.start();
  const shim = await p.A.ready;
  const login = shim.login();
  const dial = shim.dial('+420777666555', { serviceId: 7 });
  const logout = shim.logout();
  assert.equal((await login).id, 'A1');
  assert.deepEqual(plain((await dial).args), ['+420777666555', { serviceId: 7 }]);
  const err = await rejects(logout, 'INVALID_STATE', /hang up/);
  assert.equal(err.vendor, 'ctt7');
  assert.equal(err.retryable, false);
  const facade = records(p).filter((r) => r.vendor === 'facade');
  assert.deepEqual(facade.map((r) => [r.name, r.id > 0]), [['login', true], ['dial', true], ['logout', true]]);
  assert.equal(new Set(facade.map((r) => r.id)).size, 3);
});

test('arguments that are not JSON values are refused at once', async () => {
  const p = page();
  const shim = await p.A.start();
  const cyclic = {};
  cyclic.c = cyclic;
  await rejects(shim.setData('c1', 'k', cyclic), 'BAD_INPUT', /setData/);
  await rejects(shim.dial('+420777666555', { callData: () => 1 }), 'BAD_INPUT', /callData/);
  await rejects(shim.record('c1', 10n), 'BAD_INPUT', /BigInt/);
  await turn();
  assert.equal(records(p).length, 0);
});

test('while commands wait for a vendor, a tick after commandTimeoutMs lets them time out', async () => {
  const p = page();
  const shim = await p.A.start({ commandTimeoutMs: 40 });
  const t0 = Date.now();
  const err = await rejects(shim.hold('c1'), 'TIMEOUT');
  assert.ok(Date.now() - t0 >= 40, 'not before the deadline');
  assert.equal(err.retryable, true);
  const ticks = records(p).filter((r) => r.name === 'tick');
  assert.equal(ticks.length, 1);
  assert.equal(ticks[0].payload, null);
});

test('queries are synchronous and see every record received so far', async () => {
  const p = page();
  const shim = await p.A.start();
  p.A.whisbiEvents().otoOpened();
  assert.equal(shim.agent().fed, 1);
  assert.deepEqual(plain(shim.contacts()), []);
  assert.equal(shim.contact('nope'), undefined);
  assert.equal(shim.trace().events.length, 1);
  assert.equal(shim.snapshot().version, 1);
  assert.deepEqual(plain(shim.widgets()), []);
});

test('replay resolves to the events of the core; options are passed along', async () => {
  const p = page();
  const trace = { version: 1, startedAt: '2024-01-01T00:00:00Z', events: [] };
  const done = p.A.replay(trace);
  await p.A.start();
  assert.deepEqual(plain(await done), [{ seq: 1, got: trace }]);
  assert.deepEqual(plain(await p.A.replay(JSON.stringify(trace), { defaultRegion: 'CZ' })), [{ seq: 1, got: { trace, options: { defaultRegion: 'CZ' } } }]);
  await rejects(p.A.replay(trace, { region: 'CZ' }), 'BAD_INPUT', /region/);
});

// --- persistence and crashes ---

test('a dirty answer saves the snapshot in sessionStorage; pagehide saves it at once', async () => {
  const p = page();
  await p.A.start();
  const ev = p.A.whisbiEvents();
  ev.otoOpened();
  await turn();
  ev.otoClosed();
  await sleep(5);
  const key = 'agentshim:v1:/desk';
  assert.deepEqual(JSON.parse(p.env.session.getItem(key)), { version: 1, seq: 2, core: 0 });
  ev.otoOpened();
  p.env.listeners.get('pagehide')();
  assert.equal(JSON.parse(p.env.session.getItem(key)).seq, 3, 'pagehide saves at once');
});

test('several dirty answers in one task make one snapshot', async () => {
  const p = page({ inCap: 40 });
  await p.A.start();
  const ev = p.A.whisbiEvents();
  for (let i = 0; i < 5; i++) ev.otoOpened();
  await turn();
  assert.ok(p.core().feeds.length > 1);
  await sleep(5);
  assert.equal(p.core().queries.filter((q) => q === 'snapshot').length, 1);
});

test('a stored snapshot is restored before any record is fed; persist none neither reads nor writes', async () => {
  const key = 'agentshim:v1:/desk';
  const p = page({ session: storage({ [key]: '{"version":1,"seq":41}' }) });
  p.A.whisbiEvents().otoOpened();
  const seqs = [];
  p.A.on('*', (e) => seqs.push(e.seq));
  await p.A.start();
  await turn();
  assert.deepEqual(plain(p.core().restored), { version: 1, seq: 41 });
  assert.deepEqual(seqs, [42]);

  const none = page({ session: storage({ [key]: '{"version":1,"seq":41}' }) });
  await none.A.start({ persist: 'none' });
  none.A.whisbiEvents().otoOpened();
  await sleep(5);
  assert.equal(none.core().restored, undefined);
  assert.equal(none.env.session.getItem(key), '{"version":1,"seq":41}');
});

test('a snapshot the core refuses is dropped with a warning, and the core starts afresh', async () => {
  const key = 'agentshim:v1:/desk';
  const p = page({ session: storage({ [key]: '{"version":0}' }) });
  const shim = await p.A.start();
  assert.equal(p.env.session.getItem(key), null);
  assert.match(p.env.warns[0].join(' '), /version/);
  assert.equal((await shim.login()).id, 'A1');
});

test('after a crash: pending commands reject CRASHED, an error event follows, a new core restores and re-attaches', async () => {
  const p = page();
  const tb = { CONTACT: { bindContactCallback(f) { this.fn = f; } } };
  p.A.attachToolbar(tb);
  const shim = await p.A.start();
  tb.CONTACT.fn('LOGGEDIN', {});
  await sleep(5); // fed as seq 1, and persisted
  const seen = [];
  p.A.on('*', (e) => seen.push([e.seq, e.type, e.error && e.error.code]));
  const waiting = shim.hold('c1');
  await turn();
  tb.CONTACT.fn('boom', {});
  await rejects(waiting, 'CRASHED', /restarting/);
  assert.deepEqual(seen, [[2, 'error', 'CRASHED']]);
  await sleep(5);
  const [old, now] = p.env.cores;
  assert.ok(now, 'a new core runs');
  assert.deepEqual(plain(now.restored), { version: 1, seq: 1, core: 0 });
  assert.deepEqual(now.attached.map(([v, n, o]) => [v, n, o === tb]), [['ctt7', '', true]]);
  tb.CONTACT.fn('after', {});
  assert.equal((await shim.login()).id, 'A1');
  assert.deepEqual(now.feeds.flat().map((r) => r.name), ['after', 'login']);
  assert.equal(old.feeds.flat().some((r) => r.name === 'after'), false);
});

test('a Go program that exits is restarted; the third crash within 60 s gives up with LOAD_FAILED', async () => {
  const p = page();
  const shim = await p.A.start();
  const codes = [];
  p.A.on('error', (e) => codes.push(e.error.code));
  p.core().go.exit();
  await sleep(5);
  assert.equal(p.env.cores.length, 2);
  assert.equal((await shim.login()).id, 'A1');
  p.core().go.exit();
  await sleep(5);
  p.core().go.exit();
  await sleep(5);
  assert.equal(p.env.cores.length, 3);
  assert.deepEqual(codes, ['CRASHED', 'CRASHED', 'CRASHED', 'LOAD_FAILED']);
  await rejects(shim.login(), 'LOAD_FAILED', /3 times/);
  assert.throws(() => shim.agent(), (e) => e.code === 'NOT_READY');
});

test('a panic the core recovered fails the commands of its batch, reports CRASHED, and the core goes on', async () => {
  const p = page();
  const shim = await p.A.start();
  const codes = [];
  p.A.on('error', (e) => codes.push(e.error.code));
  let fn;
  p.A.attachToolbar({ CONTACT: { bindContactCallback(f) { fn = f; } } });
  const lost = shim.login();
  fn('panic', {}); // fed in the same batch as login
  await rejects(lost, 'CRASHED', /recovered/);
  assert.deepEqual(codes, ['CRASHED']);
  assert.equal((await shim.login()).id, 'A1');
  assert.equal(p.env.cores.length, 1);
});

test('stop() releases everything: vendors unwrapped, pending commands NOT_READY, core.stop(), no pagehide', async () => {
  const p = page();
  const page1 = [];
  const tb = { CONTACT: { bindContactCallback(f) { this.fn = f; } } };
  p.A.attachToolbar(tb);
  const shim = await p.A.start();
  tb.CONTACT.bindContactCallback((name) => page1.push(name));
  const waiting = shim.hold('c1');
  await turn();
  const core = p.core();
  shim.stop();
  await rejects(waiting, 'NOT_READY', /stopped/);
  assert.equal(core.stopped, true);
  assert.equal(p.env.listeners.has('pagehide'), false);
  tb.CONTACT.fn('after', {});
  assert.deepEqual(page1, ['after'], 'the page callback is bound alone again');
  assert.equal(Object.prototype.hasOwnProperty.call(tb.CONTACT, 'bindContactCallback'), true);
  await rejects(shim.login(), 'NOT_READY');
  assert.throws(() => shim.agent(), (e) => e.code === 'NOT_READY');
  await rejects(p.A.start(), 'NOT_READY');
  assert.equal(core.feeds.flat().some((r) => r.name === 'after'), false);
});

// --- CTToolbar7 (web/fakes/cttoolbar7.js) ---

test('attachToolbar() binds the moment window.TOOLBAR appears; the page callback bound later gets every event too', async () => {
  const p = page();
  p.ctx.CTT7FakeConfig = { loadDelayMs: 15, options: { payloadForm: 'mixed' } };
  const attached = p.A.attachToolbar();
  vm.runInContext(readFileSync(new URL('cttoolbar7.js', FAKES), 'utf8'), p.ctx);
  const fake = p.ctx.CTT7Fake;
  assert.equal(p.ctx.TOOLBAR, undefined);
  await sleep(30);
  const pageSaw = [];
  p.ctx.TOOLBAR.CONTACT.bindContactCallback(function (name, data) { pageSaw.push([name, typeof data, this]); });
  fake.inbound({ ani: '0212345678' });
  await fake.flush();
  const names = Array.from(fake.delivered, (d) => d.name);
  assert.deepEqual(pageSaw.map((x) => x[0]), names);
  assert.ok(pageSaw.some((x) => x[1] === 'string') && pageSaw.some((x) => x[1] === 'object'));
  assert.deepEqual(queued(p).map((r) => r.name), names);
  const asText = fake.delivered.findIndex((d) => typeof d.data === 'string');
  assert.deepEqual(queued(p)[asText].payload, fake.delivered[asText].data, 'a string payload is recorded as a JSON string');

  await p.A.start();
  await attached;
  assert.deepEqual(p.core().attached.map(([v, n, o]) => [v, n, o === p.ctx.TOOLBAR]), [['ctt7', '', true]]);
  (await p.A.ready).stop();
  fake.inbound({});
  await fake.flush();
  assert.equal(pageSaw.length, fake.delivered.length, 'after stop() the page callback alone');
  assert.equal(p.core().feeds.flat().length, names.length);
});

test('attachToolbar() gives up with VENDOR_UNAVAILABLE after vendorTimeoutMs and removes its trap', async () => {
  const p = page({ attrs: { 'data-autostart': 'false', 'data-vendor-timeout-ms': '20' } });
  const err = await rejects(p.A.attachToolbar(), 'VENDOR_UNAVAILABLE', /20 ms/);
  assert.equal(err.vendor, 'ctt7');
  assert.equal(Object.getOwnPropertyDescriptor(p.ctx, 'TOOLBAR'), undefined);
  await rejects(p.A.attachToolbar({}), 'BAD_INPUT');
  const tb = { CONTACT: { bindContactCallback() {} } };
  await p.A.start();
  await p.A.attachToolbar(tb); // may be tried again
  assert.equal(p.A.attachToolbar(), p.A.attachToolbar(tb), 'attached once');
});

// Answers only: the loader records a getterAsked record before each call.
const answers = (p) => queued(p).filter((r) => r.name !== 'getterAsked');

test('getters run one at a time per name and answer as records', async () => {
  const p = page({ fakes: ['cttoolbar7.js'] });
  const fake = p.ctx.CTT7Fake;
  p.A.attachToolbar(p.ctx.TOOLBAR);
  const get = p.ctx.__agentshimLoader.getter;
  p.ctx.TOOLBAR.AGENT.setAgentGroups(['101']);
  get('ctt7', '', 'getAgentGroups', '[]');
  get('ctt7', '', 'getAgentGroups', '[]'); // the SDK alone would drop the first of these two
  get('ctt7', '', 'getAgentID', '[]'); // another getter: not serialized behind them
  get('ctt7', '', 'GetCallDataValueByName', JSON.stringify([{ CallData: [{ name: 'ECID', value: 'e7' }] }, 'ECID']));
  await turn();
  assert.equal(fake.calls.filter((c) => c.method === 'AGENT.getAgentGroups').length, 1, 'the second waits for the first');
  await until(() => answers(p).length === 4);
  const groups = [{ id: '101', description: fake.options.availableGroups[0].description }];
  const names = queued(p).map((r) => r.name + (r.name == 'getterAsked' ? ':' + r.payload.getter : ''));
  for (const n of ['getAgentGroups', 'getAgentID', 'GetCallDataValueByName']) {
    assert.ok(names.indexOf('getterAsked:' + n) < names.indexOf(n), `${n} asked before answered`);
  }
  assert.equal(names.lastIndexOf('getterAsked:getAgentGroups') < names.lastIndexOf('getAgentGroups'), true);
  assert.deepEqual(answers(p).map((r) => [r.name, r.payload]).sort(), [
    ['GetCallDataValueByName', 'e7'], ['getAgentGroups', groups], ['getAgentGroups', groups], ['getAgentID', 'AGENT1001@felixct7']]);
  assert.equal(fake.calls.filter((c) => c.method === 'AGENT.getAgentGroups').length, 2);
});

test('a getter that never answers is reported as getterTimeout after vendorTimeoutMs; the next call then runs', async () => {
  const p = page({ attrs: { 'data-autostart': 'false', 'data-vendor-timeout-ms': '40' }, fakes: ['cttoolbar7.js'] });
  const fake = p.ctx.CTT7Fake;
  p.A.attachToolbar(p.ctx.TOOLBAR);
  const get = p.ctx.__agentshimLoader.getter;
  fake.neverConfirm('getAgentState');
  const t0 = Date.now();
  get('ctt7', '', 'getAgentState', '[]');
  get('ctt7', '', 'getAgentState', '[]');
  await turn();
  assert.equal(fake.calls.filter((c) => c.method === 'AGENT.getAgentState').length, 1);
  await until(() => answers(p).length === 2);
  // Two 40 ms timeouts: ~80 ms one after the other, ~40 side by side. Node's timers may fire up to a
  // millisecond early by Date.now(), so the bound leaves a few.
  assert.ok(Date.now() - t0 >= 75, 'one timeout after the other');
  assert.deepEqual(answers(p).map((r) => [r.name, r.payload]), [
    ['getterTimeout', { getter: 'getAgentState', ms: 40 }], ['getterTimeout', { getter: 'getAgentState', ms: 40 }]]);
  get('ctt7', '', 'noSuchGetter', '[]');
  await until(() => answers(p).length === 3);
  assert.equal(answers(p)[2].payload.getter, 'noSuchGetter');
  assert.equal(typeof answers(p)[2].payload.error, 'string', 'a getter that throws answers at once, with the error');
});

// --- mluvii (web/fakes/OOWidget.js) ---

function mluviiPage(extra = {}) {
  const log = [];
  const el = {
    src: '/fakes/OOWidget.js',
    $owidgetOnLoad(ow) { // the vendor's documented loader code
      log.push(['onload', queued(p).length]);
      ow.setStatusUpdateCallback((code) => log.push(['status', code]));
      ow.init('3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'NewWidget');
      ow.setAppEventCallback(function (e) { log.push(['app', e.type]); });
      ow.connectToServer();
    },
  };
  const p = page({ scripts: [el], ...extra });
  vm.runInContext(readFileSync(new URL('OOWidget.js', FAKES), 'utf8'), p.ctx);
  return { p, el, log, fake: p.ctx.MluviiFake };
}

test('the automatic hook attaches each owidget before the page onload; page callbacks keep working', async () => {
  const { p, log, fake } = mluviiPage();
  await fake.settle();
  fake.visitorStartsChat('NewWidget');
  fake.operatorAccepts('NewWidget');
  await fake.settle();
  assert.deepEqual(log, [['onload', 0], ['status', 1], ['app', 'chatWindowOpen'], ['app', 'chatSessionCreated'], ['app', 'chatSessionStarted']]);
  assert.deepEqual(queued(p).map((r) => [r.vendor, r.name, r.payload]), [
    ['mluvii', 'status', { widget: 'NewWidget', code: 1 }],
    ['mluvii', 'chatWindowOpen', { type: 'chatWindowOpen', widget: 'NewWidget' }],
    ['mluvii', 'chatSessionCreated', { type: 'chatSessionCreated', widget: 'NewWidget' }],
    ['mluvii', 'chatSessionStarted', { type: 'chatSessionStarted', widget: 'NewWidget' }]]);
  const ow = fake.widgets.NewWidget.owidget;
  assert.equal(p.A.attachOwidget(ow), p.A.attachOwidget(ow, { name: 'Other' }), 'attached once');
  assert.throws(() => p.A.attachOwidget({}), (e) => e.code === 'BAD_INPUT');

  assert.equal(fake.visitorTypesPhone('NewWidget', '00420 777 666 555'), '+420777666555', 'before the core: international numbers');
  assert.equal(fake.visitorTypesPhone('NewWidget', '777'), null);
  const shim = await p.A.start();
  assert.deepEqual(p.core().attached.map(([v, n, o]) => [v, n, o === ow]), [['mluvii', 'NewWidget', true]]);
  assert.equal(fake.visitorTypesPhone('NewWidget', '+420 777'), '+420777', 'the core normalizes');
  assert.ok(p.core().queries.includes('normalize'));

  shim.stop();
  fake.closeWindow('NewWidget');
  await fake.settle();
  assert.deepEqual(log.slice(-2), [['app', 'chatSessionEnded'], ['app', 'chatWindowClosed']]);
  assert.equal(p.core().feeds.flat().length, 4);
  assert.deepEqual(p.core().detached, [['mluvii', 'NewWidget']]);
});

test('loader scripts added later are hooked too, also when the page sets $owidgetOnLoad after inserting them', async () => {
  let observe;
  class MutationObserver { constructor(fn) { observe = fn; } observe() {} disconnect() { observe = null; } }
  const p = page({ MutationObserver });
  vm.runInContext(readFileSync(new URL('OOWidget.js', FAKES), 'utf8'), p.ctx);
  const fake = p.ctx.MluviiFake;
  const el = { nodeName: 'SCRIPT', src: 'https://app.mluvii.com/widget/OOWidget.js?v=2' };
  observe([{ addedNodes: [el] }]);
  const seen = [];
  el.$owidgetOnLoad = (ow) => { ow.init(['3f2504e0-4f89-41d3-9a0c-0305e82c3301', 7], 'Ceniky'); ow.setAppEventCallback((e) => seen.push(e.type)); ow.connectToServer(); };
  await fake.loadScript(el);
  fake.visitorOpens('Ceniky');
  await fake.settle();
  assert.deepEqual(seen, ['chatWindowOpen']);
  assert.deepEqual(queued(p).map((r) => r.payload.widget), ['Ceniky', 'Ceniky']);
  const shim = await p.A.start();
  shim.stop();
  assert.equal(observe, null, 'stop() disconnects the observer');
  assert.equal(typeof Object.getOwnPropertyDescriptor(el, '$owidgetOnLoad').value, 'function', 'and unwraps the element');
});

test('data-mluvii="off" leaves loader scripts alone', async () => {
  const el = { src: '/fakes/OOWidget.js', $owidgetOnLoad() {} };
  const p = page({ scripts: [el], attrs: { 'data-autostart': 'false', 'data-mluvii': 'off' } });
  assert.equal(typeof Object.getOwnPropertyDescriptor(el, '$owidgetOnLoad').value, 'function');
  assert.equal(p.A._internals.queue.length, 0);
});

test('a widget attached by hand is named after its init preset, or the name given', async () => {
  const p = page({ fakes: ['OOWidget.js'] });
  const fake = p.ctx.MluviiFake;
  const a = await fake.loadScript({ src: 'OOWidget.js' });
  const b = await fake.loadScript({ src: 'OOWidget.js' });
  p.A.attachOwidget(a);
  p.A.attachOwidget(b, { name: 'sales' });
  a.init('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
  b.init('3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'Ceniky');
  a.connectToServer();
  b.connectToServer();
  await fake.settle();
  assert.deepEqual(queued(p).map((r) => r.payload.widget), ['default', 'sales']);
});

// --- Whisbi (web/fakes/whisbi.js) ---

const customer = { name: 'Jana', phone: '+420777666555', email: 'j@example.com' };
function whisbiPage(opts, own) {
  const p = page({ fakes: ['whisbi.js'], ...opts });
  const events = p.A.whisbiEvents(own);
  p.ctx.Whisbi.init({ version: 1, api: { apiKey: 'k', primarySeed: 'seed-1', contentId: 'c-1', callCenters: ['cc-1'] }, events });
  return { p, events, fake: p.ctx.WhisbiFake };
}

test('whisbiEvents() has every oto* handler; each records and calls the page handler', async () => {
  const seen = [];
  const { p, events, fake } = whisbiPage({}, { otoOpened() { seen.push(['opened', arguments.length]); }, otoLater(x) { seen.push(['later', x]); } });
  const names = 'otoOpened otoClosed otoPreSessionRequest otoSessionRequested otoInboundClicked otoInboundToWhisbiLoaded otoCallBooked otoCmbRequested otoPinCodeGenerated otoInvalidPhone otoCallError otoNoAgentsAvailable otoSessionStarted otoSessionEnded otoLater';
  assert.deepEqual(Object.keys(events).sort(), names.split(' ').sort());
  fake.open();
  fake.showInbound();
  await fake.settle();
  events.otoLater(5);
  assert.deepEqual(seen, [['opened', 0], ['later', 5]]);
  assert.deepEqual(queued(p).map((r) => [r.name, r.payload]), [
    ['otoPinCodeGenerated', { pinCode: 'P00001' }], ['otoOpened', null],
    ['otoInboundToWhisbiLoaded', plain(fake.calls.at(-1).arg)], ['otoLater', 5]]);
});

test('otoPreSessionRequest: done() once, with only seed, contentId, callCenters and customer.extra from the hook', async () => {
  const { p, fake } = whisbiPage();
  await p.A.start({ whisbi: { preSession: async (data) => ({ seed: data.seed + '-x', contentId: 5, callCenters: ['cc-2'], customer: { extra: { crm: 1 }, name: 'X' }, other: 1 }) } });
  fake.callMeNow(customer);
  await sleep(5);
  await fake.settle();
  const req = fake.requests[0];
  assert.deepEqual(plain([req.seed, req.contentId, req.callCenters, req.customer.extra, req.customer.name, req.ignored]),
    ['seed-1-x', 'c-1', ['cc-2'], '{"crm":1}', 'Jana', []]);
  assert.deepEqual(records(p).map((r) => r.name).filter((n) => n !== 'otoPinCodeGenerated'), ['otoOpened', 'otoPreSessionRequest', 'otoSessionRequested']);
});

test('otoPreSessionRequest: a hook that hangs or throws still lets the request go on within vendorTimeoutMs', async () => {
  const hang = whisbiPage({ attrs: { 'data-autostart': 'false', 'data-vendor-timeout-ms': '60' } });
  await hang.p.A.start({ whisbi: { preSession: () => new Promise(() => {}) } });
  const t0 = Date.now();
  hang.fake.callMeNow(customer);
  await until(() => hang.fake.calls.some((c) => c.name === 'otoPreSessionRequest'));
  assert.ok(hang.fake.pending, 'waits for the hook');
  await until(() => !hang.fake.pending);
  assert.ok(Date.now() - t0 >= 60);
  await hang.fake.settle();
  assert.equal(hang.fake.calls.filter((c) => c.name === 'otoSessionRequested').length, 1);
  assert.equal(hang.fake.requests[0].seed, 'seed-1');
  assert.match(hang.p.env.errors.map(String).join(), /60 ms/);

  const thrown = whisbiPage();
  await thrown.p.A.start({ whisbi: { preSession() { throw new Error('hook bug'); } } });
  thrown.fake.callMeNow(customer);
  await thrown.fake.settle();
  await sleep(1);
  await thrown.fake.settle();
  assert.equal(thrown.fake.pending, null);
  assert.equal(thrown.fake.calls.filter((c) => c.name === 'otoSessionRequested').length, 1);
});

test("the page's own otoPreSessionRequest gets the same once-only done", async () => {
  const dones = [];
  const { events } = whisbiPage({ attrs: { 'data-autostart': 'false', 'data-vendor-timeout-ms': '20' } }, {
    otoPreSessionRequest(data, done) { done({ seed: 'mine', customer: { name: 'no' } }); done({ seed: 'again' }); },
  });
  events.otoPreSessionRequest({ seed: 's' }, (c) => dones.push(plain(c)));
  events.otoPreSessionRequest({ seed: 's' }, (c) => dones.push(plain(c)));
  await sleep(40);
  assert.deepEqual(dones, [{ seed: 'mine' }, { seed: 'mine' }]);
  const none = whisbiPage({ attrs: { 'data-autostart': 'false', 'data-vendor-timeout-ms': '20' } });
  none.events.otoPreSessionRequest({}, (c) => dones.push(plain(c)));
  await sleep(5);
  assert.deepEqual(dones.at(-1), {}, 'no handler, no hook: done({}) at once');
});

test('otoPreSessionRequest: the hook runs first, then the page handler, whose changes win over the hook\'s', async () => {
  const order = [];
  const { p, fake } = whisbiPage({}, {
    otoPreSessionRequest(data, done) { order.push('page'); done({ contentId: 'page-c', seed: undefined }); },
  });
  await p.A.start({ whisbi: { preSession: async (d) => { order.push('hook'); return { seed: d.seed + '-hook', contentId: 'hook-c', customer: { extra: 'x' } }; } } });
  fake.callMeNow(customer);
  await until(() => fake.calls.some((c) => c.name === 'otoSessionRequested'));
  const req = fake.requests[0];
  assert.deepEqual(order, ['hook', 'page']);
  assert.deepEqual(plain([req.seed, req.contentId, req.customer.extra, req.doneCalls]), ['seed-1-hook', 'page-c', 'x', 1]);
});

test('whisbiEvents() answers any other oto* name with a recorder; other names stay undefined', async () => {
  const { p, events } = whisbiPage();
  assert.equal(typeof events.otoSurveyAnswered, 'function');
  assert.equal(events.otoSurveyAnswered, events.otoSurveyAnswered, 'made once');
  assert.equal(events.then, undefined, 'not a thenable');
  events.otoSurveyAnswered({ score: 5 });
  assert.deepEqual(queued(p).map((r) => [r.name, r.payload]).at(-1), ['otoSurveyAnswered', { score: 5 }]);
});

// --- telemarketing ---

test('ingest() and server-sent telemarketing events are recorded under their eventName', async () => {
  const sources = [];
  class EventSource {
    constructor(url) { this.url = url; this.on = {}; sources.push(this); }
    addEventListener(type, f) { this.on[type] = f; }
    close() { this.closed = true; }
  }
  const p = page();
  p.ctx.EventSource = EventSource;
  const shim = await p.A.start({ telemarketing: { url: '/tm/events' } });
  shim.ingest({ eventName: 'TACStatusUpdatedEvent', tac: [] });
  assert.throws(() => shim.ingest({ tac: [] }), (e) => e.code === 'BAD_INPUT');
  assert.equal(sources[0].url, '/tm/events');
  const es = sources[0].on;
  es.message({ type: 'message', data: '{"eventName":"TelemarketCampaignStatusChangedEvent","campaignId":"c1","status":"IN_PROCESS"}' });
  es.message({ type: 'message', data: 'not json' });
  // Named messages (event: <eventName>, as cmd/agentshim-serve sends them) never reach onmessage.
  es.TelemarketCallbackCreatedEvent({ type: 'TelemarketCallbackCreatedEvent', data: '{"id":"cb1"}' });
  assert.deepEqual(Object.keys(es).sort(), ['TACStatusUpdatedEvent', 'TelemarketCallbackCreatedEvent',
    'TelemarketCampaignStatusChangedEvent', 'TelemarketStatisticsUpdatedEvent', 'message']);
  await turn();
  assert.deepEqual(records(p).map((r) => [r.vendor, r.name]), [['telemarketing', 'TACStatusUpdatedEvent'],
    ['telemarketing', 'TelemarketCampaignStatusChangedEvent'], ['telemarketing', 'TelemarketCallbackCreatedEvent']]);
  assert.deepEqual(records(p)[2].payload, { eventName: 'TelemarketCallbackCreatedEvent', id: 'cb1' });
  assert.equal(p.env.warns.length, 1);
  shim.stop();
  assert.equal(sources[0].closed, true);
});

test('without Web Locks (or with tabs: single) a tab leads on its own and nothing is broadcast', async () => {
  for (const o of [{}, { tabs: 'single' }]) {
    const p = page();
    const shim = await p.A.start(o);
    assert.equal(shim.role(), 'leader');
    await shim.login().catch(() => {});
    assert.ok(records(p).some((r) => r.name == 'login'), 'the tab feeds its own core');
  }
});
