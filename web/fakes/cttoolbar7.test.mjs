// Tests for the CTToolbar7 SDK fake. Run: node --test web/fakes/
//
// The fake is a plain browser script, so each test evaluates its source with
// its own `window` object: a fresh, isolated SDK per test, as after a page load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const SRC = readFileSync(new URL('./cttoolbar7.js', import.meta.url), 'utf8');

// The vendor doc's sample log (cttoolbar7-sdk-it.txt), event names in order:
// inbound call, answered, hung up, getContactInfo, saveScript(..., true).
const DOC_TRACE = ['JOBSCHEDULED', 'CONNECTIONSTARTED', 'POPUP', 'DATACHANGED', 'JOBCHANGED', 'DATACHANGED',
  'RINGING', 'DATACHANGED', 'DATACHANGED', 'ESTABLISHED', 'JOBSTARTED', 'CONNECTIONCLEARED', 'JOBCHANGED',
  'JOBFINISHED', 'DELETE'];
// The same call as FIELD-NOTES.md / the brief list it (no repeated DATACHANGED,
// no JOBCHANGED from getContactInfo).
const NOTES_TRACE = ['JOBSCHEDULED', 'CONNECTIONSTARTED', 'POPUP', 'DATACHANGED', 'JOBCHANGED', 'DATACHANGED',
  'RINGING', 'DATACHANGED', 'ESTABLISHED', 'JOBSTARTED', 'CONNECTIONCLEARED', 'JOBFINISHED', 'DELETE'];

// load evaluates the fake with a fresh window; `lines` collects console.error output.
function load(config) {
  const lines = [];
  const win = { console: { error: (...a) => lines.push(a.join(' ')), log() {} } };
  if (config) win.CTT7FakeConfig = config;
  new Function('window', SRC)(win);
  return { win, lines, TOOLBAR: win.TOOLBAR, fake: win.CTT7Fake };
}

