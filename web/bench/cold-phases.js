// Loaded before agentshim.js on cold-agentshim.html only: notes when the loader's
// WebAssembly.compileStreaming and WebAssembly.instantiate settle, so that cold.js
// can split the cold start into phases. Wrapping costs microseconds; the promises
// and their results are passed through unchanged.
(function () {
  'use strict';
  const W = WebAssembly, at = (window.benchMarks = {});
  const timed = (name, f) => function () {
    return f.apply(W, arguments).then((v) => { at[name] = performance.now(); return v; });
  };
  W.compileStreaming = timed('compiled', W.compileStreaming);
  W.instantiate = timed('instantiated', W.instantiate);
})();
