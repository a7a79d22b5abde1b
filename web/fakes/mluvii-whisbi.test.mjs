// Tests for the mluvii (OOWidget.js) and Whisbi Sell (whisbi.js) fakes. Run: node --test web/fakes/
// The fakes are plain scripts, so they are run with vm.runInThisContext like a <script> tag would.
import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const source = (f) => readFileSync(new URL(f, import.meta.url), 'utf8');
const mluviiSrc = source('./OOWidget.js');
const whisbiSrc = source('./whisbi.js');
const runScript = (src, filename) => vm.runInThisContext(src, { filename });

runScript(mluviiSrc, 'OOWidget.js');
runScript(whisbiSrc, 'whisbi.js');
const M = globalThis.MluviiFake;
const W = globalThis.WhisbiFake;

const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const keys = (o) => Object.keys(o).sort();

// ---------------------------------------------------------------- mluvii

// Loads one owidget through the Node stand-in of a loader <script> and returns it.
async function loadOwidget(onload) {
  return M.loadScript({ src: '//app.mluvii.com/widget/OOWidget.js', $owidgetOnLoad: onload });
}
// Connects a widget and records its app events and statuses.
async function connected(preset, opts = {}) {
  const ow = await loadOwidget();
  const events = [];
  const statuses = [];
  ow.setStatusUpdateCallback((c) => statuses.push(c));
  ow.init(opts.companyId || GUID, preset, 'cs', opts.scope);
  ow.setAppEventCallback((e) => events.push(e.type));
  ow.connectToServer();
  await M.settle();
  return { ow, events, statuses, name: preset || 'default' };
}