// setup loads the fake with options and binds a recording callback.
function setup(options) {
  const env = load(options ? { options } : undefined);
  env.got = [];
  env.TOOLBAR.CONTACT.bindContactCallback((name, data) => env.got.push({ name, data }));
  env.names = () => env.got.map((e) => e.name);
  return env;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const PENDING = Symbol('pending');
// state reports a promise's value, or PENDING if it has not settled after a macrotask.
function state(promise) {
  return Promise.race([promise, new Promise((r) => setImmediate(() => r(PENDING)))]);
}

// ---------------------------------------------------------------------------
// Loading and surface
// ---------------------------------------------------------------------------

test('defines the documented namespaces and methods, EAYCIM aliasing EASYCIM', () => {
  const { TOOLBAR, fake } = load();
  const want = {
    AGENT: ['Login', 'Pause', 'PauseSubState', 'Logout', 'getAgentLoggedInGroups', 'getAgentGroups',
      'setAgentGroups', 'getAgentState', 'getAgentID'],
    CONTACT: ['MakeCall', 'Hangup', 'Answer', 'Hold', 'OfflineEnd', 'SetCallData', 'PlayDTMF',
      'StartRecording', 'StopRecording', 'GetCallDataValueByName', 'bindContactCallback'],
    EASYCIM: ['openScriptInbound', 'getContactInfo', 'saveScript'],
  };
  for (const [ns, methods] of Object.entries(want)) {
    for (const m of methods) assert.equal(typeof TOOLBAR[ns][m], 'function', ns + '.' + m);
  }
  assert.equal(TOOLBAR.EAYCIM, TOOLBAR.EASYCIM);
  assert.equal(fake.loaded, true);
  assert.equal('CTT7Fake' in TOOLBAR, false, 'the scripting API is not part of the SDK');
});

test('commands are fire-and-forget: undefined at once, the event comes later', async () => {
  const { TOOLBAR, fake, got } = setup();
  assert.equal(TOOLBAR.AGENT.Login(), undefined);
  assert.equal(TOOLBAR.CONTACT.MakeCall('+420601234567', '', '', '', ''), undefined);
  await Promise.resolve();
  assert.equal(got.length, 0, 'nothing is delivered synchronously or in the same microtask run');
  await fake.flush();
  assert.deepEqual(got.map((e) => e.name), ['AGENT:LOGGEDIN', 'serviceinitiated', 'dialing']);
});

test('attaches to globalThis when there is no window', () => {
  const ctx = vm.createContext({ setTimeout, setImmediate, console });
  vm.runInContext(SRC, ctx);
  assert.equal(typeof ctx.TOOLBAR.AGENT.Login, 'function');
  assert.equal(typeof ctx.CTT7Fake.inbound, 'function');
});

test('loadDelayMs defines TOOLBAR only after the delay; CTT7Fake at once', async () => {
  const { win, fake } = load({ loadDelayMs: 30 });
  assert.equal(win.TOOLBAR, undefined);
  assert.equal(fake.loaded, false);
  await sleep(10);
  assert.equal(win.TOOLBAR, undefined);
  await sleep(40);
  assert.equal(typeof win.TOOLBAR.CONTACT.bindContactCallback, 'function');
});

test('neverLoad never defines TOOLBAR until a test calls load()', async () => {
  const { win, fake } = load({ neverLoad: true });
  await sleep(20);
  assert.equal(win.TOOLBAR, undefined);
  fake.load();
  assert.equal(fake.loaded, true);
});

test('CTT7FakeConfig.options configures the fake before the page uses it', () => {
  const { fake } = load({ options: { payloadForm: 'string', eventCase: 'upper' } });
  assert.equal(fake.options.payloadForm, 'string');
  assert.equal(fake.options.eventCase, 'upper');
});

test('options are validated: bad values and unknown keys throw', () => {
  const { fake } = load();
  assert.throws(() => { fake.options.payloadForm = 'json'; }, TypeError);
  assert.throws(() => { fake.options.nope = 1; }, TypeError);
  assert.throws(() => fake.configure({ eventcase: 'upper' }), /unknown option "eventcase"/);
  assert.throws(() => { fake.options.getterLatencyMs = -1; }, TypeError);
  assert.equal(fake.options.payloadForm, 'object');
});

// ---------------------------------------------------------------------------
// Agent
// ---------------------------------------------------------------------------

test('agent states in the real form: AGENT:LOGGEDIN / AGENT:PAUSE (+SubState) / AGENT:LOGGEDOUT', async () => {
  const { TOOLBAR, fake, got, names } = setup();
  TOOLBAR.AGENT.Login();
  TOOLBAR.AGENT.Pause();
  TOOLBAR.AGENT.PauseSubState('LUNCH');
  const paused = TOOLBAR.AGENT.getAgentState();
  TOOLBAR.AGENT.Logout();
  await fake.flush();
  assert.deepEqual(names(), ['AGENT:LOGGEDIN', 'AGENT:PAUSE', 'AGENT:PAUSE', 'AGENT:LOGGEDOUT']);
  const first = got[0].data;
  assert.equal(first.ID, 'AGENT1001@felixct7');
  assert.equal(first.State, 'AGENT:LOGGEDIN');
  assert.equal(first.FirstLoginTime, '2021-05-12T14:49:12.000Z');
  assert.equal('SubState' in got[1].data, false);
  assert.equal(got[2].data.SubState, 'LUNCH');
  assert.deepEqual(await paused, { ID: 'AGENT1001@felixct7', FirstLoginTime: first.FirstLoginTime,
    State: 'AGENT:PAUSE', SubState: 'LUNCH' });
  assert.equal((await TOOLBAR.AGENT.getAgentState()).State, 'AGENT:LOGGEDOUT');
});

test('agent states in the documented form: LOGGEDIN / PAUSED / PAUSEDSUBSTATE:<code> / LOGGEDOUT', async () => {
  const { TOOLBAR, fake, got, names } = setup({ agentStateForm: 'documented' });
  TOOLBAR.AGENT.Login();
  TOOLBAR.AGENT.Pause();
  TOOLBAR.AGENT.PauseSubState('7');
  const text = TOOLBAR.AGENT.getAgentState();
  TOOLBAR.AGENT.Logout();
  await fake.flush();
  assert.deepEqual(names(), ['LOGGEDIN', 'PAUSED', 'PAUSEDSUBSTATE:7', 'LOGGEDOUT']);
  assert.equal(got[2].data.State, 'PAUSEDSUBSTATE:7');
  assert.equal(await text, 'PAUSEDSUBSTATE:7', 'documented getAgentState is the textual description');
});

test('Pause/Logout while logged out do nothing visible but a console line', async () => {
  const { TOOLBAR, fake, got, lines } = setup();
  TOOLBAR.AGENT.Pause();
  TOOLBAR.AGENT.Logout();
  await fake.flush();
  assert.equal(got.length, 0);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /Pause ignored/);
  assert.deepEqual(fake.calls.map((c) => c.outcome), ['accepted', 'refused', 'refused']);
});

test('groups: setAgentGroups stores, getAgentGroups returns them; ID and visible groups', async () => {
  const { TOOLBAR } = setup();
  assert.deepEqual(await TOOLBAR.AGENT.getAgentGroups(), []);
  TOOLBAR.AGENT.setAgentGroups(['102', { id: '900', description: 'Extra' }]);
  assert.deepEqual(await TOOLBAR.AGENT.getAgentGroups(),
    [{ id: '102', description: 'Vendite' }, { id: '900', description: 'Extra' }]);
  assert.deepEqual(await TOOLBAR.AGENT.getAgentLoggedInGroups(),
    [{ id: '101', description: 'Assistenza clienti' }, { id: '102', description: 'Vendite' }]);
  assert.equal(await TOOLBAR.AGENT.getAgentID(), 'AGENT1001@felixct7');
});

// ---------------------------------------------------------------------------
// Getters and their quirk
// ---------------------------------------------------------------------------

test('getter quirk: a second concurrent call replaces the first, which never settles', async () => {
  const { TOOLBAR, fake } = setup();
  const first = TOOLBAR.AGENT.getAgentID();
  const second = TOOLBAR.AGENT.getAgentID();
  await fake.flush();
  assert.equal(await state(second), 'AGENT1001@felixct7');
  assert.equal(await state(first), PENDING);
  await sleep(20); // no timeout either
  assert.equal(await state(first), PENDING);
});

