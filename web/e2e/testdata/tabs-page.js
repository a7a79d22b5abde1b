// What a desk page does in every tab: attach the toolbar early (a follower remembers it and attaches
// when it takes over) and listen. The log keeps what the tests compare between tabs.
window.seen = [];
window.roles = [];
if (!location.search.includes('noattach')) AgentShim.attachToolbar(); // ?noattach: no vendor at all
AgentShim.on('*', (e) => { seen.push([e.seq, e.type, e.to || '', e.contactId || ''].join(' ')); });
AgentShim.on('role', (e) => { roles.push(e.role); window.roleAt = Date.now(); });
// The page starts the core itself (data-autostart="false"); ?late leaves that to the test, so the toolbar is
// bound well before this tab says hello to the leader.
if (!location.search.includes('late')) AgentShim.start();
