/*
 * Fake of the Whisbi Sell widget, for the demo page and tests. The page configures it with
 *   Whisbi.init({ version, api: {apiKey, primarySeed, ...}, general, oneToMany, oneToOne, events: {oto*...} })
 * and the fake calls `config.events.oto*` as the vendor documents, with the documented fields:
 * otoPreSessionRequest(data, done) gates every request and only seed, contentId, callCenters and
 * customer.extra may be changed through done(); a request whose done() is never called never happens.
 * Session state lives in sessionStorage, so after a reload mid-session otoOpened and
 * otoSessionRequested are not fired again. Plain ES2020 script; attaches to `window` or `globalThis`.
 * Scripting API: `window.WhisbiFake` (see CUSTOMER-FAKES.md). Deterministic: counters only.
 */
(function (g) {
  'use strict';

  // A second execution of the file (e.g. two tags) must keep the first one's state.
  if (!g.WhisbiFake || !g.WhisbiFake.isFake) {
    const fake = createFake(g);
    g.WhisbiFake = fake.scripting;
    g.Whisbi = fake.loader;
  }

  function createFake(g) {
    const STORE_PREFIX = 'whisbiFake:';
    const GUID_KIND = { cookie: 'd', lead: 'a', kpi: 'b', session: 'c' };
    const DEFAULT_INBOUND = { phone: '+15555550100', formatted_phone: '+1 555-555-0100' };
    const memoryStore = new Map(); // sessionStorage stand-in for Node and locked-down frames
    let st = freshState(0);

    function freshState(prevGen) {
      return { gen: prevGen + 1, seq: 0, config: null, store: null, sidebarOpen: false, pending: null,
        inbound: null, requests: [], calls: [], errors: [], tasks: [], drainScheduled: false };
    }

    // --- asynchronous, ordered delivery ---
    function enqueue(fn) {
      st.tasks.push({ fn, gen: st.gen });
      if (st.drainScheduled) return;
      st.drainScheduled = true;
      setTimeout(drain, 0);
    }
    function drain() {
      st.drainScheduled = false;
      while (st.tasks.length) {
        const t = st.tasks.shift();
        if (t.gen === st.gen) guarded(t.fn);
      }
    }
    // A throwing page handler must not break the widget; surface it like an uncaught error would.
    function guarded(fn) {
      try { fn(); } catch (e) {
        st.errors.push(e);
        if (typeof g.reportError === 'function') g.reportError(e);
      }
    }
    function settle() {
      return new Promise((resolve) => {
        const check = () => (!st.tasks.length && !st.drainScheduled) ? resolve() : setTimeout(check, 1);
        check();
      });
    }
    function emit(name, payload) { enqueue(() => invoke(name, payload)); }
    // The handler is looked up when the event fires, as the page may edit `events` after init.
    function invoke(name, payload, done) {
      const fn = st.config.events && st.config.events[name];
      st.calls.push({ seq: ++st.seq, name, arg: clone(payload), handled: typeof fn === 'function' });
      if (typeof fn !== 'function') return false;
      if (done) fn(payload, done);
      else if (payload === undefined) fn();
      else fn(payload);
      return true;
    }
    function clone(v) {
      if (v instanceof Date) return new Date(v.getTime());
      if (Array.isArray(v)) return v.map(clone);
      if (v && typeof v === 'object') {
        const o = {};
        Object.keys(v).forEach((k) => { o[k] = clone(v[k]); });
        return o;
      }
      return v;
    }

    // --- persisted state (what the real widget keeps across a reload) ---
    function storage() {
      try { if (g.sessionStorage) return g.sessionStorage; } catch (e) { /* blocked: use memory */ }
      return { getItem: (k) => (memoryStore.has(k) ? memoryStore.get(k) : null),
        setItem: (k, v) => memoryStore.set(k, String(v)), removeItem: (k) => memoryStore.delete(k),
        key: (i) => Array.from(memoryStore.keys())[i] || null, get length() { return memoryStore.size; } };
    }
    function storeKey() { return STORE_PREFIX + st.config.api.apiKey; }
    function loadStore() {
      const raw = storage().getItem(storeKey());
      return raw ? JSON.parse(raw) : { counter: 0, cookie: null, pin: null, pinCounter: 0, session: null };
    }
    function saveStore() { storage().setItem(storeKey(), JSON.stringify(st.store)); }
    function clearStorage() {
      const s = storage();
      const keys = [];
      for (let i = 0; i < s.length; i++) if (String(s.key(i)).startsWith(STORE_PREFIX)) keys.push(s.key(i));
      keys.forEach((k) => s.removeItem(k));
    }
    function nextGuid(kind) {
      st.store.counter++;
      saveStore();
      return GUID_KIND[kind] + '0000000-0000-4000-8000-' + st.store.counter.toString(16).padStart(12, '0');
    }
    function freshIds() {
      return { lead: nextGuid('lead'), sessionGuid: nextGuid('session'), kpiGuid: nextGuid('kpi') };
    }
    function newPin() {
      st.store.pinCounter++;
      st.store.pin = 'P' + st.store.pinCounter.toString(36).toUpperCase().padStart(5, '0');
      saveStore();
      return st.store.pin;
    }

    // --- loader ---
    function init(config) {
      if (st.config) throw new Error('Whisbi.init: already initialized on this page');
      validateConfig(config);
      st.config = config;
      st.store = loadStore();
      if (!st.store.cookie) st.store.cookie = nextGuid('cookie');
      const pin = st.store.pin || newPin();
      saveStore();
      // Mid-session the landing comes back with the sidebar open and fires no otoOpened.
      st.sidebarOpen = !!st.store.session;
      emit('otoPinCodeGenerated', { pinCode: pin }); // every landing load shows the (same) PIN
    }
    function validateConfig(c) {
      const api = c && c.api;
      if (!api || typeof api !== 'object') throw new TypeError('Whisbi.init: config.api is required');
      ['apiKey', 'primarySeed'].forEach((k) => {
        if (typeof api[k] !== 'string' || api[k] === '') throw new TypeError('Whisbi.init: config.api.' + k + ' must be a non-empty string');
      });
      if (c.events !== undefined && (c.events === null || typeof c.events !== 'object')) {
        throw new TypeError('Whisbi.init: config.events must be an object of oto* functions');
      }
    }
    function requireInit(what) {
      if (!st.config) throw new Error('WhisbiFake.' + what + ': call Whisbi.init(config) first');
    }

    // --- customer forms and requests ---
    function customerOf(c) {
      if (!c || typeof c !== 'object') throw new TypeError('WhisbiFake: customer must be an object');
      const s = (v) => (v === undefined || v === null ? '' : String(v));
      const extra = typeof c.extra === 'string' || c.extra == null ? s(c.extra) : JSON.stringify(c.extra);
      return { name: s(c.name), phone: s(c.phone), email: s(c.email), country: s(c.country), extra,
        dialCode: s(c.dialCode) };
    }
    function phoneLooksValid(phone) { return phone.replace(/\D/g, '').length >= 6; }
    function openSidebar() {
      if (st.sidebarOpen) return;
      st.sidebarOpen = true;
      emit('otoOpened');
    }

    function submit(kind, raw, when) {
      requireInit(kind);
      if (st.pending) throw new Error('WhisbiFake.' + kind + ': a request is still waiting for otoPreSessionRequest done()');
      if (kind === 'callMeNow' && st.store.session) throw new Error('WhisbiFake.callMeNow: the customer is already in a session');
      const customer = customerOf(raw);
      const dates = kind === 'schedule' ? scheduleDates(when) : null;
      openSidebar();
      if (!phoneLooksValid(customer.phone)) { emit('otoInvalidPhone', failure(freshIds(), customer)); return; }
      const api = st.config.api;
      const req = { kind, seed: api.primarySeed, contentId: typeof api.contentId === 'string' ? api.contentId : '',
        callCenters: Array.isArray(api.callCenters) ? api.callCenters.slice() : [], customer, dates,
        ignored: [], ids: null, doneCalls: 0 };
      st.pending = req;
      st.requests.push(req);
      enqueue(() => askPreSession(req));
    }
    function askPreSession(req) {
      const gen = st.gen;
      let called = false;
      const done = (changes) => {
        req.doneCalls++;
        if (called || gen !== st.gen || st.pending !== req) return; // late, repeated or pre-reload
        called = true;
        applyChanges(req, changes);
        st.pending = null;
        enqueue(() => finish(req));
      };
      // Without a handler the request goes straight on.
      if (!invoke('otoPreSessionRequest', preSessionData(req), done)) done();
    }
    function preSessionData(req) {
      const c = req.customer;
      const d = req.dates || { date: '', time: '', formatedDate: '', simplyBookDate: '' };
      return { seed: req.seed, contentId: req.contentId, callCenters: req.callCenters.slice(),
        customer: { name: c.name, phone: c.phone, country: c.country, email: c.email, extra: c.extra,
          dialCode: c.dialCode, date: d.date, time: d.time, formatedDate: d.formatedDate,
          simplyBookDate: d.simplyBookDate } };
    }
    // Whisbi lets the page change only seed, contentId, callCenters and customer.extra.
    function applyChanges(req, changes) {
      if (changes === undefined || changes === null) return;
      if (typeof changes !== 'object' || Array.isArray(changes)) { req.ignored.push('(not an object)'); return; }
      Object.keys(changes).forEach((k) => {
        const v = changes[k];
        if (v === undefined) return;
        if ((k === 'seed' || k === 'contentId') && typeof v === 'string') req[k] = v;
        else if (k === 'callCenters' && Array.isArray(v) && v.every((x) => typeof x === 'string')) req.callCenters = v.slice();
        else if (k === 'customer' && v && typeof v === 'object') applyCustomer(req, v);
        else req.ignored.push(k);
      });
    }
    function applyCustomer(req, c) {
      Object.keys(c).forEach((k) => {
        if (c[k] === undefined) return;
        if (k === 'extra' && typeof c[k] === 'string') req.customer.extra = c[k];
        else req.ignored.push('customer.' + k);
      });
    }
    function finish(req) {
      const c = req.customer;
      const ids = freshIds();
      req.ids = ids;
      if (req.kind === 'callMeNow') {
        st.store.session = { status: 'waiting', lead: ids.lead, sessionGuid: ids.sessionGuid, kpiGuid: ids.kpiGuid, customer: c };
        saveStore();
        invoke('otoSessionRequested', { lead: ids.lead, name: c.name, phone: c.phone, email: c.email, extra: c.extra, kpiGuid: ids.kpiGuid });
      } else if (req.kind === 'callMeBack') {
        invoke('otoCmbRequested', { lead: ids.lead, name: c.name, phone: c.phone, email: c.email, extra: c.extra });
      } else {
        invoke('otoCallBooked', { leadGuid: ids.lead, sessionGuid: ids.sessionGuid, kpiGuid: ids.kpiGuid,
          country: c.country, extra: c.extra, name: c.name, phone: c.phone,
          scheduledDate: req.dates.scheduledDate, scheduledDateObj: new Date(req.dates.ms) });
      }
    }
    // Dates as the landing would fill them; UTC so that tests do not depend on the machine's zone.
    function scheduleDates(iso) {
      const ms = Date.parse(iso);
      if (typeof iso !== 'string' || Number.isNaN(ms)) throw new RangeError('WhisbiFake.schedule: dateISO must be an ISO 8601 date-time');
      const s = new Date(ms).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
      const date = s.slice(0, 10);
      const time = s.slice(11, 16);
      return { ms, date, time, formatedDate: date.slice(8, 10) + '/' + date.slice(5, 7) + '/' + date.slice(0, 4) + ' ' + time,
        simplyBookDate: date + ' ' + s.slice(11, 19), scheduledDate: date + ' ' + time };
    }
    function failure(ids, c) {
      return { session: ids.sessionGuid, cookie: st.store.cookie, name: c.name, phone: c.phone,
        email: c.email, extra: c.extra, kpiGuid: ids.kpiGuid };
    }
    // otoCallError / otoNoAgentsAvailable end the waiting call-me-now request (same kpiGuid);
    // without one they concern a fresh submission by `raw` (e.g. the smart-landing path).
    function failRequest(what, event, raw) {
      requireInit(what);
      const s = st.store.session;
      if (s && s.status === 'waiting') {
        st.store.session = null;
        saveStore();
        emit(event, failure(s, s.customer));
        return;
      }
      if (s) throw new Error('WhisbiFake.' + what + ': the session has already started');
      if (!raw) throw new Error('WhisbiFake.' + what + ': no waiting request; pass the customer');
      const customer = customerOf(raw);
      openSidebar();
      emit(event, failure(freshIds(), customer));
    }
    function sessionRef(s) { return { session: s.sessionGuid, kpiGuid: s.kpiGuid, lead: s.lead }; }

    // --- scripting ---
    const scripting = {
      isFake: true,
      get calls() { return st.calls; },
      get errors() { return st.errors; },
      get requests() { return st.requests; },
      get pending() { return st.pending ? { kind: st.pending.kind } : null; },
      get state() {
        return { initialized: !!st.config, sidebarOpen: st.sidebarOpen,
          session: st.store && st.store.session ? clone(st.store.session) : null,
          pin: st.store ? st.store.pin : null, cookie: st.store ? st.store.cookie : null };
      },
      open() { requireInit('open'); openSidebar(); },
      close() {
        requireInit('close');
        if (!st.sidebarOpen) return;
        st.sidebarOpen = false;
        emit('otoClosed');
      },
      callMeNow(customer) { submit('callMeNow', customer); },
      callMeBack(customer) { submit('callMeBack', customer); },
      schedule(customer, dateISO) { submit('schedule', customer, dateISO); },
      showInbound(inbound) {
        requireInit('showInbound');
        st.inbound = { phone: (inbound && inbound.phone) || DEFAULT_INBOUND.phone,
          formatted_phone: (inbound && inbound.formatted_phone) || DEFAULT_INBOUND.formatted_phone };
        openSidebar();
        emit('otoInboundToWhisbiLoaded', { formatted_phone: st.inbound.formatted_phone, phone: st.inbound.phone });
      },
      clickInbound() {
        requireInit('clickInbound');
        openSidebar();
        emit('otoInboundClicked', { phone: (st.inbound || DEFAULT_INBOUND).phone });
      },
      invalidPhone(customer) {
        requireInit('invalidPhone');
        const c = customerOf(customer);
        openSidebar();
        emit('otoInvalidPhone', failure(freshIds(), c));
      },
      callError(customer) { failRequest('callError', 'otoCallError', customer); },
      noAgents(customer) { failRequest('noAgents', 'otoNoAgentsAvailable', customer); },
      agentJoins() {
        requireInit('agentJoins');
        const s = st.store.session;
        if (!s || s.status !== 'waiting') throw new Error('WhisbiFake.agentJoins: no request is waiting for an agent');
        s.status = 'active';
        saveStore();
        emit('otoSessionStarted', sessionRef(s));
      },
      endSession() {
        requireInit('endSession');
        const s = st.store.session;
        if (!s) throw new Error('WhisbiFake.endSession: no session');
        st.store.session = null;
        saveStore();
        emit('otoSessionEnded', sessionRef(s));
        emit('otoPinCodeGenerated', { pinCode: newPin() }); // documented: the PIN is refreshed
      },
      // Any oto* event, as the widget would fire it: the later, undocumented ones
      // (otoSurvey..., ...), or a documented one again (as a page might after a reload).
      emit(name, payload) {
        requireInit('emit');
        if (typeof name !== 'string' || !/^oto[A-Z]/.test(name)) throw new TypeError('WhisbiFake.emit: name must be an oto* event name');
        emit(name, payload);
      },
      settle,
      // Like a page reload: memory (calls, queued events, a pending done) is lost, sessionStorage stays.
      simulateReload() {
        requireInit('simulateReload');
        const config = st.config;
        st = freshState(st.gen);
        init(config);
      },
      reset() { st = freshState(st.gen); clearStorage(); },
    };
    return { scripting, loader: { init } };
  }
})(typeof window !== 'undefined' ? window : globalThis);