test('getter quirk: the surviving promise gets the answer to the first request', async () => {
  const { TOOLBAR, fake } = setup();
  const contact = { CallData: [{ name: 'ECID', value: 'E1' }, { name: 'k2', value: 'v2' }] };
  const ecid = TOOLBAR.CONTACT.GetCallDataValueByName(contact, 'ECID');
  const k2 = TOOLBAR.CONTACT.GetCallDataValueByName(contact, 'k2');
  await fake.flush();
  assert.equal(await state(k2), 'E1');
  assert.equal(await state(ecid), PENDING);
});

test('different getters do not interfere; sequential calls all resolve', async () => {
  const { TOOLBAR } = setup();
  const [id, groups] = await Promise.all([TOOLBAR.AGENT.getAgentID(), TOOLBAR.AGENT.getAgentLoggedInGroups()]);
  assert.equal(id, 'AGENT1001@felixct7');
  assert.equal(groups.length, 2);
  assert.equal(await TOOLBAR.AGENT.getAgentID(), id);
});

test('getters answer after a macrotask by default, after getterLatencyMs when set', async () => {
  const { TOOLBAR, fake } = setup();
  const p = TOOLBAR.AGENT.getAgentID();
  for (let i = 0; i < 5; i++) await Promise.resolve();
  assert.equal(await Promise.race([p, Promise.resolve(PENDING)]), PENDING, 'not resolved in microtasks');
  assert.equal(await state(p), 'AGENT1001@felixct7');

  fake.options.getterLatencyMs = 40;
  const slow = TOOLBAR.AGENT.getAgentID();
  await sleep(10);
  assert.equal(await state(slow), PENDING);
  await sleep(50);
  assert.equal(await state(slow), 'AGENT1001@felixct7');
});

test('GetCallDataValueByName: empty string when missing or when not given the object', async () => {
  const { TOOLBAR } = setup();
  const contact = { CallData: [{ name: 'ECID', value: 'E1' }] };
  assert.equal(await TOOLBAR.CONTACT.GetCallDataValueByName(contact, 'nope'), '');
  assert.equal(await TOOLBAR.CONTACT.GetCallDataValueByName(JSON.stringify(contact), 'ECID'), '');
});

// ---------------------------------------------------------------------------
// Event names and payload forms
// ---------------------------------------------------------------------------

async function inboundWithHold(options) {
  const env = setup(options);
  const id = env.fake.inbound({ ani: '0212345678' });
  env.TOOLBAR.CONTACT.Answer(id);
  env.TOOLBAR.CONTACT.Hold(id);
  env.TOOLBAR.CONTACT.Hangup(id);
  env.TOOLBAR.CONTACT.OfflineEnd(id);
  await env.fake.flush();
  return env;
}

test('eventCase real: mixed case as real traffic has it', async () => {
  const { names } = await inboundWithHold({ inboundFidelity: 'notes' });
  assert.deepEqual(names(), ['JOBSCHEDULED', 'connectionstarted', 'POPUP', 'datachanged', 'JOBCHANGED',
    'datachanged', 'ringing', 'datachanged', 'established', 'JOBSTARTED', 'Hold', 'connectioncleared',
    'JOBFINISHED', 'DELETE']);
});

test('eventCase upper and lower', async () => {
  const upper = await inboundWithHold({ eventCase: 'upper' });
  assert.ok(upper.names().every((n) => n === n.toUpperCase()));
  assert.ok(upper.names().includes('HOLD'));
  const lower = await inboundWithHold({ eventCase: 'lower' });
  assert.ok(lower.names().every((n) => n === n.toLowerCase()));
  assert.ok(lower.names().includes('popup'));
  assert.deepEqual(lower.names(), upper.names().map((n) => n.toLowerCase()));
});

test('outbound names in real case: serviceinitiated, dialing lower-case', async () => {
  const { TOOLBAR, fake, names } = setup();
  TOOLBAR.AGENT.Login();
  TOOLBAR.CONTACT.MakeCall('0601234567', '', '', '', '');
  await fake.flush();
  assert.deepEqual(names(), ['AGENT:LOGGEDIN', 'serviceinitiated', 'dialing']);
});

test('payloadForm object, string, id', async () => {
  const obj = await inboundWithHold({ payloadForm: 'object' });
  const str = await inboundWithHold({ payloadForm: 'string' });
  const ids = await inboundWithHold({ payloadForm: 'id' });
  assert.ok(obj.got.every((e) => typeof e.data === 'object'));
  assert.ok(str.got.every((e) => typeof e.data === 'string'));
  assert.deepEqual(str.got.map((e) => JSON.parse(e.data)), obj.got.map((e) => e.data));
  assert.deepEqual(ids.got.map((e) => e.data), obj.got.map((e) => e.data.id));
  assert.equal(ids.got[0].data, '68-60f69967@pddialer1.example.priv');
});

