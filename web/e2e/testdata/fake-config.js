// Configures the CTToolbar7 fake from the page's query string, so one page
// serves many tests: ?neverLoad=1, ?loadDelayMs=300, ?getterLatencyMs=50,
// ?payloadForm=mixed (see web/fakes/README.md for the options).
(function () {
  const q = new URLSearchParams(location.search), options = {};
  if (q.has('getterLatencyMs')) options.getterLatencyMs = Number(q.get('getterLatencyMs'));
  if (q.has('payloadForm')) options.payloadForm = q.get('payloadForm');
  window.CTT7FakeConfig = { neverLoad: q.has('neverLoad'), loadDelayMs: Number(q.get('loadDelayMs')) || 0, options };
})();
