// Writes to the console, throws once uncaught, rejects once unhandled and
// posts to a webhook receiver the Go test registered on the server.
(function () {
  'use strict';
  console.log('hello from %s', 'console.js', { answer: 42 });
  console.error('a console error');
  setTimeout(function () { throw new Error('boom from a timer'); }, 0);
  Promise.reject(new TypeError('nobody handles this'));
  window.hookAnswer = fetch('/hooks/echo', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ event: 'ping', seq: 1 }),
  }).then(function (r) { return r.text(); });
})();
// A phone number in the console: the harness must mask it in failure reports.
console.log('caller', '+420777666555');
