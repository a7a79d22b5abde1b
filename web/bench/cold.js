// Cold start: window.benchReady is the time from navigation start (performance.now()'s
// origin) until the page's machine can take events. blank: this script ran; xstate: a
// desk on XState actors took its first event; agentshim: AgentShim.ready resolved.
// On the agentshim page window.benchPhases splits that time (cold-phases.js marks).
(function () {
  'use strict';
  const kind = document.currentScript.dataset.kind;
  const done = () => { window.benchReady = performance.now(); };
  if (kind === 'blank') done();
  else if (kind === 'xstate') {
    const desk = window.BenchXState.createDesk();
    desk.send('AGENT:LOGGEDIN', { ID: 'AGENT1001@felixct7', State: 'AGENT:LOGGEDIN' });
    done();
  } else window.AgentShim.ready.then(() => { done(); window.benchPhases = phases(); }, (e) => { window.benchError = String(e && e.message); });

  // Each phase ends where the next begins; together they make benchReady.
  function phases() {
    const m = window.benchMarks || {};
    const wasm = performance.getEntriesByType('resource').find((r) => /\.wasm$/.test(r.name)) || {};
    const ends = [['page and loader, until the wasm request', wasm.startTime],
      ['wasm download (compiled while streaming)', wasm.responseEnd],
      ['compile finishing after the last byte', m.compiled],
      ['instantiate', m.instantiated],
      ['Go runtime start, package init, setup', window.benchReady]];
    let from = 0;
    return ends.map(([name, end]) => { const ms = end - from; from = end; return { Name: name, Ms: ms }; });
  }
})();