test('payloadForm mixed alternates object, string, object, ... deterministically', async () => {
  const { got, TOOLBAR, fake } = setup({ payloadForm: 'mixed' });
  TOOLBAR.AGENT.Login();
  fake.inbound({});
  await fake.flush();
  assert.deepEqual(got.map((e) => typeof e.data), got.map((_, i) => (i % 2 === 0 ? 'object' : 'string')));
  assert.equal(JSON.parse(got[3].data).id, got[2].data.id, 'the string is the JSON of the same contact');
});

test('agent events follow payloadForm too (id form gives the agent ID)', async () => {
  const { TOOLBAR, fake, got } = setup({ payloadForm: 'id' });
  TOOLBAR.AGENT.Login();
  await fake.flush();
  assert.deepEqual(got, [{ name: 'AGENT:LOGGEDIN', data: 'AGENT1001@felixct7' }]);
});

// ---------------------------------------------------------------------------
// Contact shape
// ---------------------------------------------------------------------------

test('contacts look like real ones: id, type, media_type, job_type, CallData with ECID, dnis, ani, times', async () => {
  const { fake, got } = setup();
  const id = fake.inbound({ ani: '0212345678', callData: 'IVR=2', jobType: 'previewQueue' });
  const id2 = fake.inbound({ type: 'callTask' });
  assert.equal(id, '68-60f69967@pddialer1.example.priv');
  assert.equal(id2, '69-60f69968@pddialer1.example.priv');
  fake.advance(7000);
  await fake.flush();
  const last = got.filter((e) => e.data.id === id).pop().data;
  assert.deepEqual(last, {
    id, type: 'inbound', media_type: 'voice', job_type: 'previewQueue',
    CallData: [{ name: 'IVR', value: '2' }, { name: 'ECID', value: 'felixct7|1|171|12' }],
    dnis: '800100200', ani: '0212345678', time_duration_sec: 0, waitingTime: 0, held: false,
  });
  assert.equal(fake.contact(id).waitingTime, 7, 'still waiting 7 s later');
  assert.equal(fake.contact(id2).type, 'callTask');
  assert.equal(fake.contact(id2).CallData[0].value, 'felixct7|1|171|13');
});

test('time_duration_sec counts talk time on the virtual clock', async () => {
  const { TOOLBAR, fake, got } = setup();
  const id = fake.inbound({});
  fake.advance(3000);
  TOOLBAR.CONTACT.Answer(id);
  fake.advance(65000);
  TOOLBAR.CONTACT.Hangup(id);
  fake.advance(10000);
  await fake.flush();
  const cleared = got.find((e) => e.name === 'connectioncleared').data;
  assert.equal(cleared.waitingTime, 3);
  assert.equal(cleared.time_duration_sec, 65);
  assert.equal(fake.contact(id).time_duration_sec, 65, 'frozen after clearing');
});

// ---------------------------------------------------------------------------
// Inbound flow
// ---------------------------------------------------------------------------

test('inbound: the doc trace event order exactly (inboundFidelity doc, the default)', async () => {
  const { TOOLBAR, fake, names } = setup();
  const id = fake.inbound({ ani: '02124122674' });
  TOOLBAR.CONTACT.Answer(id);
  TOOLBAR.CONTACT.Hangup(id);
  const info = TOOLBAR.EASYCIM.getContactInfo();
  TOOLBAR.EASYCIM.saveScript(id, 'OK', true);
  await fake.flush();
  assert.deepEqual(names().map((n) => n.toUpperCase()), DOC_TRACE);
  const answer = await info;
  assert.equal(answer.result, true);
  assert.deepEqual(answer.ContactInfo.map((f) => f.id), ['NAME', 'SURNAME', 'CUSTOMER_INFO', 'TAX_CODE',
    'VAT_NUMBER', 'STREET', 'CITY', 'PROVINCE', 'POSTAL_CODE', 'CUSTOMER_CODE', 'PHONE_NUMBER', 'EMAIL']);
  assert.equal(answer.ContactInfo.find((f) => f.id === 'CUSTOMER_CODE').value, 'INB-0000000185');
  assert.equal(answer.ContactInfo.find((f) => f.id === 'PHONE_NUMBER').value, '02124122674');
  assert.deepEqual(fake.contacts(), [], 'DELETE removed it');
});

test('inbound: the 13-event order of the notes (inboundFidelity notes), ECID added by the last DATACHANGED', async () => {
  const { TOOLBAR, fake, names, got } = setup({ inboundFidelity: 'notes' });
  const id = fake.inbound({ ani: '0212345678', callData: { IVR: '1' } });
  TOOLBAR.CONTACT.Answer(id);
  TOOLBAR.CONTACT.Hangup(id);
  TOOLBAR.EASYCIM.getContactInfo();
  TOOLBAR.EASYCIM.saveScript(id, 'OK', true);
  await fake.flush();
  assert.deepEqual(names().map((n) => n.toUpperCase()), NOTES_TRACE);
  const hasEcid = got.slice(0, 8).map((e) => e.data.CallData.some((d) => d.name === 'ECID'));
  assert.deepEqual(hasEcid, [false, false, false, false, false, false, false, true]);
});

