// A page that tries to drive another page's agentshim through its tab channel: it posts, on the
// channel name given in the hash, a hello and a forged login command as a follower tab would.
(function () {
  const ch = new BroadcastChannel(decodeURIComponent(location.hash.slice(1)));
  ch.postMessage({ t: 'hello', from: 'forger' });
  ch.postMessage({ t: 'in', from: 'forger', ref: 1, rec: 'facade\x1flogin\x1f' + Date.now() + '\x1f0\x1f[]\x1e' });
  window.forged = true;
})();