describe('mluvii OOWidget.js fake', () => {
  beforeEach(() => { M.reset(); delete globalThis.MluviiFakeConfig; });
  afterEach(() => { delete globalThis.document; });

  test('two loader script elements each get their own owidget via document.currentScript', async () => {
    const got = [];
    const a = { src: 'https://app.mluvii.com/widget/OOWidget.js', $owidgetOnLoad: (ow) => got.push(['a', ow]) };
    const b = { src: '//app.mluvii.com/widget/OOWidget.js?v=2', $owidgetOnLoad: (ow) => got.push(['b', ow]) };
    const doc = { currentScript: null, getElementsByTagName: () => [a, b] };
    globalThis.document = doc;
    doc.currentScript = a;
    runScript(mluviiSrc, 'OOWidget.js');
    doc.currentScript = b;
    runScript(mluviiSrc, 'OOWidget.js');
    assert.equal(globalThis.MluviiFake, M, 'a second execution keeps the fake');
    assert.equal(got.length, 0, 'onload runs after the script, not during it');
    await M.settle();
    assert.deepEqual(got.map((x) => x[0]), ['a', 'b']);
    assert.notEqual(got[0][1], got[1][1]);
    assert.equal(globalThis.$owidget, got[1][1], '$owidget is the most recent widget');
    got[0][1].init(GUID, 'NewWidget');
    got[1][1].init(GUID, 'Ceniky');
    assert.deepEqual(Object.keys(M.widgets).sort(), ['Ceniky', 'NewWidget']);
  });

  test('without currentScript the loader picks the next unbooted OOWidget.js element', async () => {
    const order = [];
    const other = { src: '/js/app.js', $owidgetOnLoad: () => order.push('other') };
    const a = { src: '/fakes/OOWidget.js', $owidgetOnLoad: () => order.push('a') };
    const b = { src: '/fakes/OOWidget.js', $owidgetOnLoad: () => order.push('b') };
    globalThis.document = { currentScript: null, getElementsByTagName: () => [other, a, b] };
    runScript(mluviiSrc, 'OOWidget.js');
    runScript(mluviiSrc, 'OOWidget.js');
    runScript(mluviiSrc, 'OOWidget.js'); // nothing left to boot
    await M.settle();
    assert.deepEqual(order, ['a', 'b']);
    assert.equal(M.all.length, 2);
  });

  test('the $owidgetOnLoad read at load time is used (so a shim may wrap it)', async () => {
    const el = { src: '/OOWidget.js', $owidgetOnLoad: () => assert.fail('replaced handler ran') };
    let wrapped = null;
    const p = M.loadScript(el);
    el.$owidgetOnLoad = (ow) => { wrapped = ow; };
    assert.equal(await p, wrapped);
    await assert.rejects(M.loadScript(el), /already loaded/);
  });

  test('MluviiFakeConfig: loadDelayMs, neverLoad, isSupported', async () => {
    globalThis.MluviiFakeConfig = { loadDelayMs: 30 };
    const t0 = Date.now();
    const ow = await loadOwidget();
    assert.ok(Date.now() - t0 >= 25, 'load is delayed');
    assert.equal(ow.isSupported, true);

    globalThis.MluviiFakeConfig = { neverLoad: true };
    let called = false;
    assert.equal(await loadOwidget(() => { called = true; }), null);
    await M.settle();
    assert.equal(called, false);

    globalThis.MluviiFakeConfig = { isSupported: false };
    const un = await loadOwidget();
    assert.equal(un.isSupported, false);
    un.init(GUID);
    assert.equal(M.widgets.default, undefined, 'calls on an unsupported widget do nothing');
    assert.equal(M.calls.at(-1).ignored, 'unsupported');
  });

  test('status callback set before init; reported on connect and on each change only', async () => {
    const { statuses, name } = await connected('NewWidget');
    assert.deepEqual(statuses, [1]);
    M.setStatus(name, 2);
    M.setStatus(name, 2);
    M.setStatus(name, 0);
    await M.settle();
    assert.deepEqual(statuses, [1, 2, 0]);
    const replaced = [];
    M.widgets[name].owidget.setStatusUpdateCallback((c) => replaced.push(c)); // single slot too
    M.setStatus(name, 1);
    await M.settle();
    assert.deepEqual([statuses, replaced], [[1, 2, 0], [1]]);
    assert.throws(() => M.setStatus(name, 3), RangeError);
    assert.throws(() => M.setStatus('nope', 1), /no initialized widget/);
  });

  test('status before connect is reported once connected; initialStatus config', async () => {
    globalThis.MluviiFakeConfig = { initialStatus: 0 };
    const ow = await loadOwidget();
    const got = [];
    ow.init(GUID, 'A');
    ow.setStatusUpdateCallback((c) => got.push(c));
    M.setStatus('A', 2);
    await M.settle();
    assert.deepEqual(got, [], 'nothing before connectToServer');
    ow.connectToServer();
    assert.deepEqual(got, [], 'asynchronous');
    await M.settle();
    assert.deepEqual(got, [2]);
  });

  test('setAppEventCallback has one slot: a second call replaces the first', async () => {
    const ow = await loadOwidget();
    const first = [];
    const second = [];
    ow.init(GUID);
    ow.setAppEventCallback((e) => first.push(e.type));
    ow.connectToServer();
    ow.openChat();
    ow.setAppEventCallback((e) => second.push(e));
    await M.settle();
    assert.deepEqual(first, [], 'replaced before delivery: the first callback gets nothing');
    assert.deepEqual(second, [{ type: 'chatWindowOpen' }]);
  });

  test('companyId: GUID string or [GUID, tenant]; garbage throws', async () => {
    const a = await loadOwidget();
    a.init([GUID, 'acme'], 'T1');
    assert.equal(M.widgets.T1.tenant, 'acme');
    const b = await loadOwidget();
    b.init([GUID.toUpperCase(), 7], 'T2');
    assert.equal(M.widgets.T2.tenant, 7);
    for (const bad of ['abc', GUID + 'x', 123, null, [GUID], [GUID, {}], [GUID, ''], ['nope', 1], [GUID, 1, 2], [GUID, -1]]) {
      const ow = await loadOwidget();
      assert.throws(() => ow.init(bad), TypeError, JSON.stringify(bad));
    }
    assert.throws(() => a.init(GUID), /already initialized/);
    const c = await loadOwidget();
    assert.throws(() => c.init(GUID, 42), /widgetPreset/);
  });

  test('default preset name and duplicate presets stay addressable', async () => {
    (await loadOwidget()).init(GUID);
    (await loadOwidget()).init(GUID, null);
    assert.deepEqual(Object.keys(M.widgets), ['default', 'default#2']);
  });

  test('setCustomNumberNormalization: single slot, null means invalid', async () => {
    const ow = await loadOwidget();
    ow.init(GUID, 'W');
    assert.equal(M.visitorTypesPhone('W', '+420 777 666 555'), '+420777666555', 'default normalization');
    assert.equal(M.visitorTypesPhone('W', '777 666 555'), null);
    const seen = [];
    ow.setCustomNumberNormalization(() => 'first');
    ow.setCustomNumberNormalization((raw) => { seen.push(raw); return raw.startsWith('777') ? '+420' + raw.replace(/\s/g, '') : null; });
    assert.equal(M.visitorTypesPhone('W', '777 666 555'), '+420777666555');
    assert.equal(M.visitorTypesPhone('W', 'garbage'), null);
    assert.deepEqual(seen, ['777 666 555', 'garbage']);
  });

  test('addCustomData stores strings and rejects other values', async () => {
    const ow = await loadOwidget();
    ow.init(GUID, 'W');
    ow.addCustomData('ecid', 'E-1');
    ow.addCustomData('json', '{"a":1}');
    assert.deepEqual(M.widgets.W.customData, { ecid: 'E-1', json: '{"a":1}' });
    assert.throws(() => ow.addCustomData('n', 5), TypeError);
    assert.throws(() => ow.addCustomData('', 'x'), TypeError);
  });

  test('chat lifecycle events, asynchronous and in order', async () => {
    const { ow, events, name } = await connected('Chat');
    ow.openChat(true);
    assert.deepEqual(events, [], 'not delivered synchronously');
    M.operatorAccepts(name);
    M.endSession(name);
    M.closeWindow(name);
    await M.settle();
    assert.deepEqual(events, ['chatWindowOpen', 'chatSessionCreated', 'chatSessionStarted', 'chatSessionEnded', 'chatWindowClosed']);
    assert.throws(() => M.operatorAccepts(name), /no queued session/);
    assert.throws(() => M.endSession(name), /no session/);
  });

  test('openChat() only opens; visitor starts chat; closing mid-session ends it first', async () => {
    const { ow, events, name } = await connected();
    ow.openChat();
    ow.openChat(); // already open: no second chatWindowOpen
    M.visitorStartsChat(name);
    M.closeWindow(name);
    M.closeWindow(name); // already closed: nothing
    await M.settle();
    assert.deepEqual(events, ['chatWindowOpen', 'chatSessionCreated', 'chatSessionEnded', 'chatWindowClosed']);
  });

  test("openAppOnCurrentPage('av') opens the window", async () => {
    const { ow, events, name } = await connected('Video');
    ow.openAppOnCurrentPage('av');
    await M.settle();
    assert.deepEqual(events, ['chatWindowOpen']);
    assert.equal(M.widgets[name].app, 'av');
    assert.throws(() => ow.openAppOnCurrentPage(), TypeError);
  });

  test('a session opened before the config arrives is delivered once (not "restored")', async () => {
    const ow = await loadOwidget();
    const events = [];
    ow.init(GUID, 'Q');
    ow.setAppEventCallback((e) => events.push(e.type));
    ow.connectToServer();
    ow.openChat(true);
    await M.settle();
    assert.deepEqual(events, ['chatWindowOpen', 'chatSessionCreated']);
  });

  test('init and connectToServer preconditions', async () => {
    const ow = await loadOwidget();
    assert.throws(() => ow.connectToServer(), /init/);
    assert.throws(() => ow.openChat(), /init/);
    ow.init(GUID, 'P');
    const events = [];
    ow.setAppEventCallback((e) => events.push(e.type));
    ow.openChat(true);
    await M.settle();
    assert.deepEqual(events, []);
    assert.equal(M.calls.at(-1).ignored, 'notConnected');
    ow.connectToServer();
    ow.connectToServer();
    assert.equal(M.calls.at(-1).ignored, 'alreadyConnected');
  });

  test('two widgets on one page: events stay per widget, global order is deterministic', async () => {
    const a = await connected('NewWidget');
    const b = await connected('Ceniky');
    a.ow.openChat(true);
    b.ow.openChat();
    M.operatorAccepts('NewWidget');
    M.setStatus('Ceniky', 2);
    await M.settle();
    assert.deepEqual(a.events, ['chatWindowOpen', 'chatSessionCreated', 'chatSessionStarted']);
    assert.deepEqual(b.events, ['chatWindowOpen']);
    assert.deepEqual(b.statuses, [1, 2]);
    assert.deepEqual(a.statuses, [1]);
  });

  test('calls logs every API call with its arguments', async () => {
    const ow = await loadOwidget();
    const cb = () => {};
    ow.setStatusUpdateCallback(cb);
    ow.init([GUID, 3], 'L', 'en', 'shop');
    ow.addCustomData('k', 'v');
    ow.connectToServer();
    assert.deepEqual(M.calls.map((c) => [c.method, c.widget]), [
      ['setStatusUpdateCallback', null], ['init', 'L'], ['addCustomData', 'L'], ['connectToServer', 'L']]);
    assert.equal(M.calls[0].args[0], cb);
    assert.deepEqual(M.calls[1].args, [[GUID, 3], 'L', 'en', 'shop']);
    assert.deepEqual(M.calls.map((c) => c.seq), [1, 2, 3, 4]);
  });

  test('a throwing page callback is recorded and does not stop later events', async () => {
    const { ow, name } = await connected('E');
    const seen = [];
    ow.setAppEventCallback((e) => { seen.push(e.type); throw new Error('page bug'); });
    ow.openChat(true);
    await M.settle();
    assert.deepEqual(seen, ['chatWindowOpen', 'chatSessionCreated']);
    assert.equal(M.errors.length, 2);
    assert.ok(M.widgets[name]);
  });

  test('a conversation is restored after a reload only for the same scope', async () => {
    const first = await connected('S', { scope: 'shop' });
    first.ow.openChat(true);
    M.operatorAccepts('S');
    first.ow.openChat(); // queued but not delivered before the reload: dropped with the page
    M.simulateReload();
    assert.deepEqual(M.widgets, {});
    const same = await connected('S', { scope: 'shop' });
    assert.deepEqual(same.events, ['chatWindowOpen', 'chatSessionStarted']);
    assert.deepEqual(first.events, [], 'the old page got nothing after the reload');
    M.simulateReload();
    const other = await connected('S', { scope: 'blog' });
    assert.deepEqual(other.events, []);
    M.reset();
    const fresh = await connected('S', { scope: 'shop' });
    assert.deepEqual(fresh.events, [], 'reset forgets stored conversations');
  });

  test('deterministic: the same script gives the same calls and ids', async () => {
    const run = async () => {
      M.reset();
      const a = await connected('X');
      a.ow.openChat(true);
      await M.settle();
      return JSON.stringify({ ids: M.all.map((w) => w.id), calls: M.calls.map((c) => [c.seq, c.id, c.method]), ev: a.events });
    };
    assert.equal(await run(), await run());
  });
});

