// The customer page demo (customer.html): mluvii, Whisbi and the video-call button on one page,
// every event of window.AgentShim listed as text. No inline script: the page runs under a strict CSP.
'use strict';
const $ = (id) => document.getElementById(id);
const list = $('events');

// The live event stream, text only.
AgentShim.on('*', (e) => {
  const what = e.type === 'session' ? `session ${e.session.kind}`
    : e.type === 'contact' ? `contact ${e.contact.vendor}/${e.contact.channel} ${e.from || '(new)'} → ${e.to}`
      : e.type === 'widget' ? `widget ${e.widget.name} ${e.widget.status}${e.widget.open ? ' open' : ''}`
        : e.type === 'error' ? `error ${e.error.code}: ${e.error.message}` : e.type;
  const li = document.createElement('li');
  li.textContent = `#${e.seq} ${e.at.slice(11, 19)} ${e.vendor}: ${what}` + (e.session && e.session.url ? ` (${e.session.url})` : '');
  list.prepend(li);
  // The demo stays on the page unless asked to follow the call flow's redirects.
  if (e.type === 'session' && e.session.kind === 'redirect' && !$('follow').checked) e.preventDefault();
});
AgentShim.ready.catch((e) => { list.textContent = `agentshim did not start: ${e.code} ${e.message}`; });

// mluvii, loaded as mluvii documents it; agentshim notices the OOWidget.js tag and attaches the widget.
const scr = document.createElement('script');
scr.async = true;
scr.src = '/fakes/OOWidget.js';
scr.$owidgetOnLoad = (owidget) => {
  if (!owidget.isSupported) return;
  owidget.init('3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'NewWidget');
  owidget.connectToServer();
};
document.head.appendChild(scr);

// Whisbi: agentshim's oto* handlers are the widget's events configuration.
Whisbi.init({ version: 2, api: { apiKey: 'demo', primarySeed: 'demo-seed' }, general: {}, oneToMany: {}, oneToOne: {},
  events: AgentShim.whisbiEvents() });

const on = (id, fn) => $(id).addEventListener('click', () => { try { fn(); } catch (e) { console.warn(e.message); } });
on('video-answer', () => VideoCallFake.answer());
on('video-hangup', () => VideoCallFake.hangup());
on('mluvii-chat', () => MluviiFake.visitorStartsChat('NewWidget'));
on('mluvii-accept', () => MluviiFake.operatorAccepts('NewWidget'));
on('mluvii-end', () => MluviiFake.endSession('NewWidget'));
on('whisbi-open', () => WhisbiFake.open());
on('whisbi-call', () => WhisbiFake.callMeNow({ name: 'Jana', phone: '+420 777 666 555', email: 'jana@example.com' }));
on('whisbi-join', () => WhisbiFake.agentJoins());
