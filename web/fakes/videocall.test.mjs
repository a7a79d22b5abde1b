// Tests for the video-call backend fake (videocall.js). Run: node --test web/fakes/
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

vm.runInThisContext(readFileSync(new URL('./videocall.js', import.meta.url), 'utf8'), { filename: 'videocall.js' });
const F = globalThis.VideoCallFake, B = globalThis.VideoCallBackend;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const request = (over = {}) => Object.assign({ callId: 'c1', embedId: 'e1', callflow: 'cf-1', name: 'Customer',
  steps: [{ group: 'Verkauf', ringSeconds: 2 }, { group: 'Service', ringSeconds: 3 }] }, over);

beforeEach(() => F.reset({ timeScale: 0.01 })); // 1 s of ring time = 10 ms

test('rings the groups top to bottom, then stops when nobody answers', async () => {
  const seen = [];
  F.configure({ timeScale: 0.05 }); // Service rings after 100 ms, the ringing stops after 250 ms
  B.request(request(), (type, data) => seen.push([type, data.group]));
  await sleep(50);
  assert.deepEqual(seen, [['ringing', 'Verkauf']]);
  assert.equal(F.call('c1').state, 'ringing');
  await sleep(250);
  await F.flush();
  assert.deepEqual(seen, [['ringing', 'Verkauf'], ['ringing', 'Service']]);
  assert.equal(F.call('c1').state, 'unanswered');
  assert.deepEqual(F.calls.map((c) => c.method), ['request', 'ring', 'ring', 'unanswered']);
});

test('an agent of the ringing group answers; either side hangs up', async () => {
  F.configure({ agents: { Verkauf: [{ userid: 17, username: 'anna@autohaus.example' }] } });
  const seen = [];
  const h = B.request(request(), (type, data) => seen.push([type, data]));
  await sleep(5);
  await F.flush();
  assert.throws(() => F.hangup('c1'), /not connected/);
  F.answer();
  await F.flush();
  assert.deepEqual(seen[1], ['answered', { group: 'Verkauf', userid: 17, username: 'anna@autohaus.example' }]);
  await sleep(80); // the ring timers stopped with the answer
  assert.equal(F.current().state, 'connected');
  h.hangup();
  await F.flush();
  assert.deepEqual(seen[2], ['ended', { by: 'customer' }]);
  assert.equal(F.current(), null);
});

test('cancel stops the ringing; misuse throws', async () => {
  const seen = [];
  const h = B.request(request(), (type) => seen.push(type));
  h.cancel();
  await sleep(80);
  await F.flush();
  assert.deepEqual(seen, ['ringing'], 'the first group rang; nothing after the cancel');
  assert.equal(F.call('c1').state, 'cancelled');
  assert.throws(() => F.answer('c1'), /not ringing/);
  assert.throws(() => B.request(request(), () => {}), /exists already/);
  assert.throws(() => B.request(request({ callId: 'c2', steps: [] }), () => {}), /steps/);
  assert.throws(() => B.request(request({ callId: 'c3', name: '' }), () => {}), /name/);
  assert.throws(() => F.configure({ colour: 'red' }), /unknown option/);
  assert.deepEqual(F.requests.map((r) => r.callId), ['c1']);
});

test('the default agent answers for a group without agents; the agent hangs up', async () => {
  const seen = [];
  B.request(request(), (type, data) => seen.push([type, data]));
  await F.flush();
  F.answer('c1');
  F.hangup('c1');
  await F.flush();
  assert.deepEqual(seen.slice(1), [['answered', { group: 'Verkauf', userid: 1001, username: 'agent@videocall.example' }],
    ['ended', { by: 'agent' }]]);
});
