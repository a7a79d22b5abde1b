// Imports the minified ES module build; the wasm is found next to it (import.meta.url).
import AgentShim from '/agentshim/agentshim.mjs';

window.imported = AgentShim;
