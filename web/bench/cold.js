// Cold start: window.benchReady is the time from navigation start (performance.now()'s
// origin) until the page's machine can take events. blank: this script ran; xstate: a
// desk on XState actors took its first event; agentshim: AgentShim.ready resolved.
(function () {
  'use strict';
  const kind = document.currentScript.dataset.kind;
  const done = () => { window.benchReady = performance.now(); };
  if (kind === 'blank') done();
  else if (kind === 'xstate') {
    const desk = window.BenchXState.createDesk();
    desk.send('AGENT:LOGGEDIN', { ID: 'AGENT1001@felixct7', State: 'AGENT:LOGGEDIN' });
    done();
  } else window.AgentShim.ready.then(done, (e) => { window.benchError = String(e && e.message); });
})();
