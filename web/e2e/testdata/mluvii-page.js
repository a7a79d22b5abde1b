// Loads OOWidget.js twice with the vendor's loader snippet, each script tag
// with its own $owidgetOnLoad, as a page with two widgets does.
(function () {
  'use strict';
  window.mluviiLoaded = {}; // preset -> owidget handed to that tag
  window.mluviiStatus = {}; // preset -> status codes reported
  window.mluviiEvents = {}; // preset -> app event types

  function load(preset) {
    const scr = document.createElement('script');
    scr.async = true;
    scr.src = '/fakes/OOWidget.js';
    scr.$owidgetOnLoad = function (owidget) {
      if (!owidget.isSupported) return;
      window.mluviiStatus[preset] = [];
      window.mluviiEvents[preset] = [];
      owidget.setStatusUpdateCallback(function (code) { window.mluviiStatus[preset].push(code); });
      owidget.init('3f2504e0-4f89-41d3-9a0c-0305e82c3301', preset);
      owidget.setAppEventCallback(function (e) { window.mluviiEvents[preset].push(e.type); });
      owidget.connectToServer();
      window.mluviiLoaded[preset] = owidget;
    };
    const ffs = document.getElementsByTagName('script')[0];
    ffs.parentNode.insertBefore(scr, ffs);
  }

  load('Sales');
  load('Support');
})();
