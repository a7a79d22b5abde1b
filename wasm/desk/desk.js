// desk.js: the agent desktop's loader. It loads desk.wasm (Go, dom/v2) once
// AgentShim.ready has resolved and mounts the desk into any element:
//
//   <script src="/agentshim/agentshim.js" data-wasm="/agentshim/agentshim.wasm"></script>
//   <script src="/agentshim/desk.js"></script>
//   AgentShimDesk.mount(document.getElementById('desk'), {heartbeat: '/api/heartbeat'});
//
// Customer pages never load it: the desk is a second wasm. It reuses the Go
// runtime glue (wasm_exec.js) that the built agentshim.js carries, so both
// binaries must come from one build. The desk talks to the core only through
// the public Shim, like any integrator's page.
(function (g) {
  'use strict';
  if (g.AgentShimDesk) return;

  const OPTS = ['wasm', 'css', 'pauseReasons', 'outcomes', 'heartbeat'];
  const script = g.document && g.document.currentScript;
  const attr = (n) => (script && script.getAttribute(n)) || '';
  const base = (script && script.src) || g.location.href;
  let api, loading, cssDone, exited;

  const fail = (code, message) => {
    const E = g.AgentShim && g.AgentShim.AgentShimError;
    const e = E ? new E(code, message) : Object.assign(new Error(message), { code });
    return Promise.reject(e);
  };

  // desk.wasm calls ready(api) from main(): api is {mount, funcs}.
  let announce;
  g.__agentshimDeskLoader = { ready(a) { api = a; if (announce) announce(); } };

  function load(o) {
    if (loading) return loading;
    loading = (async () => {
      const shim = await g.AgentShim.ready;
      if (!g.Go) throw new Error('the Go runtime glue is missing: use the built agentshim.js');
      const url = o.wasm || attr('data-wasm') || new URL('desk.wasm', base).href;
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      const go = new g.Go();
      const { instance } = await WebAssembly.instantiateStreaming(res, go.importObject); // needs application/wasm
      const up = new Promise((ok) => { announce = ok; });
      go.run(instance).then(() => { exited = 'the desk program exited'; }, (e) => { exited = String(e && e.message); });
      await up;
      return shim;
    })();
    loading.catch(() => { loading = null; }); // a later mount() may retry
    return loading;
  }

  function stylesheet(o) {
    if (cssDone || o.css === false) return;
    cssDone = true;
    const link = g.document.createElement('link');
    link.rel = 'stylesheet';
    link.href = o.css || attr('data-css') || new URL('desk.css', base).href;
    g.document.head.appendChild(link);
  }

  // mount(element, options) → Promise<{unmount()}>. Options: pauseReasons
  // and outcomes (string arrays), heartbeat (URL or {url, intervalMs,
  // agentId}; none: no heartbeat), wasm and css (URLs; css: false to bring
  // your own style sheet).
  async function mount(element, options) {
    const o = Object.assign({}, options);
    for (const k in o) if (!OPTS.includes(k)) return fail('BAD_INPUT', `unknown desk option ${k}; the options are ${OPTS}`);
    if (!element || element.nodeType !== 1) return fail('BAD_INPUT', 'AgentShimDesk.mount(element, options): element must be a DOM element');
    if (!g.AgentShim) return fail('LOAD_FAILED', 'load agentshim.js before desk.js');
    stylesheet(o);
    let shim;
    try { shim = await load(o); } catch (e) {
      return fail(e && e.code ? e.code : 'LOAD_FAILED', `the desk did not load (${e && e.message})`);
    }
    if (exited) return fail('CRASHED', exited);
    // The desk hands its command promises here; settle is the desk's one
    // callback for them, removed on unmount so late answers are dropped.
    const env = {
      watch(p, token) {
        Promise.resolve(p).then((v) => env.settle && env.settle(token, true, v), (e) => env.settle && env.settle(token, false, e));
      },
    };
    const ctl = api.mount(element, shim, o, env);
    if (ctl.error) return fail('BAD_INPUT', ctl.error);
    let on = true;
    return {
      unmount() { if (on && !exited) { on = false; ctl.unmount(); } },
      get mounted() { return on; },
    };
  }

  g.AgentShimDesk = {
    version: '0.1.0',
    mount,
    // How many js.FuncOfs the mounted desks hold (0 once all are unmounted).
    funcs: () => (api && !exited ? api.funcs() : 0),
  };
})(window);
