// eval is refused too: 'wasm-unsafe-eval' allows compiling WebAssembly only.
(function () {
  'use strict';
  try {
    window.evalResult = eval('6 * 7');
  } catch (e) {
    window.evalResult = e.name;
  }
})();