// ---------------------------------------------------------------- Whisbi

const customer = { name: 'Ana', phone: '+34 600 111 222', email: 'ana@example.com', country: 'ES', extra: 'src=ad', dialCode: '+34' };
const FAILURE_KEYS = ['cookie', 'email', 'extra', 'kpiGuid', 'name', 'phone', 'session'].sort();

// Initializes Whisbi with recording handlers for every oto* name (plus `own` overrides).
function initWhisbi(own = {}) {
  const names = ['otoOpened', 'otoClosed', 'otoSessionRequested', 'otoInboundClicked', 'otoInboundToWhisbiLoaded',
    'otoCallBooked', 'otoCmbRequested', 'otoPinCodeGenerated', 'otoInvalidPhone', 'otoCallError',
    'otoNoAgentsAvailable', 'otoSessionStarted', 'otoSessionEnded'];
  const events = {};
  names.forEach((n) => { events[n] = () => {}; });
  Object.assign(events, own);
  const config = { version: 2, api: { apiKey: 'key-1', primarySeed: 'seed-1', contentId: 'c-1', callCenters: ['cc-1'] },
    general: {}, oneToMany: {}, oneToOne: {}, events };
  globalThis.Whisbi.init(config);
  return config;
}
const names = () => W.calls.map((c) => c.name);
const last = (name) => W.calls.filter((c) => c.name === name).at(-1);
const autoDone = (changes) => ({ otoPreSessionRequest: (data, done) => done(changes) });