test('inbound keeps an ECID that arrives in the call data (predictive)', async () => {
  const { fake } = setup();
  const id = fake.inbound({ type: 'outbound', jobType: 'predictive', callData: 'ECID=felixct7|1|171|99' });
  assert.deepEqual(fake.contact(id).CallData, [{ name: 'ECID', value: 'felixct7|1|171|99' }]);
  assert.equal(fake.contact(id).job_type, 'predictive');
});

test('Answer only works on a ringing contact; unknown ids are ignored with a console line', async () => {
  const { TOOLBAR, fake, names, lines } = setup({ inboundFidelity: 'notes' });
  const id = fake.inbound({});
  TOOLBAR.CONTACT.Answer(id);
  TOOLBAR.CONTACT.Answer(id);
  TOOLBAR.CONTACT.Answer('nope');
  await fake.flush();
  assert.equal(names().filter((n) => n === 'established').length, 1);
  assert.equal(lines.length, 2);
});

test('Hold toggles: Hold events carry held true then false', async () => {
  const { TOOLBAR, fake, got } = setup();
  const id = fake.inbound({});
  TOOLBAR.CONTACT.Answer(id);
  TOOLBAR.CONTACT.Hold(id);
  TOOLBAR.CONTACT.Hold(id);
  await fake.flush();
  assert.deepEqual(got.filter((e) => e.name === 'Hold').map((e) => e.data.held), [true, false]);
});

test('SetCallData emits datachanged with the updated CallData', async () => {
  const { TOOLBAR, fake, got } = setup();
  const id = fake.inbound({ callData: 'A=1' });
  TOOLBAR.CONTACT.SetCallData(id, 'A=2');
  TOOLBAR.CONTACT.SetCallData(id, 'B=x=y');
  await fake.flush();
  const changes = got.filter((e) => e.name === 'datachanged').slice(-2).map((e) => e.data.CallData);
  assert.deepEqual(changes[0][0], { name: 'A', value: '2' });
  assert.deepEqual(changes[1].find((d) => d.name === 'B'), { name: 'B', value: 'x=y' });
});

test('saveScript with offlineEnd false: JOBCHANGED only; OfflineEnd then finishes', async () => {
  const { TOOLBAR, fake, names } = setup();
  const id = fake.inbound({});
  TOOLBAR.CONTACT.Answer(id);
  TOOLBAR.CONTACT.Hangup(id);
  await fake.flush();
  const before = names().length;
  TOOLBAR.EASYCIM.saveScript(id, 'OK', false);
  await fake.flush();
  assert.deepEqual(names().slice(before), ['JOBCHANGED']);
  TOOLBAR.CONTACT.OfflineEnd(id);
  await fake.flush();
  assert.deepEqual(names().slice(before), ['JOBCHANGED', 'JOBFINISHED', 'DELETE']);
});

test('saveScript(..., true) while still online does not end the contact', async () => {
  const { TOOLBAR, fake, names } = setup();
  const id = fake.inbound({});
  TOOLBAR.CONTACT.Answer(id);
  TOOLBAR.EAYCIM.saveScript(id, 'OK', true);
  await fake.flush();
  assert.equal(names().pop(), 'JOBCHANGED');
  assert.ok(fake.contact(id));
});

test('remoteHangup clears the call; OfflineEnd while online is ignored', async () => {
  const { TOOLBAR, fake, names, lines } = setup();
  const id = fake.inbound({});
  TOOLBAR.CONTACT.Answer(id);
  TOOLBAR.CONTACT.OfflineEnd(id);
  fake.remoteHangup(id);
  await fake.flush();
  assert.equal(names().pop(), 'connectioncleared');
  assert.match(lines[0], /OfflineEnd ignored/);
  assert.throws(() => fake.remoteHangup(id), /is cleared/);
});

test('StartRecording, StopRecording, PlayDTMF: no event, but logged', async () => {
  const { TOOLBAR, fake, names } = setup();
  const id = fake.inbound({});
  TOOLBAR.CONTACT.Answer(id);
  await fake.flush();
  const before = names().length;
  TOOLBAR.CONTACT.StartRecording(id, 'REC1');
  TOOLBAR.CONTACT.PlayDTMF('12#');
  TOOLBAR.CONTACT.StopRecording(id, 'REC1');
  await fake.flush();
  assert.equal(names().length, before);
  assert.deepEqual(fake.calls.slice(-3), [
    { method: 'CONTACT.StartRecording', args: [id, 'REC1'], outcome: 'accepted' },
    { method: 'CONTACT.PlayDTMF', args: ['12#'], outcome: 'accepted' },
    { method: 'CONTACT.StopRecording', args: [id, 'REC1'], outcome: 'accepted' },
  ]);
});

test('openScriptInbound writes a new ECID and emits datachanged', async () => {
  const { TOOLBAR, fake, got } = setup();
  const id = fake.inbound({});
  TOOLBAR.EASYCIM.openScriptInbound(id);
  await fake.flush();
  const last = got[got.length - 1];
  assert.equal(last.name, 'datachanged');
  assert.deepEqual(last.data.CallData, [{ name: 'ECID', value: 'felixct7|1|171|13' }]);
});

