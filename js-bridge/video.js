// agentshim-video.js: the video-call embed (id="btn-cwbbb-osr"), its GDPR notice and the webhook outbox.
// agentshim.js loads it from its own directory when the page has the button or the callFlows or webhooks
// option; README.md ("Video-call button") shows how to use it. Every decision is made by the Go core
// (call flows, business hours, escalation time, webhook triggers, headers, backoff); this file only does
// DOM, timers, fetch and localStorage. Vendor `video` records go through the core, so every step is an
// event with a seq number and lands in the trace.
(function (g) {
  'use strict';
  const A = g.AgentShim, I = A && A._internals;
  if (!I || I.videoApi) return;
  const d = g.document, opt = I.opt(), BOX = 'agentshim:outbox:v1', BTN = '[id="btn-cwbbb-osr"]';
  const CONSENT_DAYS = 14;
  const NOTICE = {
    title: 'Privacy notice',
    text: 'This video call runs on a third-party video service. To connect you, your IP address and information ' +
      'about your browser are shared with it, and everything you share during the call (camera, microphone, ' +
      'typing) passes through its servers. Cookies are used to prepare and run the call.\n' +
      'Choose OK to agree to this processing. If you do not agree, choose Cancel.',
    accept: 'OK',
    refuse: 'Cancel',
  };

  const rec = (name, payload) => I.record('video', name, JSON.stringify(payload));
  const ask = (query, arg) => JSON.parse(I.raw(query, JSON.stringify(arg)));
  // An error event through the core (so it is in the trace too).
  const fail = (code, message, callId) => rec('error', { code, message, callId });

  // --- call flows: the document as given, checked by the core at start() or here when fetched ---
  let notice = NOTICE;
  const flows = A.ready.then(async () => {
    let doc = opt.callFlows;
    if (typeof doc == 'string') {
      const res = await fetch(new URL(doc, g.location.href).href, { credentials: 'same-origin' }).catch((e) => ({ statusText: e.message }));
      if (!res.ok) throw Object.assign(Error(`callFlows ${doc} could not be fetched (${res.status || res.statusText})`), { code: 'VENDOR_UNAVAILABLE' });
      const text = await res.text();
      ask('callFlows', text); // throws BAD_INPUT naming the wrong field
      doc = JSON.parse(text);
    }
    if (!doc) return [];
    notice = Object.assign({}, NOTICE, ...Object.entries(doc.gdprNotice || {}).map(([k, v]) => (v ? { [k]: v } : {})));
    return [].concat(doc.callFlows || doc);
  }).catch((e) => {
    if (e && e.code != 'LOAD_FAILED') fail(e.code || 'BAD_INPUT', e.message);
    return [];
  });

  // --- the button: click, or Enter/Space on an element that is not a native control ---
  const native = (el) => /^(BUTTON|INPUT|SUMMARY)$/.test(el.tagName) || (el.tagName == 'A' && el.hasAttribute('href'));
  function operable() {
    d.querySelectorAll(BTN).forEach((el) => {
      if (native(el)) return;
      if (!el.hasAttribute('tabindex')) el.tabIndex = 0;
      if (!el.hasAttribute('role')) el.setAttribute('role', 'button');
    });
  }
  const target = (e) => e.target && e.target.closest && e.target.closest(BTN);
  d.addEventListener('click', (e) => {
    const el = target(e);
    if (el) { e.preventDefault(); begin(el); }
  });
  d.addEventListener('keydown', (e) => {
    const el = target(e);
    if (el && !native(el) && (e.key == 'Enter' || e.key == ' ')) { e.preventDefault(); begin(el); }
  });
  if (d.readyState == 'loading') d.addEventListener('DOMContentLoaded', operable, { once: true });
  else operable();

  let busy = 0; // one call per page at a time; further clicks are ignored
  function begin(el) {
    if (busy) return;
    busy = 1;
    call(el).catch((e) => fail(e.code || 'VENDOR_ERROR', e.message)).then(() => { busy = 0; });
  }

  async function call(el) {
    const embedId = el.getAttribute('data-cwbbb-igh') || '';
    const name = el.getAttribute('data-cwbbb-name') || 'Customer';
    const gdpr = el.getAttribute('data-cwbbb-gdpr') == '1';
    const callId = uuid(), f = (await flows).find((x) => x.embedId == embedId);
    if (!f) return fail('BAD_INPUT', `no call flow has the embed id '${embedId}'; check data-cwbbb-igh and the callFlows option`, callId);
    let t;
    try { t = localTime(f.timeZone); } catch (e) {
      return fail('BAD_INPUT', `call flow ${embedId}: timeZone '${f.timeZone}' is unknown to this browser`, callId);
    }
    // Local: nothing leaves the page for an out-of-hours click.
    const dec = ask('decide', { embedId, weekday: t[0], minute: t[1] });
    if (dec.kind != 'route') return redirect(callId, embedId, 'outOfHours', dec.url);
    if (gdpr && !consented(embedId)) {
      const given = await consentDialog(el);
      rec('consent', { callId, embedId, given });
      if (!given) return;
      d.cookie = consentCookie(embedId, g.location.protocol == 'https:');
    }
    return ring(f, callId, embedId, name, dec.after);
  }

  // Rings the flow's groups through the backend; escalates after the summed ring times (the core's figure).
  function ring(f, callId, embedId, name, after) {
    const backend = g.VideoCallBackend;
    rec('requested', { callId, embedId, callflow: f.id || f.embedId, name });
    return new Promise((done) => {
      let answered = 0, over = 0, h;
      const finish = (what, reason, url, extra) => {
        if (over) return;
        over = 1;
        clearTimeout(deadline);
        rec(what, Object.assign({ callId }, extra));
        redirect(callId, embedId, reason, url);
        done();
      };
      const escalate = () => finish('noAnswer', 'escalation', f.escalationUrl);
      const deadline = setTimeout(() => {
        if (answered) return;
        try { if (h && h.cancel) h.cancel(); } catch (e) { console.warn('agentshim: video backend cancel() threw', e); }
        escalate();
      }, after * 1000);
      if (!backend || typeof backend.request != 'function') {
        fail('VENDOR_UNAVAILABLE', 'no video-call backend on this page (window.VideoCallBackend)', callId);
        return escalate();
      }
      try {
        h = backend.request({ callId, embedId, callflow: f.id || f.embedId, name, steps: f.steps }, (type, data) => {
          data = Object(data);
          if (over) return;
          if (type == 'ringing') rec('ringing', { callId, group: data.group });
          else if (type == 'answered' && !answered) {
            answered = 1;
            clearTimeout(deadline);
            rec('answered', { callId, group: data.group, userid: data.userid, username: data.username });
          } else if (type == 'ended') answered ? finish('ended', 'exit', f.exitUrl, { by: data.by }) : escalate();
        });
      } catch (e) {
        fail('VENDOR_ERROR', 'the video-call backend threw: ' + e.message, callId);
        escalate();
      }
    });
  }

  // Announces the redirect as a session event; navigates unless a listener called preventDefault().
  function redirect(callId, embedId, reason, url) {
    let ev;
    const off = A.on('session', (e) => { if (e.session.kind == 'redirect' && e.session.callId == callId) ev = e; });
    rec('redirect', { callId, embedId, reason, url });
    setTimeout(() => { // after every listener of the event has run
      off();
      if (ev && ev.defaultPrevented) return;
      flush(true); // webhooks go out with keepalive before the page does
      g.location.assign(url);
    });
  }

  function localTime(timeZone) {
    const p = {};
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date()).forEach((x) => { p[x.type] = x.value; });
    return [['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday), +p.hour * 60 + +p.minute];
  }

  function uuid() {
    if (g.crypto.randomUUID) return g.crypto.randomUUID(); // secure contexts only
    const b = g.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, (x) => (x + 256).toString(16).slice(1)).join('');
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-');
  }

  // --- GDPR consent: a cookie per call flow (the vendor asks again for each new flow), 14 days ---
  const cookieName = (embedId) => 'agentshim_consent_' + embedId; // embed ids are [A-Za-z0-9_-]
  const consented = (embedId) => d.cookie.split(/;\s*/).includes(cookieName(embedId) + '=1');
  const consentCookie = (embedId, https) =>
    `${cookieName(embedId)}=1; Max-Age=${CONSENT_DAYS * 86400}; Path=/; SameSite=Lax${https ? '; Secure' : ''}`;

  // A modal dialog: labelled and described, focus kept inside, Escape refuses, focus returns to the button.
  function consentDialog(opener) {
    return new Promise((resolve) => {
      const id = 'agentshim-gdpr-' + Date.now().toString(36);
      const dlg = d.createElement('dialog'), title = d.createElement('h2'), body = d.createElement('div');
      const no = d.createElement('button'), yes = d.createElement('button'), bar = d.createElement('div');
      dlg.className = 'agentshim-gdpr';
      dlg.setAttribute('role', 'dialog');
      dlg.setAttribute('aria-modal', 'true');
      dlg.setAttribute('aria-labelledby', (title.id = id + '-title'));
      dlg.setAttribute('aria-describedby', (body.id = id + '-text'));
      dlg.style.maxWidth = '32rem';
      title.textContent = notice.title;
      notice.text.split('\n').forEach((t) => { body.appendChild(d.createElement('p')).textContent = t; });
      body.tabIndex = -1;
      no.type = yes.type = 'button';
      no.className = 'agentshim-gdpr-refuse';
      yes.className = 'agentshim-gdpr-accept';
      no.textContent = notice.refuse;
      yes.textContent = notice.accept;
      bar.append(no, ' ', yes);
      dlg.append(title, body, bar);
      let done = 0;
      const close = (given) => {
        if (done++) return;
        if (dlg.open) dlg.close();
        dlg.remove();
        if (opener && opener.focus) opener.focus();
        resolve(given);
      };
      yes.addEventListener('click', () => close(true));
      no.addEventListener('click', () => close(false));
      dlg.addEventListener('cancel', (e) => { e.preventDefault(); close(false); }); // Escape
      dlg.addEventListener('close', () => close(false));
      dlg.addEventListener('keydown', (e) => { // Tab and Shift+Tab cycle between the two buttons
        if (e.key != 'Tab') return;
        e.preventDefault();
        const i = [no, yes].indexOf(d.activeElement); // -1: the text
        (e.shiftKey ? (i == 1 ? no : yes) : (i == 0 ? yes : no)).focus();
      });
      d.body.appendChild(dlg);
      dlg.showModal();
      body.focus(); // start reading at the text; accepting needs a deliberate choice
    });
  }

  // --- webhook outbox: localStorage, at least once, ordered per call, backoff decided by the core ---
  const inFlight = new Set();
  let timer = 0;
  const load = () => { try { return JSON.parse(g.localStorage.getItem(BOX)) || []; } catch (e) { return []; } };
  const save = (box) => {
    try { g.localStorage.setItem(BOX, JSON.stringify(box)); } catch (e) { console.warn('agentshim: webhook outbox not saved:', e.message); }
  };
  // Reads the stored outbox again before each change: other tabs of the site share it.
  const update = (fn) => { const box = load(); fn(box); save(box); };

  A.on('contact', (e) => {
    if (!opt.webhooks) return;
    let dl;
    try { dl = ask('webhook', e); } catch (err) { return console.warn('agentshim: webhook not queued:', err.message); }
    if (!dl) return;
    update((box) => { if (!box.some((x) => x.key == dl.key)) box.push(Object.assign(dl, { attempts: 0, nextAt: 0, created: Date.now() })); });
    queueMicrotask(flush);
  });

  // Posts what is due (all: the page is going away); never blocks, never throws.
  function flush(all) {
    if (!opt.webhooks || !I.core) return;
    let plan;
    const box = load();
    try {
      plan = ask('outboxPlan', { now: Date.now(), flushAll: all === true, entries: box.map((x) => ({ callid: x.callid, nextAt: x.nextAt, inFlight: inFlight.has(x.key), waiting: !!x.waiting })) });
    } catch (e) { return; }
    plan.send.forEach((i) => post(box[i]));
    clearTimeout(timer);
    if (plan.wait >= 0) timer = setTimeout(flush, plan.wait);
  }

  async function post(x) {
    inFlight.add(x.key);
    let status = 0;
    try {
      const headers = new Headers(x.headers);
      headers.set('Content-Type', 'application/json');
      headers.set('Idempotency-Key', x.key);
      status = (await fetch(x.url, { method: 'POST', headers, body: x.body, keepalive: true })).status;
    } catch (e) { /* offline, refused by CORS, aborted: status 0 */ }
    inFlight.delete(x.key);
    let message;
    update((box) => {
      const i = box.findIndex((y) => y.key == x.key);
      if (i < 0) return;
      const y = box[i];
      y.attempts++;
      const a = ask('outboxAfter', { key: y.key, attempts: y.attempts, status, online: g.navigator.onLine !== false, age: Date.now() - y.created });
      if (a.outcome == 'done' || a.outcome == 'giveUp') box.splice(i, 1);
      else Object.assign(y, { nextAt: Date.now() + a.after, waiting: a.outcome == 'waitOnline' });
      if (a.outcome == 'giveUp') message = `${y.kind}-call webhook for call ${y.callid}: ${a.message}`;
    });
    if (message) fail('VENDOR_ERROR', message);
    flush();
  }

  g.addEventListener('online', () => { update((box) => box.forEach((x) => { x.waiting = false; x.nextAt = 0; })); flush(); });
  g.addEventListener('pagehide', () => flush(true));
  A.ready.then(() => flush(), () => {});

  // Not public: tests.
  I.videoApi = { consentCookie, flush, outbox: load };
})(typeof window != 'undefined' ? window : globalThis);