describe('Whisbi Sell fake', () => {
  beforeEach(() => W.reset());

  test('Whisbi.init validates the configuration and runs once per page', () => {
    assert.throws(() => globalThis.Whisbi.init(), TypeError);
    assert.throws(() => globalThis.Whisbi.init({ api: { apiKey: 'k' } }), /primarySeed/);
    assert.throws(() => globalThis.Whisbi.init({ api: { apiKey: 'k', primarySeed: 's' }, events: 5 }), /events/);
    assert.throws(() => W.open(), /Whisbi.init/);
    initWhisbi();
    assert.throws(() => initWhisbi(), /already initialized/);
  });

  test('otoPinCodeGenerated on load; otoOpened each time the sidebar opens; otoClosed', async () => {
    initWhisbi();
    W.open();
    W.open();
    W.close();
    W.open();
    assert.deepEqual(names(), [], 'asynchronous');
    await W.settle();
    assert.deepEqual(names(), ['otoPinCodeGenerated', 'otoOpened', 'otoClosed', 'otoOpened']);
    assert.deepEqual(keys(W.calls[0].arg), ['pinCode']);
    assert.match(W.calls[0].arg.pinCode, /^[A-Z0-9]+$/);
    assert.equal(W.calls[1].arg, undefined);
  });

  test('otoPreSessionRequest gets the documented data and done() applies only allowed fields', async () => {
    let data = null;
    initWhisbi({ otoPreSessionRequest: (d, done) => {
      data = d;
      done({ seed: 'seed-2', contentId: 'c-2', callCenters: ['cc-9'], customer: { extra: 'vip', name: 'Mallory', phone: '1' },
        lead: 'x', kpiGuid: 'y' });
    } });
    W.callMeNow(customer);
    await W.settle();
    assert.deepEqual(data, { seed: 'seed-1', contentId: 'c-1', callCenters: ['cc-1'],
      customer: { name: 'Ana', phone: '+34 600 111 222', country: 'ES', email: 'ana@example.com', extra: 'src=ad',
        dialCode: '+34', date: '', time: '', formatedDate: '', simplyBookDate: '' } });
    assert.deepEqual(names(), ['otoPinCodeGenerated', 'otoOpened', 'otoPreSessionRequest', 'otoSessionRequested']);
    const req = last('otoSessionRequested').arg;
    assert.deepEqual(keys(req), ['email', 'extra', 'kpiGuid', 'lead', 'name', 'phone']);
    assert.equal(req.extra, 'vip');
    assert.equal(req.name, 'Ana');
    assert.equal(req.phone, '+34 600 111 222');
    assert.match(req.kpiGuid, GUID_RE);
    assert.match(req.lead, GUID_RE);
    assert.notEqual(req.kpiGuid, 'y');
    const applied = W.requests[0];
    assert.deepEqual([applied.seed, applied.contentId, applied.callCenters], ['seed-2', 'c-2', ['cc-9']]);
    assert.deepEqual(applied.ignored.sort(), ['customer.name', 'customer.phone', 'kpiGuid', 'lead']);
  });

  test('wrongly typed allowed fields are ignored too; done() without changes keeps everything', async () => {
    initWhisbi(autoDone({ seed: 5, callCenters: 'cc', customer: { extra: { a: 1 } } }));
    W.callMeBack(customer);
    await W.settle();
    assert.deepEqual(W.requests[0].ignored.sort(), ['callCenters', 'customer.extra', 'seed']);
    assert.equal(last('otoCmbRequested').arg.extra, 'src=ad');
    W.reset();
    initWhisbi(autoDone(undefined));
    W.callMeBack(customer);
    await W.settle();
    assert.equal(W.requests[0].seed, 'seed-1');
    assert.equal(last('otoCmbRequested').arg.extra, 'src=ad');
  });

  test('done never called: the request never happens', async () => {
    let done = null;
    initWhisbi({ otoPreSessionRequest: (d, cb) => { done = cb; } });
    W.callMeNow(customer);
    await W.settle();
    await new Promise((r) => setTimeout(r, 20));
    assert.ok(!names().includes('otoSessionRequested'));
    assert.deepEqual(W.pending, { kind: 'callMeNow' });
    assert.throws(() => W.callMeBack(customer), /still waiting/);
    assert.equal(W.state.session, null);
    W.simulateReload(); // the pending request dies with the page
    done({});
    await W.settle();
    assert.deepEqual(names(), ['otoPinCodeGenerated']);
    assert.equal(W.pending, null);
  });

  test('done() called twice proceeds once; no handler proceeds directly', async () => {
    initWhisbi({ otoPreSessionRequest: (d, done) => { done(); done({ seed: 'late' }); } });
    W.callMeBack(customer);
    await W.settle();
    assert.equal(W.calls.filter((c) => c.name === 'otoCmbRequested').length, 1);
    assert.equal(W.requests[0].seed, 'seed-1');
    assert.equal(W.requests[0].doneCalls, 2, 'every call is counted, so a test can tell');
    W.reset();
    initWhisbi();
    W.callMeNow(customer);
    await W.settle();
    assert.equal(last('otoPreSessionRequest').handled, false);
    assert.ok(last('otoSessionRequested'));
  });

  test('emit() fires any oto* event in order, undocumented ones too; other names throw', async () => {
    const seen = [];
    initWhisbi({ otoSurveyAnswered: (a) => seen.push(['survey', a]), otoOpened: () => seen.push(['opened']) });
    W.emit('otoSurveyAnswered', { score: 5 });
    W.emit('otoOpened');
    W.emit('otoUnhandled', 1);
    assert.deepEqual(seen, [], 'asynchronous');
    await W.settle();
    assert.deepEqual(seen, [['survey', { score: 5 }], ['opened']]);
    assert.deepEqual(W.calls.slice(1).map((c) => [c.name, c.handled]), [['otoSurveyAnswered', true], ['otoOpened', true], ['otoUnhandled', false]]);
    assert.throws(() => W.emit('open'), TypeError);
    W.reset();
    assert.throws(() => W.emit('otoOpened'), /Whisbi.init/);
  });

  test('reload while waiting: no second otoOpened or otoSessionRequested, same PIN', async () => {
    initWhisbi(autoDone({}));
    W.callMeNow(customer);
    await W.settle();
    const pin = W.calls[0].arg.pinCode;
    const session = W.state.session;
    assert.equal(session.status, 'waiting');
    W.simulateReload();
    W.open(); // the sidebar came back open: no event
    await W.settle();
    assert.deepEqual(names(), ['otoPinCodeGenerated']);
    assert.equal(W.calls[0].arg.pinCode, pin);
    assert.deepEqual(W.state.session, session);
    assert.equal(W.state.sidebarOpen, true);
    assert.throws(() => W.callMeNow(customer), /already in a session/);
  });

  test('agent joins, reload mid-session, session ends and refreshes the PIN', async () => {
    initWhisbi(autoDone({}));
    W.callMeNow(customer);
    await W.settle();
    const requested = last('otoSessionRequested').arg;
    W.agentJoins();
    await W.settle();
    const started = last('otoSessionStarted').arg;
    assert.deepEqual(started, { session: W.state.session.sessionGuid, kpiGuid: requested.kpiGuid, lead: requested.lead });
    W.simulateReload();
    W.endSession();
    await W.settle();
    assert.deepEqual(names(), ['otoPinCodeGenerated', 'otoSessionEnded', 'otoPinCodeGenerated']);
    assert.deepEqual(last('otoSessionEnded').arg, started);
    assert.notEqual(W.calls[2].arg.pinCode, W.calls[0].arg.pinCode);
    assert.equal(W.state.session, null);
    assert.throws(() => W.agentJoins(), /no request/);
    assert.throws(() => W.endSession(), /no session/);
  });

  test('otoCmbRequested: lead, name, phone, email, extra and no kpiGuid', async () => {
    initWhisbi(autoDone({}));
    W.callMeBack(customer);
    await W.settle();
    const arg = last('otoCmbRequested').arg;
    assert.deepEqual(keys(arg), ['email', 'extra', 'lead', 'name', 'phone']);
    assert.deepEqual([arg.name, arg.phone, arg.email, arg.extra], ['Ana', '+34 600 111 222', 'ana@example.com', 'src=ad']);
    assert.equal(W.state.session, null, 'a callback is not a live session');
  });

  test('schedule: preSession date fields and the otoCallBooked payload', async () => {
    let data = null;
    initWhisbi({ otoPreSessionRequest: (d, done) => { data = d; done({ customer: { extra: 'booked' } }); } });
    W.schedule(customer, '2030-05-10T14:30:00Z');
    await W.settle();
    assert.deepEqual([data.customer.date, data.customer.time, data.customer.formatedDate, data.customer.simplyBookDate],
      ['2030-05-10', '14:30', '10/05/2030 14:30', '2030-05-10 14:30:00']);
    const arg = last('otoCallBooked').arg;
    assert.deepEqual(keys(arg), ['country', 'extra', 'kpiGuid', 'leadGuid', 'name', 'phone', 'scheduledDate', 'scheduledDateObj', 'sessionGuid']);
    assert.equal(arg.scheduledDate, '2030-05-10 14:30');
    assert.ok(arg.scheduledDateObj instanceof Date);
    assert.equal(arg.scheduledDateObj.toISOString(), '2030-05-10T14:30:00.000Z');
    assert.deepEqual([arg.country, arg.extra, arg.name], ['ES', 'booked', 'Ana']);
    for (const k of ['kpiGuid', 'leadGuid', 'sessionGuid']) assert.match(arg[k], GUID_RE);
    assert.throws(() => W.schedule(customer, 'next tuesday'), RangeError);
  });

  test('inbound: otoInboundToWhisbiLoaded(formatted_phone, phone) and otoInboundClicked(phone)', async () => {
    initWhisbi();
    W.showInbound({ phone: '+34910000000', formatted_phone: '+34 910 00 00 00' });
    W.clickInbound();
    await W.settle();
    assert.deepEqual(last('otoInboundToWhisbiLoaded').arg, { formatted_phone: '+34 910 00 00 00', phone: '+34910000000' });
    assert.deepEqual(last('otoInboundClicked').arg, { phone: '+34910000000' });
    W.reset();
    initWhisbi();
    W.clickInbound();
    await W.settle();
    assert.deepEqual(keys(last('otoInboundClicked').arg), ['phone']);
  });

  test('otoInvalidPhone: scripted, and automatic for a phone without enough digits (no preSession)', async () => {
    initWhisbi(autoDone({}));
    W.invalidPhone(customer);
    W.callMeNow({ ...customer, phone: '12a' });
    await W.settle();
    const invalid = W.calls.filter((c) => c.name === 'otoInvalidPhone');
    assert.equal(invalid.length, 2);
    for (const c of invalid) assert.deepEqual(keys(c.arg), FAILURE_KEYS);
    assert.equal(invalid[1].arg.phone, '12a');
    assert.equal(invalid[0].arg.cookie, W.state.cookie);
    assert.notEqual(invalid[0].arg.kpiGuid, invalid[1].arg.kpiGuid);
    assert.ok(!names().includes('otoPreSessionRequest'));
    assert.equal(W.pending, null);
  });

  test('otoNoAgentsAvailable and otoCallError end the waiting request with the same kpiGuid', async () => {
    for (const [script, event] of [['noAgents', 'otoNoAgentsAvailable'], ['callError', 'otoCallError']]) {
      W.reset();
      initWhisbi(autoDone({}));
      W.callMeNow(customer);
      await W.settle();
      const req = last('otoSessionRequested').arg;
      const session = W.state.session.sessionGuid;
      W[script]();
      await W.settle();
      const arg = last(event).arg;
      assert.deepEqual(keys(arg), FAILURE_KEYS);
      assert.deepEqual([arg.kpiGuid, arg.session, arg.name, arg.phone, arg.email, arg.extra],
        [req.kpiGuid, session, 'Ana', customer.phone, customer.email, customer.extra]);
      assert.equal(W.state.session, null);
      W[script]({ ...customer, name: 'Bo' }); // no waiting request: a fresh submission
      await W.settle();
      assert.equal(last(event).arg.name, 'Bo');
      assert.notEqual(last(event).arg.kpiGuid, req.kpiGuid);
      assert.throws(() => W[script](), /pass the customer/);
    }
  });

  test('callError after the agent joined is refused', async () => {
    initWhisbi(autoDone({}));
    W.callMeNow(customer);
    await W.settle();
    W.agentJoins();
    assert.throws(() => W.callError(), /already started/);
  });

  test('handlers are looked up when the event fires; missing ones are logged as unhandled', async () => {
    const config = initWhisbi();
    delete config.events.otoOpened;
    W.open();
    config.events.otoClosed = (...args) => { config.closedArgs = args; };
    W.close();
    await W.settle();
    assert.equal(last('otoOpened').handled, false);
    assert.deepEqual(config.closedArgs, []);
  });

  test('a throwing handler is recorded and later events still fire', async () => {
    initWhisbi({ otoOpened: () => { throw new Error('page bug'); } });
    W.open();
    W.close();
    await W.settle();
    assert.deepEqual(names(), ['otoPinCodeGenerated', 'otoOpened', 'otoClosed']);
    assert.equal(W.errors.length, 1);
  });

  test('the logged argument is a copy: handler mutations do not change the log', async () => {
    initWhisbi({ otoCmbRequested: (a) => { a.name = 'changed'; }, otoPreSessionRequest: (d, done) => { d.seed = 'x'; done(); } });
    W.callMeBack(customer);
    await W.settle();
    assert.equal(last('otoCmbRequested').arg.name, 'Ana');
    assert.equal(W.requests[0].seed, 'seed-1', 'mutating data is not a change; only done(changes) is');
  });

  test('deterministic ids: the same script yields the same payloads', async () => {
    const run = async () => {
      W.reset();
      initWhisbi(autoDone({}));
      W.callMeNow(customer);
      await W.settle();
      W.noAgents();
      W.schedule(customer, '2030-01-01T09:00:00Z');
      await W.settle();
      return JSON.stringify(W.calls);
    };
    const a = await run();
    assert.equal(a, await run());
    assert.match(a, /"kpiGuid":"b0000000-0000-4000-8000-0000000000[0-9a-f]{2}"/);
  });
});