// ---------------------------------------------------------------------------
// Outbound flow
// ---------------------------------------------------------------------------

test('manual outbound: MakeCall, callee answers, ECID via GetCallDataValueByName, saveScript by ECID', async () => {
  const { TOOLBAR, fake, got, names, lines } = setup();
  TOOLBAR.AGENT.Login();
  TOOLBAR.CONTACT.MakeCall('0601234567', '', 'SRV1', 'CP1', 'ECID=felixct7|1|171|40|k2=v2');
  await fake.flush();
  const dialing = got[got.length - 1].data;
  assert.equal(dialing.type, 'outbound');
  assert.equal(dialing.job_type, 'manual');
  assert.equal(dialing.dnis, '0601234567');
  assert.deepEqual(dialing.CallData, [{ name: 'ECID', value: 'felixct7|1|171|40' }, { name: 'k2', value: 'v2' }]);
  fake.answerOutbound(dialing.id);
  TOOLBAR.CONTACT.SetCallData(dialing.id, 'RESULT=sold');
  TOOLBAR.CONTACT.Hangup(dialing.id);
  await fake.flush();
  const cleared = got[got.length - 1].data;
  const ecid = await TOOLBAR.CONTACT.GetCallDataValueByName(cleared, 'ECID');
  assert.equal(ecid, 'felixct7|1|171|40');
  TOOLBAR.EASYCIM.saveScript(ecid, 'SOLD', true);
  TOOLBAR.CONTACT.OfflineEnd(dialing.id); // integrators call it too: too late, ignored
  await fake.flush();
  assert.deepEqual(names(), ['AGENT:LOGGEDIN', 'serviceinitiated', 'dialing', 'established', 'datachanged',
    'connectioncleared', 'JOBFINISHED', 'DELETE']);
  assert.equal(lines.length, 1);
});

test('rejectOutbound: the callee does not answer, the call is cleared', async () => {
  const { TOOLBAR, fake, names } = setup();
  TOOLBAR.AGENT.Login();
  TOOLBAR.CONTACT.MakeCall('0601234567', '', '', '', '');
  const id = fake.contacts()[0].id;
  fake.rejectOutbound(id);
  await fake.flush();
  assert.deepEqual(names(), ['AGENT:LOGGEDIN', 'serviceinitiated', 'dialing', 'connectioncleared']);
  assert.equal(fake.contact(id).time_duration_sec, 0);
  assert.throws(() => fake.answerOutbound(id), /is cleared/);
});

test('MakeCall while paused or logged out: nothing happens, a console line with a masked number', async () => {
  const { TOOLBAR, fake, got, lines } = setup();
  TOOLBAR.CONTACT.MakeCall('+420601234567', '', '', '', '');
  TOOLBAR.AGENT.Login();
  TOOLBAR.AGENT.Pause();
  TOOLBAR.CONTACT.MakeCall('+420601234567', '', '', '', '');
  await fake.flush();
  assert.deepEqual(got.map((e) => e.name), ['AGENT:LOGGEDIN', 'AGENT:PAUSE']);
  assert.deepEqual(fake.contacts(), []);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /MakeCall ignored: agent state is AGENT:LOGGEDOUT/);
  assert.match(lines[1], /AGENT:PAUSE/);
  for (const line of lines) {
    assert.ok(!line.includes('601234567'), 'no full number in console: ' + line);
    assert.match(line, /\*+67/);
  }
  assert.deepEqual(fake.calls.filter((c) => c.method === 'CONTACT.MakeCall').map((c) => c.outcome), ['refused', 'refused']);
});

// ---------------------------------------------------------------------------
// Scripting: failNext, neverConfirm, duplicates, emit/play, reset
// ---------------------------------------------------------------------------

test('failNext: the next call throws that error synchronously, once, with no effect', async () => {
  const { TOOLBAR, fake, got } = setup();
  const boom = new Error('xhr poll error');
  fake.failNext('Login', boom);
  fake.failNext('TOOLBAR.AGENT.getAgentID');
  assert.throws(() => TOOLBAR.AGENT.Login(), (e) => e === boom);
  assert.throws(() => TOOLBAR.AGENT.getAgentID(), /socket not connected/);
  await fake.flush();
  assert.equal(got.length, 0);
  TOOLBAR.AGENT.Login();
  await fake.flush();
  assert.deepEqual(got.map((e) => e.name), ['AGENT:LOGGEDIN']);
  assert.deepEqual(fake.calls.map((c) => c.outcome), ['accepted', 'threw', 'threw', 'accepted']);
  assert.throws(() => fake.failNext('Logon'), TypeError);
});

