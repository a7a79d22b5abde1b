/*
 * Fake of the Enghouse CTToolbar7 JavaScript SDK (toolbar_sdk.js).
 *
 * Why it exists: the real SDK talks Socket.IO to a toolbar application on
 * wss://localhost:2337 that we cannot run. Our adapter must work against the
 * real SDK exactly as documented (vendor-docs/cttoolbar7-sdk-it.txt) and as
 * integrators meet it (FIELD-NOTES.md), so this fake copies its behaviour,
 * quirks included: fire-and-forget commands, mixed-case event names, payloads
 * that are sometimes objects and sometimes JSON text, and getters whose
 * promises are kept in one deferred per method name.
 *
 * Plain browser script (ES2020, no modules, no build). It defines
 * window.TOOLBAR (the SDK) and window.CTT7Fake (the test/demo scripting API,
 * not part of the SDK). Without `window` it attaches to globalThis, so Node
 * tests can load it too. The scripting API is described in README.md.
 */
(function (root) {
  'use strict';

  // ---------------------------------------------------------------------------
  // Vendor vocabulary
  // ---------------------------------------------------------------------------

  // Contact event names as real traffic spells them (FIELD-NOTES.md): some
  // lower-case, some upper-case, and the hold toggle as "Hold".
  const REAL_CASE = {
    JOBSCHEDULED: 'JOBSCHEDULED', CONNECTIONSTARTED: 'connectionstarted', POPUP: 'POPUP',
    DATACHANGED: 'datachanged', JOBCHANGED: 'JOBCHANGED', RINGING: 'ringing',
    ESTABLISHED: 'established', JOBSTARTED: 'JOBSTARTED', CONNECTIONCLEARED: 'connectioncleared',
    JOBFINISHED: 'JOBFINISHED', DELETE: 'DELETE', SERVICEINITIATED: 'serviceinitiated',
    DIALING: 'dialing', HOLD: 'Hold',
  };

  // Agent state names: real code sees AGENT:*, the documentation says
  // LOGGEDIN / PAUSED / PAUSEDSUBSTATE:<code> / LOGGEDOUT.
  const REAL_AGENT = { LOGGEDIN: 'AGENT:LOGGEDIN', PAUSED: 'AGENT:PAUSE', LOGGEDOUT: 'AGENT:LOGGEDOUT' };

  // The contact id shape of real traffic: "68-60f69967@pddialer1.example.priv".
  const ID_FIRST = 68;
  const ID_HEX_BASE = 0x60f69967;
  const ID_HOST = 'pddialer1.example.priv';
  // ECIDs look like the doc trace's "felixct7|1|171|12"; the first one is 12.
  const ECID_PREFIX = 'felixct7|1|171|';
  const ECID_FIRST = 12;
  // Virtual clock start: the doc trace's first line, 12/05/2021 16:49:12 CEST.
  const CLOCK_START = Date.UTC(2021, 4, 12, 14, 49, 12);

  const SDK_METHODS = {
    AGENT: ['Login', 'Pause', 'PauseSubState', 'Logout', 'getAgentLoggedInGroups', 'getAgentGroups',
      'setAgentGroups', 'getAgentState', 'getAgentID'],
    CONTACT: ['MakeCall', 'Hangup', 'Answer', 'Hold', 'OfflineEnd', 'SetCallData', 'PlayDTMF',
      'StartRecording', 'StopRecording', 'GetCallDataValueByName', 'bindContactCallback'],
    EASYCIM: ['openScriptInbound', 'getContactInfo', 'saveScript'],
  };
  const METHOD_NS = {};
  // Without a socket these do not throw: binding is local, getters just never answer.
  const OFFLINE_SILENT = new Set(['bindContactCallback', 'getAgentLoggedInGroups', 'getAgentGroups', 'getAgentState',
    'getAgentID', 'GetCallDataValueByName', 'getContactInfo']);
  Object.keys(SDK_METHODS).forEach((ns) => SDK_METHODS[ns].forEach((m) => { METHOD_NS[m] = ns; }));

  // States of a contact while the fake holds it. "online" states can be hung up.
  const ONLINE = ['dialing', 'ringing', 'established', 'held'];

  // ---------------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------------

  // One macrotask, like one socket message. setImmediate (Node) and
  // MessageChannel (browsers) are not clamped the way nested setTimeout is.
  const macrotask = (function () {
    if (typeof setImmediate === 'function') return (fn) => setImmediate(fn);
    if (typeof MessageChannel === 'function') {
      const channel = new MessageChannel();
      const jobs = [];
      channel.port1.onmessage = () => jobs.shift()();
      return (fn) => { jobs.push(fn); channel.port2.postMessage(0); };
    }
    return (fn) => setTimeout(fn, 0);
  })();

  const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

  // Phone numbers never appear in full in console lines: keep the last two digits.
  function maskNumber(number) {
    const text = String(number == null ? '' : number);
    return text.length <= 2 ? '**' : '*'.repeat(text.length - 2) + text.slice(-2);
  }

  // "ECID=felixct7|1|171|12|k2=v2": pairs are separated by '|', but an ECID
  // itself contains '|', so a piece without '=' continues the previous value.
  function parseCallData(text) {
    const pairs = [];
    String(text == null ? '' : text).split('|').forEach((piece) => {
      const eq = piece.indexOf('=');
      if (eq > 0) pairs.push({ name: piece.slice(0, eq), value: piece.slice(eq + 1) });
      else if (pairs.length) pairs[pairs.length - 1].value += '|' + piece;
    });
    return pairs;
  }

  // Script helpers accept call data as "k=v|k2=v2", {k: v} or [{name, value}].
  function toCallData(data) {
    if (data == null) return [];
    if (typeof data === 'string') return parseCallData(data);
    if (Array.isArray(data)) return data.map((d) => ({ name: String(d.name), value: String(d.value) }));
    return Object.keys(data).map((k) => ({ name: k, value: String(data[k]) }));
  }

  function setCallData(contact, name, value) {
    const entry = contact.callData.find((d) => d.name === name);
    if (entry) entry.value = value;
    else contact.callData.push({ name, value });
  }

  function methodName(method) {
    const name = String(method).split('.').pop();
    if (!METHOD_NS[name]) throw new TypeError('CTT7Fake: unknown SDK method "' + method + '"');
    return name;
  }

  // ---------------------------------------------------------------------------
  // Options: validated accessors, so a typo in a test fails loudly.
  // ---------------------------------------------------------------------------

  const CHOICES = {
    agentStateForm: ['real', 'documented'],
    eventCase: ['real', 'upper', 'lower'],
    payloadForm: ['object', 'string', 'id', 'mixed'],
    inboundFidelity: ['doc', 'notes'],
    clock: ['virtual', 'real'],
  };

  function defaultOptions() {
    return {
      agentStateForm: 'real',
      eventCase: 'real',
      payloadForm: 'object',
      inboundFidelity: 'doc',
      clock: 'virtual',
      getterLatencyMs: 0,
      eventLatencyMs: 0,
      agentId: 'AGENT1001@felixct7',
      cli: '0240001000',
      dnis: '800100200',
      availableGroups: [{ id: '101', description: 'Assistenza clienti' }, { id: '102', description: 'Vendite' }],
      console: null,
    };
  }

  function makeOptions() {
    const values = defaultOptions();
    const options = {};
    Object.keys(values).forEach((key) => {
      Object.defineProperty(options, key, {
        enumerable: true,
        get: () => values[key],
        set: (value) => { values[key] = checkOption(key, value); },
      });
    });
    Object.preventExtensions(options);
    const assign = (given) => Object.keys(given || {}).forEach((key) => {
      if (!(key in values)) throw new TypeError('CTT7Fake: unknown option "' + key + '"');
      options[key] = given[key];
    });
    const restore = (given) => { Object.assign(values, defaultOptions()); assign(given); };
    return { options, assign, restore };
  }

  function checkOption(key, value) {
    if (CHOICES[key] && CHOICES[key].indexOf(value) < 0) {
      throw new TypeError('CTT7Fake: option ' + key + ' must be one of ' + CHOICES[key].join('|'));
    }
    if (/LatencyMs$/.test(key) && !(typeof value === 'number' && value >= 0)) {
      throw new TypeError('CTT7Fake: option ' + key + ' must be a number >= 0');
    }
    return value;
  }

  // ---------------------------------------------------------------------------
  // Delivery queue: one job per macrotask, in order, droppable by reset().
  // ---------------------------------------------------------------------------

  function makeScheduler() {
    const queue = [];
    let pumping = false;
    let delayed = 0;
    let generation = 0;
    let idleWaiters = [];

    function settleIdle() {
      if (queue.length || delayed) return;
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
    function pump() {
      const job = queue.shift();
      try { if (job) job(); } finally {
        if (queue.length) macrotask(pump);
        else { pumping = false; settleIdle(); }
      }
    }
    function enqueue(job) {
      queue.push(job);
      if (!pumping) { pumping = true; macrotask(pump); }
    }
    function push(job, delayMs) {
      if (!(delayMs > 0)) { enqueue(job); return; }
      const gen = generation;
      delayed++;
      setTimeout(() => {
        delayed--;
        if (gen === generation) enqueue(job);
        else settleIdle();
      }, delayMs);
    }
    // Resolves once nothing is queued or delayed any more.
    function idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        if (!pumping) macrotask(settleIdle);
      });
    }
    function clear() { generation++; queue.length = 0; }
    return { push, idle, clear };
  }

  // ---------------------------------------------------------------------------
  // The fake: SDK object + scripting object sharing one state.
  // ---------------------------------------------------------------------------

  // hooks (shared mode, see serveTabs): tap(name, data) sees every delivered
  // event; caller names the tab whose SDK call is running; serve is set here.
  function createFake(host, hooks) {
    hooks = hooks || {};
    const sched = makeScheduler();
    const opt = makeOptions();
    const options = opt.options;
    const calls = [];
    const delivered = [];
    let s; // scenario state, rebuilt by reset()
    let callback = null; // the page's bound callback survives reset(): a reset is not a reload

    function freshState() {
      return {
        agent: { state: 'LOGGEDOUT', subState: null, firstLoginTime: null, groups: [] },
        contacts: new Map(), // id -> internal contact
        order: [], // ids in creation order, for "the current contact"
        contactSeq: 0,
        ecidSeq: ECID_FIRST,
        eventSeq: 0, // logical events emitted; drives payloadForm 'mixed'
        clockMs: CLOCK_START,
        deferreds: {}, // method name -> resolve: the real SDK's getter quirk
        failures: {}, // method name -> [error, ...] for failNext
        dropped: {}, // method name -> true for neverConfirm
        duplicate: false,
        offline: false, // the socket to the toolbar application is down (CTT7Fake.disconnect)
      };
    }
    s = freshState();

    const out = () => options.console || host.console || { error() {}, log() {} };
    const now = () => (options.clock === 'real' ? Date.now() : s.clockMs);

    // ---- event delivery ------------------------------------------------------

    // Sends one event through the "socket": it reaches the bound callback in a
    // later macrotask, after every event queued before it.
    function deliver(name, data) {
      if (s.offline) return; // the toolbar sent it; the dropped socket lost it
      const copies = s.duplicate ? 2 : 1;
      for (let i = 0; i < copies; i++) {
        sched.push(() => {
          const value = typeof data === 'object' && data !== null ? clone(data) : data;
          delivered.push({ name, data: value });
          if (hooks.tap) hooks.tap(name, value);
          if (typeof callback !== 'function') return; // nobody listening: lost, as on the real socket
          try { callback(name, value); } catch (err) {
            out().error('[CTToolbar7] contact callback threw:', err);
          }
        }, options.eventLatencyMs);
      }
    }

    function eventName(canonical) {
      if (options.eventCase === 'upper') return canonical;
      if (options.eventCase === 'lower') return canonical.toLowerCase();
      return REAL_CASE[canonical];
    }

    // Shapes one payload per payloadForm; 'mixed' alternates object, string, ...
    function shapePayload(obj, id) {
      const n = s.eventSeq++;
      let form = options.payloadForm;
      if (form === 'mixed') form = n % 2 === 0 ? 'object' : 'string';
      if (form === 'string') return JSON.stringify(obj);
      if (form === 'id') return id;
      return clone(obj);
    }

    function emitContact(canonical, c) {
      const view = contactView(c);
      deliver(eventName(canonical), shapePayload(view, view.id));
    }

    function emitAgent() {
      const info = agentInfo(options.agentStateForm);
      const name = options.agentStateForm === 'real' ? info.State : documentedState();
      deliver(name, shapePayload(info, info.ID));
    }

    // ---- agent model -----------------------------------------------------------

    function documentedState() {
      const a = s.agent;
      if (a.state === 'PAUSED' && a.subState != null) return 'PAUSEDSUBSTATE:' + a.subState;
      return a.state;
    }

    function agentInfo(form) {
      const a = s.agent;
      if (form === 'documented') return { ID: options.agentId, FirstLoginTime: a.firstLoginTime, State: documentedState() };
      const info = { ID: options.agentId, FirstLoginTime: a.firstLoginTime, State: REAL_AGENT[a.state] };
      if (a.state === 'PAUSED' && a.subState != null) info.SubState = a.subState;
      return info;
    }

    function setAgent(state, subState) {
      s.agent.state = state;
      s.agent.subState = subState;
      if (state !== 'LOGGEDOUT' && s.agent.firstLoginTime == null) s.agent.firstLoginTime = new Date(now()).toISOString();
      emitAgent();
    }

    // Group lists are {id, description}; setAgentGroups takes ids or such objects.
    function normalizeGroups(groups) {
      const list = Array.isArray(groups) ? groups : String(groups == null ? '' : groups).split(',').filter(Boolean);
      return list.map((g) => {
        const id = String(g && typeof g === 'object' ? g.id : g).trim();
        const known = options.availableGroups.find((k) => String(k.id) === id);
        const description = g && typeof g === 'object' && g.description != null ? g.description : (known ? known.description : '');
        return { id, description };
      });
    }

    // ---- contact model ---------------------------------------------------------

    function newContact(type, jobType, ani, dnis, callData) {
      const k = s.contactSeq++;
      const c = {
        id: (ID_FIRST + k) + '-' + (ID_HEX_BASE + k).toString(16) + '@' + ID_HOST,
        seq: k,
        type,
        jobType,
        ani: String(ani),
        dnis: String(dnis),
        callData: toCallData(callData),
        state: 'scheduled',
        held: false,
        createdAt: now(),
        connectedAt: null,
        clearedAt: null,
      };
      s.contacts.set(c.id, c);
      s.order.push(c.id);
      return c;
    }

    // The object the SDK hands out: the real fields, nothing of our bookkeeping.
    function contactView(c) {
      const t = now();
      const talkEnd = c.clearedAt != null ? c.clearedAt : t;
      const waitEnd = c.connectedAt != null ? c.connectedAt : (c.clearedAt != null ? c.clearedAt : t);
      return {
        id: c.id,
        type: c.type,
        media_type: 'voice',
        job_type: c.jobType,
        CallData: c.callData.map((d) => ({ name: d.name, value: d.value })),
        dnis: c.dnis,
        ani: c.ani,
        time_duration_sec: c.connectedAt == null ? 0 : Math.floor((talkEnd - c.connectedAt) / 1000),
        waitingTime: Math.floor((waitEnd - c.createdAt) / 1000),
        held: c.held,
      };
    }

    function nextEcid() { return ECID_PREFIX + s.ecidSeq++; }
    const ecidOf = (c) => (c.callData.find((d) => d.name === 'ECID') || {}).value;

    // saveScript is documented with a contact id, but integrators pass the ECID.
    function findContact(idOrEcid) {
      const key = String(idOrEcid);
      if (s.contacts.has(key)) return s.contacts.get(key);
      for (const c of s.contacts.values()) if (ecidOf(c) === key) return c;
      return null;
    }

    // The contact getContactInfo talks about: the newest one not yet deleted.
    function currentContact() {
      for (let i = s.order.length - 1; i >= 0; i--) {
        const c = s.contacts.get(s.order[i]);
        if (c) return c;
      }
      return null;
    }

    function finish(c) {
      c.state = 'finished';
      emitContact('JOBFINISHED', c);
      emitContact('DELETE', c);
      s.contacts.delete(c.id);
    }

    function clear(c) {
      c.state = 'cleared';
      c.held = false;
      c.clearedAt = now();
      emitContact('CONNECTIONCLEARED', c);
    }

    // The toolbar refuses silently; the SDK only prints a console line later,
    // when the toolbar's answer comes back over the socket.
    function refuse(method, why) {
      sched.push(() => out().error('[CTToolbar7] ' + method + ' ignored: ' + why), options.eventLatencyMs);
      return 'refused';
    }

    // ---- SDK method plumbing ---------------------------------------------------

    // Logs the call, then applies failNext (throw) and neverConfirm (drop).
    // Returns the log entry when the call takes effect, null when dropped.
    function enter(name, args) {
      const entry = { method: METHOD_NS[name] + '.' + name, args: Array.prototype.slice.call(args), outcome: 'accepted' };
      if (hooks.caller) entry.tab = hooks.caller;
      calls.push(entry);
      if (s.offline && !OFFLINE_SILENT.has(name)) {
        entry.outcome = 'threw';
        throw new Error('CTToolbar7: socket not connected');
      }
      const queued = s.failures[name];
      if (queued && queued.length) {
        entry.outcome = 'threw';
        throw queued.shift();
      }
      if (s.dropped[name]) { entry.outcome = 'dropped'; return null; }
      return entry;
    }

    // A fire-and-forget command: returns undefined whatever happens.
    function action(name, body) {
      return function () {
        const entry = enter(name, arguments);
        if (!entry) return undefined;
        const outcome = body.apply(null, arguments);
        if (outcome) entry.outcome = outcome;
        return undefined;
      };
    }

    // A getter: the SDK keeps one deferred per method name, so a second
    // concurrent call replaces the first, whose promise never settles. The
    // toolbar answers each request in order; an answer resolves whichever
    // deferred is stored at that moment. No error path, no timeout.
    // `before` may emit events the toolbar sends ahead of the answer.
    const served = {};
    function getter(name, compute, before) {
      served[name] = { compute, before };
      return function () {
        const entry = enter(name, arguments);
        let resolve;
        const promise = new Promise((r) => { resolve = r; });
        s.deferreds[name] = resolve;
        if (!entry || s.offline) return promise; // dropped, or no socket: never answered
        const answer = clone(compute.apply(null, arguments));
        if (before) before();
        const deferreds = s.deferreds; // a reset() starts a new table
        sched.push(() => {
          const pending = deferreds[name];
          if (!pending) return;
          delete deferreds[name];
          pending(answer);
        }, options.getterLatencyMs);
        return promise;
      };
    }

    // Shared mode: the toolbar application answers each tab's request (the
    // one-deferred-per-name quirk lives in each tab's SDK). A dropped request
    // is never answered.
    hooks.serve = function (name, args, reply) {
      const g = served[name];
      if (!enter(name, args)) return;
      const answer = clone(g.compute.apply(null, args));
      if (g.before) g.before();
      sched.push(() => reply(answer), options.getterLatencyMs);
    };
    hooks.isGetter = (name) => !!served[name];

    // ---- TOOLBAR.AGENT -----------------------------------------------------------

    const AGENT = {
      Login: action('Login', () => { setAgent('LOGGEDIN', null); }),
      Pause: action('Pause', () => {
        if (s.agent.state === 'LOGGEDOUT') return refuse('Pause', 'agent is logged out');
        setAgent('PAUSED', null);
      }),
      PauseSubState: action('PauseSubState', (code) => {
        if (s.agent.state === 'LOGGEDOUT') return refuse('PauseSubState', 'agent is logged out');
        setAgent('PAUSED', String(code));
      }),
      Logout: action('Logout', () => {
        if (s.agent.state === 'LOGGEDOUT') return refuse('Logout', 'agent is already logged out');
        setAgent('LOGGEDOUT', null);
      }),
      getAgentLoggedInGroups: getter('getAgentLoggedInGroups', () => options.availableGroups),
      getAgentGroups: getter('getAgentGroups', () => s.agent.groups),
      setAgentGroups: action('setAgentGroups', (groups) => { s.agent.groups = normalizeGroups(groups); }),
      getAgentState: getter('getAgentState', () => (options.agentStateForm === 'real' ? agentInfo('real') : documentedState())),
      getAgentID: getter('getAgentID', () => options.agentId),
    };

    // ---- TOOLBAR.CONTACT -----------------------------------------------------------

    // Looks a contact up for a command, refusing (console line) when it is
    // unknown or not in one of the allowed states.
    function withContact(method, id, allowed, body) {
      const c = s.contacts.get(String(id));
      if (!c) return refuse(method, 'unknown contact ' + id);
      if (allowed && allowed.indexOf(c.state) < 0) return refuse(method, 'contact ' + c.id + ' is ' + c.state);
      return body(c);
    }

    function established() {
      for (const c of s.contacts.values()) if (c.state === 'established') return c;
      return null;
    }

    const CONTACT = {
      MakeCall: action('MakeCall', (dest, resourceType, serviceId, callProfileId, callData) => {
        if (s.agent.state !== 'LOGGEDIN') {
          return refuse('MakeCall', 'agent state is ' + REAL_AGENT[s.agent.state] + ' (destination ' + maskNumber(dest) + ')');
        }
        const c = newContact('outbound', 'manual', options.cli, dest, parseCallData(callData));
        c.state = 'dialing';
        emitContact('SERVICEINITIATED', c);
        emitContact('DIALING', c);
      }),
      Hangup: action('Hangup', (id) => withContact('Hangup', id, ONLINE, (c) => { clear(c); })),
      Answer: action('Answer', (id) => withContact('Answer', id, ['ringing'], (c) => {
        c.state = 'established';
        c.connectedAt = now();
        emitContact('ESTABLISHED', c);
        emitContact('JOBSTARTED', c);
      })),
      Hold: action('Hold', (id) => withContact('Hold', id, ['established', 'held'], (c) => {
        c.held = !c.held;
        c.state = c.held ? 'held' : 'established';
        emitContact('HOLD', c);
      })),
      OfflineEnd: action('OfflineEnd', (id) => withContact('OfflineEnd', id, ['cleared'], (c) => { finish(c); })),
      SetCallData: action('SetCallData', (id, callData) => withContact('SetCallData', id, null, (c) => {
        parseCallData(callData).forEach((d) => setCallData(c, d.name, d.value));
        emitContact('DATACHANGED', c);
      })),
      PlayDTMF: action('PlayDTMF', () => (established() ? undefined : refuse('PlayDTMF', 'no established call'))),
      StartRecording: action('StartRecording', (id) => withContact('StartRecording', id, ['established', 'held'], () => {})),
      StopRecording: action('StopRecording', (id) => withContact('StopRecording', id, ['established', 'held'], () => {})),
      // Reads the object it is given, as documented: pass the SDK's contact
      // object; JSON text or an id has no CallData, so the answer is "".
      GetCallDataValueByName: getter('GetCallDataValueByName', (contactObj, name) => {
        const data = contactObj && Array.isArray(contactObj.CallData) ? contactObj.CallData : [];
        const entry = data.find((d) => d && d.name === name);
        return entry && entry.value != null ? String(entry.value) : '';
      }),
      bindContactCallback: action('bindContactCallback', (fn) => {
        if (typeof fn !== 'function') return refuse('bindContactCallback', 'not a function');
        callback = fn;
      }),
    };

    // ---- TOOLBAR.EASYCIM -----------------------------------------------------------

    function contactInfo(c) {
      const code = (c.type === 'inbound' ? 'INB-' : 'OUT-') + String(185 + c.seq).padStart(10, '0');
      const phone = c.type === 'outbound' ? c.dnis : c.ani;
      const fields = [['NAME', 'Nome', null], ['SURNAME', 'Cognome', null], ['CUSTOMER_INFO', 'Info cliente', code],
        ['TAX_CODE', 'Codice fiscale', null], ['VAT_NUMBER', 'Partita IVA', null], ['STREET', 'Via', null],
        ['CITY', 'Comune', null], ['PROVINCE', 'Provincia', null], ['POSTAL_CODE', 'CAP', null],
        ['CUSTOMER_CODE', 'Codice cliente', code], ['PHONE_NUMBER', 'Numero di telefono', phone], ['EMAIL', 'Email', null]];
      return { result: true, ContactInfo: fields.map((f) => ({ id: f[0], description: f[1], value: f[2] })) };
    }

    const EASYCIM = {
      openScriptInbound: action('openScriptInbound', (id) => withContact('openScriptInbound', id, null, (c) => {
        setCallData(c, 'ECID', nextEcid());
        emitContact('DATACHANGED', c);
      })),
      getContactInfo: getter('getContactInfo', () => {
        const c = currentContact();
        return c ? contactInfo(c) : { result: false, ContactInfo: [] };
      }, () => {
        // In the doc trace a JOBCHANGED arrives between the getContactInfo
        // call and its answer; inboundFidelity 'doc' reproduces it.
        const c = currentContact();
        if (c && options.inboundFidelity === 'doc') emitContact('JOBCHANGED', c);
      }),
      saveScript: action('saveScript', (idOrEcid, outcome, offlineEnd) => {
        const c = findContact(idOrEcid);
        if (!c) return refuse('saveScript', 'unknown contact ' + idOrEcid);
        // offlineEnd only ends the contact once it is in after-call work.
        if (offlineEnd && c.state === 'cleared') finish(c);
        else emitContact('JOBCHANGED', c);
        return undefined;
      }),
    };

    const TOOLBAR = { AGENT, CONTACT, EASYCIM };
    TOOLBAR.EAYCIM = EASYCIM; // the vendor doc writes both spellings: same object

    // ---- Scripting API (window.CTT7Fake): the outside world of the toolbar --------

    // Script helpers are not the SDK: misuse throws at once, so tests fail loudly.
    function scriptContact(id, allowed, what) {
      const c = s.contacts.get(String(id));
      if (!c) throw new Error('CTT7Fake.' + what + ': unknown contact ' + id);
      if (allowed.indexOf(c.state) < 0) throw new Error('CTT7Fake.' + what + ': contact ' + c.id + ' is ' + c.state);
      return c;
    }

    // An ACD call reaching the agent, with the event order of the doc trace.
    function inbound(spec) {
      const o = spec || {};
      const c = newContact(o.type || 'inbound', o.jobType || 'manual', o.ani == null ? '0212345678' : o.ani,
        o.dnis == null ? options.dnis : o.dnis, o.callData);
      emitContact('JOBSCHEDULED', c);
      c.state = 'offered';
      emitContact('CONNECTIONSTARTED', c);
      emitContact('POPUP', c);
      emitContact('DATACHANGED', c);
      emitContact('JOBCHANGED', c);
      emitContact('DATACHANGED', c);
      c.state = 'ringing';
      emitContact('RINGING', c);
      // The toolbar opens the easyCIM script on POPUP and writes its ECID.
      if (!ecidOf(c)) setCallData(c, 'ECID', nextEcid());
      emitContact('DATACHANGED', c);
      if (options.inboundFidelity === 'doc') emitContact('DATACHANGED', c); // the doc trace shows it twice
      return c.id;
    }

    function flush() { return sched.idle(); }

    function traceEvents(trace) {
      if (Array.isArray(trace)) return trace;
      if (trace && trace.version === 1 && Array.isArray(trace.events)) {
        return trace.events.filter((e) => e.vendor === 'ctt7');
      }
      throw new TypeError('CTT7Fake.play: expected [{name, payload}] or {version:1, events:[...]}');
    }

    function reset(given) {
      sched.clear();
      s = freshState();
      calls.length = 0;
      delivered.length = 0;
      opt.restore(given);
    }

    const CTT7Fake = {
      options,
      get calls() { return calls; },
      get delivered() { return delivered; },
      get loaded() { return host.TOOLBAR === TOOLBAR; },
      configure(given) { opt.assign(given); return options; },
      reset,
      flush,
      // Raw delivery: bypasses the model, no casing or payload shaping.
      emit(name, data) { deliver(name, data); return flush(); },
      play(trace) {
        traceEvents(trace).forEach((e) => deliver(e.name, e.payload));
        return flush();
      },
      failNext(method, error) {
        const name = methodName(method);
        (s.failures[name] = s.failures[name] || []).push(error === undefined ? new Error('CTToolbar7: socket not connected') : error);
      },
      neverConfirm(method, on) { s.dropped[methodName(method)] = on !== false; },
      duplicateEvents(on) { s.duplicate = on !== false; },
      // The socket drops (the laptop slept, the toolbar restarted): events the
      // toolbar sends meanwhile are lost, commands throw, getters never answer.
      disconnect() { s.offline = true; },
      reconnect() { s.offline = false; },
      // The toolbar application changes the agent's state by itself (a
      // supervisor, an idle timeout): 'LOGGEDIN', 'PAUSED' or 'LOGGEDOUT'.
      agentStateChanged(state, subState) { setAgent(state, subState == null ? null : String(subState)); },
      inbound,
      answerOutbound(id) {
        const c = scriptContact(id, ['dialing'], 'answerOutbound');
        c.state = 'established';
        c.connectedAt = now();
        emitContact('ESTABLISHED', c);
      },
      rejectOutbound(id) { clear(scriptContact(id, ['dialing'], 'rejectOutbound')); },
      remoteHangup(id) { clear(scriptContact(id, ONLINE, 'remoteHangup')); },
      contact(id) { const c = s.contacts.get(String(id)); return c ? contactView(c) : undefined; },
      contacts() { return Array.from(s.contacts.values(), contactView); },
      agent() { return agentInfo('real'); },
      now,
      advance(ms) { s.clockMs += ms; return s.clockMs; },
      load() { host.TOOLBAR = TOOLBAR; },
    };

    return CTT7Fake;
  }

  // ---------------------------------------------------------------------------
  // Loading: CTT7Fake at once, TOOLBAR now, later or never (window.CTT7FakeConfig)
  // ---------------------------------------------------------------------------

  // ---------------------------------------------------------------------------
  // Shared mode (README, "Shared toolbar"): the real toolbar is one application
  // on the agent's machine, and every tab's SDK is a socket client of it. Here
  // the application runs in a SharedWorker (this same file), which lives while
  // any tab is open; each tab gets a thin SDK that sends its calls there and
  // receives every event, as a socket.io client would.
  // ---------------------------------------------------------------------------

  const GETTERS = ['getAgentLoggedInGroups', 'getAgentGroups', 'getAgentState', 'getAgentID',
    'GetCallDataValueByName', 'getContactInfo'];
  const SCRIPT_CALLS = ['configure', 'reset', 'flush', 'emit', 'play', 'failNext', 'neverConfirm', 'duplicateEvents',
    'inbound', 'answerOutbound', 'rejectOutbound', 'remoteHangup', 'contact', 'contacts', 'agent', 'now', 'advance'];
  const SCRIPT_VALUES = ['calls', 'delivered', 'options'];

  const inSharedWorker = (host) => typeof host.SharedWorkerGlobalScope === 'function' && host instanceof host.SharedWorkerGlobalScope;

  // The worker: one fake, every connected tab a port.
  function serveTabs(host) {
    const ports = [];
    const all = (m) => ports.forEach((p) => p.postMessage(m));
    const say = (level) => (...a) => all({ k: 'console', level, text: a.map((x) => (x instanceof Error ? x.message : String(x))).join(' ') });
    const hooks = { tap: (name, data) => all({ k: 'event', name, data }) };
    const app = { console: { error: say('error'), log: say('log') } }; // the fake's host: TOOLBAR is defined on it
    const fake = createFake(app, hooks);
    fake.load();
    let tabs = 0;
    host.onconnect = (e) => {
      const port = e.ports[0], tab = ++tabs;
      ports.push(port);
      port.onmessage = (ev) => {
        const m = ev.data;
        if (m.k === 'sdk') sdk(port, tab, m);
        else if (m.k === 'script') script(port, m);
      };
      if (port.start) port.start();
    };
    function sdk(port, tab, m) {
      hooks.caller = tab;
      try {
        if (hooks.isGetter(m.m)) hooks.serve(m.m, m.args, (value) => port.postMessage({ k: 'answer', q: m.q, value }));
        else app.TOOLBAR[m.ns][m.m].apply(null, m.args);
      } catch (err) {
        port.postMessage({ k: 'console', level: 'error', text: '[CTToolbar7] ' + m.m + ' threw: ' + (err && err.message ? err.message : String(err)) });
      } finally { hooks.caller = 0; }
    }
    function script(port, m) {
      Promise.resolve().then(() => (SCRIPT_VALUES.indexOf(m.m) >= 0 ? fake[m.m] : fake[m.m].apply(fake, m.args)))
        .then((value) => port.postMessage({ k: 'result', q: m.q, value: clone(value) }),
          (err) => port.postMessage({ k: 'result', q: m.q, error: String(err && err.message ? err.message : err) }));
    }
  }

  // A tab: the SDK as a client of the shared application; CTT7Fake's
  // scripting calls all return Promises (they cross to the worker).
  function installClient(host, config) {
    const script = host.document && host.document.currentScript;
    const url = config.sharedUrl || (script && script.src);
    const name = 'CTToolbar7 fake ' + (typeof config.shared === 'string' ? config.shared : 'toolbar');
    const port = new host.SharedWorker(url, { name }).port;
    const waits = new Map();
    const deferreds = {}; // the real SDK's getter quirk, per tab
    let callback = null;
    let q = 0;
    const out = () => host.console || { error() {}, log() {} };
    const ask = (m) => new Promise((resolve) => { m.q = ++q; waits.set(m.q, resolve); port.postMessage(m); });
    port.onmessage = (e) => {
      const m = e.data;
      if (m.k === 'event') {
        if (typeof callback !== 'function') return; // not bound in this tab: lost here
        try { callback(m.name, m.data); } catch (err) { out().error('[CTToolbar7] contact callback threw:', err); }
      } else if (m.k === 'console') out()[m.level](m.text);
      else if (waits.has(m.q)) { const w = waits.get(m.q); waits.delete(m.q); w(m); }
    };
    port.start();

    const TOOLBAR = {};
    Object.keys(SDK_METHODS).forEach((ns) => {
      TOOLBAR[ns] = {};
      SDK_METHODS[ns].forEach((m) => {
        TOOLBAR[ns][m] = function () {
          const args = clone(Array.prototype.slice.call(arguments)) || [];
          if (m === 'bindContactCallback') { if (typeof arguments[0] === 'function') callback = arguments[0]; return undefined; }
          if (GETTERS.indexOf(m) < 0) { port.postMessage({ k: 'sdk', ns, m, args }); return undefined; }
          let resolve;
          const promise = new Promise((r) => { resolve = r; });
          deferreds[m] = resolve;
          ask({ k: 'sdk', ns, m, args }).then((a) => {
            const pending = deferreds[m];
            if (!pending) return;
            delete deferreds[m];
            pending(a.value);
          });
          return promise;
        };
      });
    });
    TOOLBAR.EAYCIM = TOOLBAR.EASYCIM;

    const fake = { shared: true, get loaded() { return host.TOOLBAR === TOOLBAR; }, load() { host.TOOLBAR = TOOLBAR; } };
    SCRIPT_CALLS.concat(SCRIPT_VALUES).forEach((m) => {
      fake[m] = function () {
        return ask({ k: 'script', m, args: clone(Array.prototype.slice.call(arguments)) || [] }).then((a) => {
          if (a.error) throw new Error(a.error);
          return a.value;
        });
      };
    });
    return fake;
  }

  function install(host) {
    if (inSharedWorker(host)) return serveTabs(host);
    const config = host.CTT7FakeConfig || {};
    if (config.shared) return loadWith(host, config, installClient(host, config));
    return loadWith(host, config, createFake(host));
  }

  function loadWith(host, config, fake) {
    if (config.options) fake.configure(config.options);
    host.CTT7Fake = fake;
    if (config.neverLoad) return fake;
    if (config.loadDelayMs > 0) setTimeout(fake.load, config.loadDelayMs);
    else fake.load();
    return fake;
  }

  install(root);
})(typeof window !== 'undefined' ? window : globalThis);
