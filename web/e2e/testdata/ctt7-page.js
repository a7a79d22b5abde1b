// Plays the part of the vendor's sample page: it binds one callback and
// logs "EVENTNAME [contactId]" per event, which the Go test compares with
// the sample log of the SDK documentation.
(function () {
  'use strict';
  window.ctt7Log = [];

  // The contact id arrives as an object, its JSON text or the bare id,
  // depending on the fake's payloadForm; integrator code copes with all three.
  function contactId(data) {
    if (typeof data === 'string') {
      try { data = JSON.parse(data); } catch (e) { return data; }
    }
    return data && data.id !== undefined ? String(data.id) : String(data);
  }

  function onEvent(name, data) {
    const entry = { name: String(name), id: contactId(data) };
    window.ctt7Log.push(entry);
    const li = document.createElement('li');
    li.textContent = entry.name + ' [' + entry.id + ']';
    document.getElementById('log').appendChild(li);
  }

  window.TOOLBAR.CONTACT.bindContactCallback(onEvent);
})();