test('neverConfirm: accepted, no event, no state change; getters never settle; can be turned off', async () => {
  const { TOOLBAR, fake, got } = setup();
  fake.neverConfirm('AGENT.Login');
  fake.neverConfirm('getAgentState');
  assert.equal(TOOLBAR.AGENT.Login(), undefined);
  const st = TOOLBAR.AGENT.getAgentState();
  await fake.flush();
  assert.equal(got.length, 0);
  assert.equal(await state(st), PENDING);
  assert.equal(fake.agent().State, 'AGENT:LOGGEDOUT');
  fake.neverConfirm('Login', false);
  TOOLBAR.AGENT.Login();
  await fake.flush();
  assert.deepEqual(got.map((e) => e.name), ['AGENT:LOGGEDIN']);
  assert.equal(fake.calls[1].outcome, 'dropped');
});

test('duplicateEvents: every event delivered twice, in order', async () => {
  const { TOOLBAR, fake, names } = setup();
  fake.duplicateEvents(true);
  TOOLBAR.AGENT.Login();
  fake.emit('POPUP', 'x');
  await fake.flush();
  assert.deepEqual(names(), ['AGENT:LOGGEDIN', 'AGENT:LOGGEDIN', 'POPUP', 'POPUP']);
  fake.duplicateEvents(false);
  await fake.emit('DELETE', 'x');
  assert.equal(names().length, 5);
});

test('emit delivers a raw event as given, asynchronously', async () => {
  const { fake, got } = setup();
  const done = fake.emit('weird', { a: 1 });
  assert.equal(got.length, 0);
  await done;
  assert.deepEqual(got, [{ name: 'weird', data: { a: 1 } }]);
});

test('play: a list of {name, payload} and our trace format, in order, raw', async () => {
  const { fake, got } = setup({ eventCase: 'upper', payloadForm: 'id' });
  await fake.play([{ name: 'popup', payload: { id: 'A' } }, { name: 'DELETE', payload: 'A' }]);
  await fake.play({ version: 1, startedAt: 'x', events: [
    { at: 't', vendor: 'ctt7', name: 'established', payload: '{"id":"B"}' },
    { at: 't', vendor: 'mluvii', name: 'chatSessionStarted', payload: {} },
    { at: 't', vendor: 'ctt7', name: 'AGENT:PAUSE', payload: { ID: 'x', State: 'AGENT:PAUSE' } },
  ] });
  assert.deepEqual(got, [
    { name: 'popup', data: { id: 'A' } },
    { name: 'DELETE', data: 'A' },
    { name: 'established', data: '{"id":"B"}' },
    { name: 'AGENT:PAUSE', data: { ID: 'x', State: 'AGENT:PAUSE' } },
  ]);
  assert.throws(() => fake.play({ version: 2 }), TypeError);
});

test('calls logs every SDK method call with its arguments', () => {
  const { TOOLBAR, fake } = setup();
  TOOLBAR.AGENT.setAgentGroups(['101']);
  TOOLBAR.AGENT.getAgentGroups();
  assert.equal(fake.calls[0].method, 'CONTACT.bindContactCallback');
  assert.deepEqual(fake.calls.slice(1), [
    { method: 'AGENT.setAgentGroups', args: [['101']], outcome: 'accepted' },
    { method: 'AGENT.getAgentGroups', args: [], outcome: 'accepted' },
  ]);
});

test('reset: fresh scenario, counters and options back to defaults, callback kept', async () => {
  const { TOOLBAR, fake, got } = setup();
  fake.options.eventCase = 'upper';
  TOOLBAR.AGENT.Login();
  fake.inbound({});
  fake.duplicateEvents(true);
  fake.failNext('Answer');
  fake.reset();
  await fake.flush();
  assert.equal(got.length, 0, 'queued events are dropped');
  assert.deepEqual(fake.calls, []);
  assert.equal(fake.options.eventCase, 'real');
  assert.equal(fake.agent().State, 'AGENT:LOGGEDOUT');
  const id = fake.inbound({});
  assert.equal(id, '68-60f69967@pddialer1.example.priv');
  TOOLBAR.CONTACT.Answer(id);
  await fake.flush();
  assert.equal(got[got.length - 1].name, 'JOBSTARTED');
  assert.equal(got.filter((e) => e.name === 'JOBSTARTED').length, 1);
  fake.reset({ payloadForm: 'string' });
  assert.equal(fake.options.payloadForm, 'string');
});

test('a throwing callback does not stop later events', async () => {
  const { TOOLBAR, fake, lines } = load();
  const seen = [];
  TOOLBAR.CONTACT.bindContactCallback((name) => { seen.push(name); throw new Error('page bug'); });
  TOOLBAR.AGENT.Login();
  TOOLBAR.AGENT.Pause();
  await fake.flush();
  assert.deepEqual(seen, ['AGENT:LOGGEDIN', 'AGENT:PAUSE']);
  assert.equal(lines.length, 2);
});

test('events before bindContactCallback are lost, as on the real socket', async () => {
  const { TOOLBAR, fake } = load();
  TOOLBAR.AGENT.Login();
  await fake.flush();
  const seen = [];
  TOOLBAR.CONTACT.bindContactCallback((name) => seen.push(name));
  TOOLBAR.AGENT.Pause();
  await fake.flush();
  assert.deepEqual(seen, ['AGENT:PAUSE']);
});

