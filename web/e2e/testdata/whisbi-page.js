// An integrator's page with Whisbi Sell and agentshim: its own oto* handlers log what they receive,
// a CRM pre-session hook (chosen with ?hook=sync|async|throw|reject|hang) adds data to each request,
// and the page's own otoPreSessionRequest sets the contentId.
(function () {
  'use strict';
  const log = (window.pageLog = []); // [handler, JSON of every argument]
  window.shimEvents = [];
  AgentShim.on('*', (e) => window.shimEvents.push(e));

  const mode = new URLSearchParams(location.search).get('hook') || 'async';
  const changes = (d) => ({ seed: d.seed + '-crm', customer: { extra: { crm: 7 }, name: 'Mallory' }, lead: 'forged' });
  const hooks = {
    sync: changes,
    async: (d) => new Promise((ok) => setTimeout(() => ok(changes(d)), 30)),
    throw: () => { throw new Error('CRM down'); },
    reject: () => Promise.reject(new Error('CRM down')),
    hang: () => new Promise(() => {}),
  };
  AgentShim.start({ vendorTimeoutMs: 400, defaultRegion: 'CZ', whisbi: { preSession: (d) => { log.push(['hook', JSON.stringify([d])]); return hooks[mode](d); } } });

  const own = (name) => function () { log.push([name, JSON.stringify(Array.from(arguments))]); };
  window.pageEvents = AgentShim.whisbiEvents({
    otoOpened: own('otoOpened'),
    otoSessionRequested: own('otoSessionRequested'),
    otoCmbRequested: own('otoCmbRequested'),
    otoNoAgentsAvailable: own('otoNoAgentsAvailable'),
    otoSurveyAnswered: own('otoSurveyAnswered'),
    otoPreSessionRequest(data, done) {
      log.push(['otoPreSessionRequest', JSON.stringify([data])]);
      done({ contentId: 'pricing-page' });
    },
  });
  Whisbi.init({
    version: 1,
    api: { apiKey: 'demo-key', primarySeed: 'seed-1', contentId: 'c-1', callCenters: ['cc-1'] },
    general: {}, oneToMany: {}, oneToOne: {},
    events: window.pageEvents,
  });
})();
