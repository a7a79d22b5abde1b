// An integrator's page with two mluvii widgets, loaded with the vendor's snippet (one loader tag
// each), as FIELD-NOTES.md describes real pages: the status callback registered before init, a
// string companyId on one widget and [guid, tenant] on the other, connectToServer last. It logs what
// its own callbacks receive, so a test can compare the page with and without agentshim.
(function () {
  'use strict';
  const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
  const log = (window.pageLog = []); // [widget, callback, JSON of every argument]
  window.pageLoaded = {};
  // What agentshim reports, when the page has it (subscribed before any widget loads).
  window.shimEvents = [];
  if (window.AgentShim) AgentShim.on('*', (e) => window.shimEvents.push(e));
  // data-attach="hand": the page attaches its owidgets itself (with the automatic hook off).
  const byHand = document.currentScript.dataset.attach === 'hand';
  const own = (widget, what) => function () {
    log.push([widget, what, JSON.stringify(Array.from(arguments))]);
  };

  const setup = {
    NewWidget(ow) {
      ow.setStatusUpdateCallback(own('NewWidget', 'status'));
      ow.init(GUID, 'NewWidget');
      ow.setAppEventCallback(own('NewWidget', 'app'));
      ow.addCustomData('page', 'pricing');
      ow.connectToServer();
    },
    Ceniky(ow) {
      ow.init([GUID, 42], 'Ceniky', 'cs');
      ow.setStatusUpdateCallback(own('Ceniky', 'status'));
      ow.setAppEventCallback(own('Ceniky', 'app'));
      ow.connectToServer();
    },
  };
  // Later the page swaps Ceniky's handler: mluvii keeps one callback, so only the new one runs.
  window.pageSwapsCenikyHandler = () => window.pageLoaded.Ceniky.setAppEventCallback(own('Ceniky', 'app2'));

  function load(name) {
    const scr = document.createElement('script');
    scr.type = 'text/javascript';
    scr.async = true;
    scr.charset = 'UTF-8';
    scr.src = '/fakes/OOWidget.js';
    scr.$owidgetOnLoad = function (owidget) {
      if (!owidget.isSupported) return;
      if (byHand) AgentShim.attachOwidget(owidget, name === 'Ceniky' ? { name: 'pricing' } : undefined);
      setup[name](owidget);
      window.pageLoaded[name] = owidget;
    };
    const ffs = document.getElementsByTagName('script')[0];
    ffs.parentNode.insertBefore(scr, ffs);
  }
  load('NewWidget');
  load('Ceniky');
})();
