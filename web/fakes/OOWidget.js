/*
 * Fake of mluvii's widget loader (//app.mluvii.com/widget/OOWidget.js), for the demo page and tests.
 * It copies the documented behaviour, quirks included: one owidget per loader <script> element,
 * handed to that element's `$owidgetOnLoad` after the script has loaded; single-slot callbacks
 * (a second setAppEventCallback replaces the first); events delivered asynchronously, in order.
 * Plain ES2020 script, no modules: attaches to `window`, or to `globalThis` under Node.
 * Scripting API: `window.MluviiFake` (see CUSTOMER-FAKES.md). Deterministic: counters only.
 */
(function (g) {
  'use strict';

  // Running the file a second time (a second loader tag) must keep the state of the first run.
  if (!g.MluviiFake || !g.MluviiFake.isFake) g.MluviiFake = createFake(g);
  g.MluviiFake.bootCurrentScript();

  function createFake(g) {
    const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const LOADER_RE = /OOWidget\.js([?#].*)?$/;
    const STORE_PREFIX = 'mluviiFake:';
    const memoryStore = new Map(); // sessionStorage stand-in for Node and locked-down frames
    // Marker returned by API calls that the widget silently ignores; the reason goes to `calls`.
    const ignore = (reason) => ({ fakeIgnored: reason });
    let st = freshState(0);

    function freshState(prevGen) {
      return { gen: prevGen + 1, nextId: 1, seq: 0, widgets: {}, list: [], calls: [],
        errors: [], tasks: [], drainScheduled: false, timers: 0 };
    }

    // --- asynchronous delivery: one FIFO for every widget, so order is global and deterministic ---
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
    function later(ms, fn) {
      const gen = st.gen;
      st.timers++;
      setTimeout(() => {
        if (gen !== st.gen) return; // a reset or reload happened meanwhile: that page is gone
        st.timers--;
        guarded(fn);
      }, ms);
    }
    // A throwing page callback must not break the widget; surface it like an uncaught error would.
    function guarded(fn) {
      try { fn(); } catch (e) {
        st.errors.push(e);
        if (typeof g.reportError === 'function') g.reportError(e);
      }
    }
    function settle() {
      return new Promise((resolve) => {
        const check = () => (st.timers === 0 && !st.tasks.length && !st.drainScheduled)
          ? resolve() : setTimeout(check, 1);
        check();
      });
    }

    // --- storage (the "restore active conversation" feature of init's scope parameter) ---
    function storage() {
      try { if (g.sessionStorage) return g.sessionStorage; } catch (e) { /* blocked: use memory */ }
      return { getItem: (k) => (memoryStore.has(k) ? memoryStore.get(k) : null),
        setItem: (k, v) => memoryStore.set(k, String(v)), removeItem: (k) => memoryStore.delete(k),
        key: (i) => Array.from(memoryStore.keys())[i] || null, get length() { return memoryStore.size; } };
    }
    function storeKey(w) { return STORE_PREFIX + w.companyGuid + ':' + w.tenant + ':' + w.name; }
    function persist(w) {
      if (w.session) storage().setItem(storeKey(w), JSON.stringify({ scope: w.scope, session: w.session }));
      else storage().removeItem(storeKey(w));
    }
    function clearStorage() {
      const s = storage();
      const keys = [];
      for (let i = 0; i < s.length; i++) if (String(s.key(i)).startsWith(STORE_PREFIX)) keys.push(s.key(i));
      keys.forEach((k) => s.removeItem(k));
    }

    // --- the owidget object the loader hands to $owidgetOnLoad ---
    function createOwidget(supported) {
      const w = { id: 'ow' + st.nextId++, name: null, owidget: null, companyGuid: null, tenant: null,
        language: null, scope: null, initialized: false, connectCalled: false, connected: false,
        status: initialStatus(), reportedStatus: null, windowOpen: false, session: null, app: null,
        restorable: null,
        customData: {}, appEventCallback: null, statusCallback: null, normalizer: null };
      const ow = { isSupported: supported };
      const api = { init, connectToServer, setAppEventCallback, setStatusUpdateCallback,
        setCustomNumberNormalization, addCustomData, openChat, openAppOnCurrentPage };
      Object.keys(api).forEach((m) => { ow[m] = logged(w, ow, m, api[m]); });
      w.owidget = ow;
      st.list.push(w);
      return ow;
    }
    function initialStatus() {
      const c = g.MluviiFakeConfig && g.MluviiFakeConfig.initialStatus;
      return c === 0 || c === 1 || c === 2 ? c : 1;
    }
    // Every API call is logged; on an unsupported browser the calls do nothing (assumption).
    function logged(w, ow, method, impl) {
      return function () {
        const args = Array.from(arguments);
        const entry = { seq: ++st.seq, id: w.id, widget: w.name, method, args };
        st.calls.push(entry);
        if (!ow.isSupported) { entry.ignored = 'unsupported'; return undefined; }
        const r = impl.apply(null, [w].concat(args));
        entry.widget = w.name;
        if (r && r.fakeIgnored) { entry.ignored = r.fakeIgnored; return undefined; }
        return r;
      };
    }

    function parseCompany(companyId) {
      if (typeof companyId === 'string' && GUID_RE.test(companyId)) return { guid: companyId, tenant: null };
      if (Array.isArray(companyId) && companyId.length === 2 && typeof companyId[0] === 'string' &&
          GUID_RE.test(companyId[0]) && validTenant(companyId[1])) {
        return { guid: companyId[0], tenant: companyId[1] };
      }
      throw new TypeError('OOWidget.init: companyId must be a company GUID string or [GUID, tenant]');
    }
    function validTenant(t) {
      return (typeof t === 'string' && t.trim() !== '') || (Number.isInteger(t) && t >= 0);
    }
    function optString(v, what) {
      if (v === undefined || v === null) return null;
      if (typeof v !== 'string') throw new TypeError('OOWidget.init: ' + what + ' must be a string');
      return v;
    }

    function init(w, companyId, widgetPreset, language, scope) {
      if (w.initialized) throw new Error('OOWidget.init: this widget is already initialized');
      const company = parseCompany(companyId);
      const preset = optString(widgetPreset, 'widgetPreset');
      w.language = optString(language, 'language');
      w.scope = optString(scope, 'scope');
      w.companyGuid = company.guid;
      w.tenant = company.tenant;
      w.name = uniqueName(preset || 'default');
      w.initialized = true;
      st.widgets[w.name] = w;
      // Read now: only a conversation from an earlier page load may be restored, not one this
      // page starts before the config arrives.
      const saved = storage().getItem(storeKey(w));
      w.restorable = saved ? JSON.parse(saved) : null;
    }
    // Two widgets with one preset stay scriptable: the second one is "<preset>#2".
    function uniqueName(base) {
      let name = base;
      for (let i = 2; st.widgets[name]; i++) name = base + '#' + i;
      return name;
    }
    function requireInit(w, method) {
      if (!w.initialized) throw new Error('OOWidget.' + method + ': call init() first');
    }

    function connectToServer(w) {
      requireInit(w, 'connectToServer');
      if (w.connectCalled) return ignore('alreadyConnected');
      w.connectCalled = true;
      const code = w.status; // statuses are captured when they change, delivered in that order
      enqueue(() => { // the "config" arrives: now the button status is known
        w.connected = true;
        reportStatus(w, code);
        restoreConversation(w);
      });
    }
    // Documented as "called each time the button status changes": repeats are not reported.
    function reportStatus(w, code) {
      if (!w.connected || w.reportedStatus === code) return;
      w.reportedStatus = code;
      if (w.statusCallback) w.statusCallback(code);
    }
    function restoreConversation(w) {
      const saved = w.restorable;
      w.restorable = null;
      if (!saved || w.session) return;
      if (saved.scope !== w.scope) return; // documented: only a widget with the same scope restores
      openWindow(w);
      w.session = saved.session;
      emit(w, saved.session === 'started' ? 'chatSessionStarted' : 'chatSessionCreated');
    }

    function setAppEventCallback(w, fn) { w.appEventCallback = typeof fn === 'function' ? fn : null; }
    function setStatusUpdateCallback(w, fn) { w.statusCallback = typeof fn === 'function' ? fn : null; }
    function setCustomNumberNormalization(w, fn) { w.normalizer = typeof fn === 'function' ? fn : null; }
    function addCustomData(w, key, value) {
      if (typeof key !== 'string' || key === '') throw new TypeError('OOWidget.addCustomData: key must be a non-empty string');
      if (typeof value !== 'string') throw new TypeError('OOWidget.addCustomData: value must be a string');
      w.customData[key] = value;
    }
    function openChat(w, toQueue) {
      requireInit(w, 'openChat');
      if (!w.connectCalled) return ignore('notConnected');
      openWindow(w);
      if (toQueue === true) createSession(w);
    }
    function openAppOnCurrentPage(w, app) {
      requireInit(w, 'openAppOnCurrentPage');
      if (typeof app !== 'string' || app === '') throw new TypeError('OOWidget.openAppOnCurrentPage: app must be a string such as "av"');
      if (!w.connectCalled) return ignore('notConnected');
      w.app = app;
      openWindow(w);
    }

    // --- state transitions; the event is delivered later to whatever callback is set then ---
    function emit(w, type) {
      enqueue(() => { if (w.appEventCallback) w.appEventCallback({ type }); });
    }
    function openWindow(w) {
      if (w.windowOpen) return;
      w.windowOpen = true;
      emit(w, 'chatWindowOpen');
    }
    function createSession(w) {
      if (w.session) return;
      w.session = 'queued';
      persist(w);
      emit(w, 'chatSessionCreated');
    }
    function endSession(w) {
      w.session = null;
      persist(w);
      emit(w, 'chatSessionEnded');
    }

    // --- loader: find our <script> element and hand it a fresh owidget ---
    function loaderScript() {
      const d = g.document;
      if (!d) return null;
      const cur = d.currentScript;
      if (cur && LOADER_RE.test(cur.src || '') && !cur.__mluviiFakeBooted) return cur;
      const all = typeof d.getElementsByTagName === 'function' ? d.getElementsByTagName('script') : [];
      return Array.from(all).find((s) => LOADER_RE.test(s.src || '') && !s.__mluviiFakeBooted) || null;
    }
    function bootCurrentScript() {
      const el = loaderScript();
      if (el) loadScript(el);
    }
    // Also the Node stand-in for a loaded <script>: resolves with the owidget (null if neverLoad).
    function loadScript(el) {
      if (!el || el.__mluviiFakeBooted) return Promise.reject(new Error('MluviiFake.loadScript: element missing or already loaded'));
      el.__mluviiFakeBooted = true;
      const cfg = g.MluviiFakeConfig || {};
      if (cfg.neverLoad) return Promise.resolve(null);
      return new Promise((resolve) => {
        later(Math.max(0, Number(cfg.loadDelayMs) || 0), () => {
          const ow = createOwidget(cfg.isSupported !== false);
          g.$owidget = ow;
          resolve(ow);
          if (typeof el.$owidgetOnLoad === 'function') el.$owidgetOnLoad(ow);
        });
      });
    }

    // --- scripting (the operator, the visitor and the network) ---
    function widget(name) {
      const w = st.widgets[name];
      if (!w) throw new Error('MluviiFake: no initialized widget named "' + name + '"');
      return w;
    }
    function defaultNormalization(raw) {
      const s = String(raw).replace(/[\s().-]/g, '');
      if (/^\+[1-9]\d{7,14}$/.test(s)) return s;
      if (/^00[1-9]\d{7,14}$/.test(s)) return '+' + s.slice(2);
      return null;
    }
    const scripting = {
      isFake: true,
      get widgets() { return st.widgets; },
      get all() { return st.list.slice(); },
      get calls() { return st.calls; },
      get errors() { return st.errors; },
      setStatus(name, code) {
        if (code !== 0 && code !== 1 && code !== 2) throw new RangeError('MluviiFake.setStatus: code must be 0, 1 or 2');
        const w = widget(name);
        w.status = code;
        enqueue(() => reportStatus(w, code));
      },
      visitorOpens(name) { const w = widget(name); openWindow(w); },
      visitorStartsChat(name) { const w = widget(name); openWindow(w); createSession(w); },
      operatorAccepts(name) {
        const w = widget(name);
        if (w.session !== 'queued') throw new Error('MluviiFake.operatorAccepts: "' + name + '" has no queued session');
        w.session = 'started';
        persist(w);
        emit(w, 'chatSessionStarted');
      },
      endSession(name) {
        const w = widget(name);
        if (!w.session) throw new Error('MluviiFake.endSession: "' + name + '" has no session');
        endSession(w);
      },
      // Closing the window as the visitor leaves the chat: an active session ends first (assumption).
      closeWindow(name) {
        const w = widget(name);
        if (w.session) endSession(w);
        if (!w.windowOpen) return;
        w.windowOpen = false;
        emit(w, 'chatWindowClosed');
      },
      visitorTypesPhone(name, raw) {
        const w = widget(name);
        return w.normalizer ? w.normalizer(raw) : defaultNormalization(raw);
      },
      loadScript,
      bootCurrentScript,
      settle,
      // Like a page reload: widgets and queued events vanish, sessionStorage stays.
      simulateReload() { st = freshState(st.gen); delete g.$owidget; },
      reset() { st = freshState(st.gen); clearStorage(); delete g.$owidget; },
    };
    return scripting;
  }
})(typeof window !== 'undefined' ? window : globalThis);
