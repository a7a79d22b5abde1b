/*
 * Fake of the video-call backend behind the embed (vendor doc video-call-backend-admin-de.txt): a visitor's
 * call rings the call groups of the flow's routing steps top to bottom, each for its ring time, until an
 * agent answers; the call then runs until the agent or the visitor hangs up. The real backend's protocol is
 * not published, so agentshim's embed talks to this small interface, which a real adapter would implement:
 *
 *   window.VideoCallBackend.request({callId, embedId, callflow, name, steps: [{group, ringSeconds}]}, listener)
 *     → {cancel(), hangup()}
 *   listener('ringing', {group}) · listener('answered', {group, userid, username}) · listener('ended', {by})
 *
 * Scripting API (tests, demo): window.VideoCallFake — see README.md. Deterministic: no Math.random, no
 * Date; listener calls are delivered asynchronously, in order, one per macrotask (setTimeout FIFO).
 * Plain ES2020 script; attaches to `window` or `globalThis`.
 */
(function (g) {
  'use strict';
  if (g.VideoCallFake && g.VideoCallFake.isFake) return; // a second <script> keeps the first one's state

  const DEFAULTS = {
    agents: {}, // group name → [{userid, username}], who answers for that group
    defaultAgent: { userid: 1001, username: 'agent@videocall.example' },
    timeScale: 1, // ring times are multiplied by this (demo pages may speed them up)
  };
  let options, calls, requests, sessions, tasks, draining;

  function reset(opts) {
    for (const s of sessions ? sessions.values() : []) stopRinging(s);
    options = Object.assign({}, DEFAULTS, { agents: {} });
    calls = [];
    requests = [];
    sessions = new Map();
    tasks = [];
    draining = false;
    if (opts) configure(opts);
  }

  function configure(opts) {
    for (const k of Object.keys(opts)) {
      if (!(k in DEFAULTS)) throw new TypeError(`VideoCallFake: unknown option ${k}`);
      if (k == 'timeScale' && !(opts[k] > 0)) throw new TypeError('VideoCallFake: timeScale must be > 0');
      options[k] = opts[k];
    }
    return options;
  }

  // --- ordered asynchronous delivery ---
  function deliver(s, type, data) {
    tasks.push(() => {
      try { s.listener(type, Object.assign({}, data)); } catch (e) {
        if (typeof g.reportError == 'function') g.reportError(e);
      }
    });
    if (!draining) { draining = true; setTimeout(drain, 0); }
  }
  function drain() {
    const t = tasks.shift();
    if (t) t();
    if (tasks.length) setTimeout(drain, 0);
    else draining = false;
  }
  function flush() {
    return new Promise((resolve) => { const check = () => (tasks.length || draining ? setTimeout(check, 1) : resolve()); check(); });
  }

  function log(method, callId, outcome, extra) {
    calls.push(Object.assign({ method, callId, outcome }, extra));
  }

  // --- the backend the embed talks to ---
  function checkRequest(req, listener) {
    if (!req || typeof req != 'object') throw new TypeError('VideoCallBackend.request: no request object');
    for (const k of ['callId', 'embedId', 'name']) {
      if (typeof req[k] != 'string' || !req[k]) throw new TypeError(`VideoCallBackend.request: ${k} must be a non-empty string`);
    }
    if (!Array.isArray(req.steps) || !req.steps.length || !req.steps.every((s) => s && typeof s.group == 'string' && s.ringSeconds > 0)) {
      throw new TypeError('VideoCallBackend.request: steps must be [{group, ringSeconds}, ...]');
    }
    if (typeof listener != 'function') throw new TypeError('VideoCallBackend.request: listener must be a function');
    if (sessions.has(req.callId)) throw new Error(`VideoCallBackend.request: call ${req.callId} exists already`);
  }

  const backend = {
    request(req, listener) {
      checkRequest(req, listener);
      requests.push(JSON.parse(JSON.stringify(req)));
      const s = { req, listener, state: 'ringing', step: -1, group: null, timers: [] };
      sessions.set(req.callId, s);
      log('request', req.callId, 'accepted');
      // Each step's group rings from the sum of the ring times before it (one timeline, no drift).
      let at = 0;
      req.steps.forEach((step, i) => {
        if (i == 0) ringStep(s, 0); // the first group rings at once (its event comes asynchronously)
        else s.timers.push(setTimeout(() => ringStep(s, i), at * 1000 * options.timeScale));
        at += step.ringSeconds;
      });
      s.timers.push(setTimeout(() => unanswered(s), at * 1000 * options.timeScale));
      return {
        cancel() { cancel(s); },
        hangup() { hangup(s.req.callId, 'customer'); },
      };
    },
  };

  function ringStep(s, i) {
    if (s.state != 'ringing') return;
    s.step = i;
    s.group = s.req.steps[i].group;
    log('ring', s.req.callId, 'ringing', { group: s.group });
    deliver(s, 'ringing', { group: s.group });
  }
  // Nobody answered within the ring times: the backend stops ringing; the embed escalates.
  function unanswered(s) {
    if (s.state != 'ringing') return;
    s.state = 'unanswered';
    stopRinging(s);
    log('unanswered', s.req.callId, 'stopped');
  }
  function stopRinging(s) {
    s.timers.forEach(clearTimeout);
    s.timers = [];
  }
  function cancel(s) {
    if (s.state == 'ended' || s.state == 'cancelled') return log('cancel', s.req.callId, 'ignored');
    stopRinging(s);
    s.state = 'cancelled';
    log('cancel', s.req.callId, 'accepted');
  }

  function session(callId) {
    if (callId === undefined) {
      const live = [...sessions.values()].filter((s) => s.state == 'ringing' || s.state == 'connected');
      if (!live.length) throw new Error('VideoCallFake: no call is ringing or connected');
      return live[live.length - 1];
    }
    const s = sessions.get(callId);
    if (!s) throw new Error(`VideoCallFake: no call ${callId}`);
    return s;
  }

  // --- scripting ---
  function answer(callId, agent) {
    const s = session(callId);
    if (s.state != 'ringing' || s.step < 0) throw new Error(`VideoCallFake: call ${s.req.callId} is not ringing (${s.state})`);
    const a = agent || (options.agents[s.group] || [])[0] || options.defaultAgent;
    stopRinging(s);
    s.state = 'connected';
    s.agent = { userid: a.userid, username: a.username };
    log('answer', s.req.callId, 'connected', { group: s.group, userid: a.userid });
    deliver(s, 'answered', { group: s.group, userid: a.userid, username: a.username });
    return s.req.callId;
  }

  function hangup(callId, by) {
    const s = session(callId);
    if (s.state != 'connected') throw new Error(`VideoCallFake: call ${s.req.callId} is not connected (${s.state})`);
    s.state = 'ended';
    log('hangup', s.req.callId, 'ended', { by: by || 'agent' });
    deliver(s, 'ended', { by: by || 'agent' });
    return s.req.callId;
  }

  function snapshot(s) {
    return { callId: s.req.callId, embedId: s.req.embedId, state: s.state, group: s.group, agent: s.agent || null };
  }

  reset();
  g.VideoCallBackend = backend;
  g.VideoCallFake = {
    isFake: true,
    get options() { return options; },
    configure,
    reset,
    /** Every request that reached the backend, as sent (what left the visitor's page). */
    get requests() { return requests; },
    /** Every backend action: {method, callId, outcome, ...}. */
    get calls() { return calls; },
    answer,
    hangup,
    current() { try { return snapshot(session()); } catch (e) { return null; } },
    call(callId) { return snapshot(session(callId)); },
    flush,
  };
})(typeof window != 'undefined' ? window : globalThis);