test('deterministic: the same script gives the same delivered events in two fresh pages', async () => {
  async function run() {
    const env = setup({ payloadForm: 'mixed' });
    env.TOOLBAR.AGENT.Login();
    const id = env.fake.inbound({ ani: '0212345678' });
    env.TOOLBAR.CONTACT.Answer(id);
    env.fake.advance(1500);
    env.TOOLBAR.CONTACT.Hangup(id);
    env.TOOLBAR.CONTACT.MakeCall('0601234567', '', '', '', 'ECID=E');
    await env.fake.flush();
    return JSON.stringify(env.fake.delivered);
  }
  const a = await run();
  const b = await run();
  assert.equal(a, b);
  assert.ok(a.length > 1000);
});

test('eventLatencyMs delays delivery but keeps order', async () => {
  const { TOOLBAR, fake, names } = setup({ eventLatencyMs: 25 });
  TOOLBAR.AGENT.Login();
  TOOLBAR.AGENT.Pause();
  await sleep(5);
  assert.deepEqual(names(), []);
  await fake.flush();
  assert.deepEqual(names(), ['AGENT:LOGGEDIN', 'AGENT:PAUSE']);
});

// Shared mode: the toolbar application in a (stand-in) SharedWorker, each tab a client of it over a
// MessageChannel, as the browser's SharedWorker port would be.
function sharedDesk() {
  class SharedWorkerGlobalScope {}
  const scope = new SharedWorkerGlobalScope();
  scope.SharedWorkerGlobalScope = SharedWorkerGlobalScope;
  new Function('window', SRC)(scope);
  const ports = [];
  const tab = () => {
    const lines = [];
    const win = {
      console: { error: (...a) => lines.push(a.join(' ')), log() {} },
      CTT7FakeConfig: { shared: true, sharedUrl: '/fakes/cttoolbar7.js' },
      SharedWorker: class {
        constructor(url, o) {
          assert.equal(url, '/fakes/cttoolbar7.js');
          assert.equal(o.name, 'CTToolbar7 fake toolbar');
          const ch = new MessageChannel();
          ports.push(ch.port1, ch.port2);
          scope.onconnect({ ports: [ch.port1] });
          this.port = ch.port2;
        }
      },
    };
    new Function('window', SRC)(win);
    const got = [];
    win.TOOLBAR.CONTACT.bindContactCallback((name, data) => got.push({ name, data }));
    return { win, lines, got, TOOLBAR: win.TOOLBAR, fake: win.CTT7Fake };
  };
  return { tab, close: () => ports.forEach((p) => p.close()) };
}

test('shared mode: every tab talks to one toolbar and every bound callback gets every event', async () => {
  const desk = sharedDesk();
  try {
    const a = desk.tab(), b = desk.tab();
    assert.equal(a.fake.shared, true);
    b.TOOLBAR.AGENT.Login(); // from the second tab
    await until(() => a.got.length == 1); // two tabs' messages have no order between them
    const id = await a.fake.inbound({ ani: '0212345678' }); // scripted from the first
    await a.fake.flush();
    await until(() => a.got.length == 10 && b.got.length == 10);
    assert.deepEqual(plainNames(a.got), plainNames(b.got));
    assert.deepEqual(a.got[1].data, b.got[1].data);
    assert.equal(a.got[0].name, 'AGENT:LOGGEDIN');
    assert.equal((await a.fake.contact(id)).id, id);

    a.TOOLBAR.CONTACT.Answer(id);
    await until(() => b.got.some((e) => e.name == 'established'));
    const calls = await b.fake.calls();
    assert.deepEqual(calls.map((c) => c.method + '@' + c.tab), ['AGENT.Login@2', 'CONTACT.Answer@1']);

    // The getter quirk is per tab: a concurrent call in another tab does not steal the answer.
    const [x, y] = await Promise.all([a.TOOLBAR.AGENT.getAgentID(), b.TOOLBAR.AGENT.getAgentID()]);
    assert.equal(x, 'AGENT1001@felixct7');
    assert.equal(y, 'AGENT1001@felixct7');
    let first = 'pending';
    b.TOOLBAR.AGENT.getAgentState().then(() => { first = 'settled'; });
    const second = await b.TOOLBAR.AGENT.getAgentState();
    assert.equal(second.State, 'AGENT:LOGGEDIN');
    await sleep(10);
    assert.equal(first, 'pending', 'within one tab the first of two concurrent calls never settles');

    // A refused command's console line reaches the tabs; a scripting misuse rejects.
    b.TOOLBAR.CONTACT.Hangup('nobody');
    await until(() => a.lines.some((l) => /Hangup ignored: unknown contact nobody/.test(l)));
    await assert.rejects(a.fake.answerOutbound('nobody'), /unknown contact/);
  } finally { desk.close(); }
});

const plainNames = (got) => got.map((e) => e.name);
async function until(cond, ms = 2000) {
  for (const end = Date.now() + ms; !cond(); await sleep(2)) if (Date.now() > end) assert.fail('timed out waiting');
}
