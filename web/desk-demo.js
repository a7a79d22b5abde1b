// The demo desk page: attaches the fake toolbar, mounts the desk, and wires
// the scenario panel that plays the toolbar's other side (CTT7Fake, see
// web/fakes/README.md). The desk itself only uses window.AgentShim.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const say = (msg) => { $('scenario-status').textContent = msg; };
  // The same mask the shim uses for log lines: never a whole number on screen.
  const mask = (n) => String(n).replace(/\d(?=\d{3})/g, '*');

  AgentShim.attachToolbar().catch((e) => say('toolbar: ' + e.message));
  AgentShimDesk.mount($('desk'), { heartbeat: { url: '/api/heartbeat', intervalMs: 15000 } })
    .then((desk) => {
      $('desk-status').remove();
      window.demoDesk = desk; // for tests and the console
    }, (e) => { $('desk-status').textContent = 'The desk did not load: ' + e.message; });

  // newest returns the newest fake contact matching test, or null.
  function newest(test) {
    const list = CTT7Fake.contacts().filter(test);
    return list.length ? list[list.length - 1] : null;
  }
  let n = 0;
  const callers = ['777666555', '602123456', '+421905123456', '733987654'];

  const scenarios = {
    inbound() {
      const ani = callers[n++ % callers.length];
      CTT7Fake.inbound({ ani, callData: { CUSTOMER: 'Jana Nováková', TOPIC: 'Contract renewal' } });
      return 'inbound call from ' + mask(ani);
    },
    hostile() {
      CTT7Fake.inbound({ ani: '777000111', callData: { NOTE: '<img src=x onerror=alert(1)>', NAME: '<b>bold?</b>' } });
      return 'inbound call whose call data holds HTML: the desk shows it as text';
    },
    answerOutbound() {
      const c = newest((c) => c.type === 'outbound' && c.state === 'dialing');
      if (!c) return 'no outbound call is dialing: dial one in the desk first';
      CTT7Fake.answerOutbound(c.id);
      return 'the callee answered';
    },
    rejectOutbound() {
      const c = newest((c) => c.type === 'outbound' && c.state === 'dialing');
      if (!c) return 'no outbound call is dialing';
      CTT7Fake.rejectOutbound(c.id);
      return 'the callee did not answer';
    },
    remoteHangup() {
      const c = newest((c) => ['ringing', 'established', 'held'].includes(c.state));
      if (!c) return 'no call to hang up';
      CTT7Fake.remoteHangup(c.id);
      return 'the other side hung up';
    },
    failNext() {
      CTT7Fake.failNext('Answer');
      return 'the next Answer throws in the SDK: the desk shows VENDOR_ERROR';
    },
    neverConfirm() {
      CTT7Fake.neverConfirm('Hold');
      return 'Hold is accepted but never confirmed: the desk shows TIMEOUT after 4 s';
    },
    confirmAgain() {
      CTT7Fake.neverConfirm('Hold', false);
      return 'Hold is confirmed again';
    },
  };

  document.querySelector('.demo-buttons').addEventListener('click', (e) => {
    const b = e.target.closest('[data-scenario]');
    if (!b) return;
    try { say(scenarios[b.dataset.scenario]()); } catch (err) { say(err.message); }
  });
})();
