// Unit tests of video.js (agentshim-video.js) under Node, for what Chromium cannot show over plain http:
// the consent cookie's Secure attribute on https pages. The e2e tests (web/e2e/video_test.go) cover the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { readFileSync } from 'node:fs';

const SRC = readFileSync(new URL('./video.js', import.meta.url), 'utf8');

function load() {
  const internals = { opt: () => ({}), record() {}, raw() { throw new Error('no core'); }, core: null };
  const g = {
    AgentShim: { _internals: internals, ready: new Promise(() => {}), on: () => () => {} },
    document: { readyState: 'complete', cookie: '', querySelectorAll: () => [], addEventListener() {} },
    addEventListener() {}, console, setTimeout, clearTimeout, queueMicrotask, URL, JSON, Promise, Object, Array,
  };
  g.window = g;
  vm.runInNewContext(SRC, g, { filename: 'video.js' });
  return internals.videoApi;
}

test('the consent cookie: 14 days, SameSite=Lax, Secure only on https, one per call flow', () => {
  const v = load();
  assert.equal(v.consentCookie('a1B2-c3_d4', true), 'agentshim_consent_a1B2-c3_d4=1; Max-Age=1209600; Path=/; SameSite=Lax; Secure');
  assert.equal(v.consentCookie('a1B2-c3_d4', false), 'agentshim_consent_a1B2-c3_d4=1; Max-Age=1209600; Path=/; SameSite=Lax');
});
