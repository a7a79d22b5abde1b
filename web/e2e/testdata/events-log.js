// Keeps every agentshim event the page sees, from the start, for the tests to read.
window.shimEvents = [];
AgentShim.on('*', (e) => window.shimEvents.push(e));
