// Uses every member of agentshim.d.ts; `npx tsc -p .` type-checks it (it is never run).
import AgentShim from './agentshim.js';
import type {
  AgentShimError, AgentShimEvent, AgentSnapshot, CallFlow, CallFlowDocument, CampaignStatus, ContactSnapshot, CTToolbar7,
  GdprNotice, Owidget, RedirectReason, RoleEvent, Shim, StartOptions, TabRole, TelemarketingRecord, Trace, VideoCallBackend,
  WebhookPayload, Webhooks,
} from './agentshim.js';

const options: StartOptions = {
  wasm: '/agentshim/agentshim.wasm',
  persist: 'session',
  defaultRegion: 'CZ',
  commandTimeoutMs: 8000,
  vendorTimeoutMs: 2000,
  redact: true,
  whisbi: {
    // Only seed, contentId, callCenters and customer.extra reach Whisbi.
    async preSession(data) {
      return { customer: { extra: JSON.stringify({ page: location.pathname, name: data.customer.name }) } };
    },
  },
  callFlows: '/agentshim/call-flows.json',
  webhooks: { start: { url: '/hooks/start', headers: { 'X-Token': 't' } }, end: { url: '/hooks/end', headers: 'X-Token: t\nX-Site: shop' } },
  telemarketing: { url: '/telemarketing/events' },
  mluvii: 'on',
  tabs: 'leader',
};

// Listeners work before the core runs; each returns its unsubscribe function.
const offAgent = AgentShim.on('agent', (e) => console.log(`agent ${e.from} -> ${e.to}`, e.agent.groups));
AgentShim.on('contact', (e) => {
  const from: string = e.from ?? '(new)';
  console.log(e.contactId, from, '->', e.to, e.contact.endReason);
});
AgentShim.on('contact.data', (e) => console.log(e.contact.data['ECID']));
AgentShim.on('contact.removed', (e) => console.log('gone', e.contactId));
AgentShim.on('widget', (e) => console.log(e.widget.name, e.widget.status, e.widget.open));
AgentShim.on('session', (e) => console.log(e.session.kind, e.session['pinCode']));
// The video-call embed announces where it sends the visitor; a listener may keep them (e.g. a SPA router).
AgentShim.on('session', (e) => {
  if (e.session.kind !== 'redirect') return;
  const reason = e.session['reason'] as RedirectReason;
  if (reason === 'exit' && !e.defaultPrevented) {
    e.preventDefault?.();
    history.pushState(null, '', new URL(e.session['url'] ?? '/', location.href).pathname);
  }
});

// Video call flows inline, with the GDPR notice; the embed needs a backend on the page.
const notice: GdprNotice = { title: 'Datenschutz', text: 'Absatz 1\nAbsatz 2', accept: 'OK', refuse: 'Abbrechen' };
const flow: CallFlow = {
  id: 'cf-17', embedId: 'a1B2-c3_d4', name: 'Verkauf', description: 'Video-Beratung', timeZone: 'Europe/Berlin',
  hours: { mon: ['08:00', '18:00'], tue: ['08:00', '18:00'], wed: ['08:00', '18:00'], thu: ['08:00', '18:00'],
    fri: ['08:00', '18:00'], sat: ['09:00', '13:00'], sun: ['00:00', '00:00'] },
  steps: [{ group: 'Verkauf', ringSeconds: 30 }, { group: 'Service', ringSeconds: 45 }],
  exitUrl: 'https://autohaus.example/danke', outOfHoursUrl: 'https://autohaus.example/zu', escalationUrl: 'https://autohaus.example/rueckruf',
};
const flows: CallFlowDocument = { callFlows: [flow], gdprNotice: notice };
const hooks: Webhooks = { start: { url: 'https://crm.example/start-call' } };
const videoOptions: StartOptions = { callFlows: flows, webhooks: hooks };
const backend: VideoCallBackend | undefined = window.VideoCallBackend;
const handle = backend?.request({ callId: crypto.randomUUID(), embedId: flow.embedId, callflow: 'cf-17', name: 'Customer', steps: flow.steps },
  (type, data) => console.log(type, data.group, data.userid, data.username, data.by));
handle?.cancel();
handle?.hangup();
function onWebhook(body: WebhookPayload): string {
  return `${body.callid} ${body.start}–${body.end} ${body.callflow} ${body.userid ?? '-'} ${body.username}`;
}
AgentShim.on('campaign', (e) => console.log(e.campaign.kind, e.campaign.id, e.campaign.record?.fields));
AgentShim.on('error', (e) => showError(e.error));
AgentShim.on('*', (e: AgentShimEvent) => {
  switch (e.type) {
    case 'agent': return void console.log(e.seq, e.agent.state);
    case 'error': return void console.log(e.seq, e.error.code, e.error.retryable);
    default: return void console.log(e.seq, e.at, e.type, e.vendor);
  }
});

function showError(err: AgentShimError): void {
  const where = err.contactId ? ` (contact ${err.contactId})` : '';
  console.warn(`${err.code}${where}: ${err.message}`, err.vendor, JSON.stringify(err.toJSON()));
}

// mluvii: the automatic hook attaches every owidget; by hand it looks like this.
function onOwidget(owidget: Owidget): () => void {
  const detach = AgentShim.attachOwidget(owidget, { name: 'NewWidget' });
  owidget.init?.('3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'NewWidget');
  owidget.setAppEventCallback((e) => console.log('page sees', e.type));
  return detach;
}

// Whisbi: pass this as the `events` configuration.
const events = AgentShim.whisbiEvents({ otoOpened: () => console.log('sidebar open') });
events.otoPinCodeGenerated({ pinCode: 'P00001' });

async function desk(): Promise<void> {
  console.log('agentshim', AgentShim.version);
  const shim: Shim = await AgentShim.start(options);
  const same: Shim = await AgentShim.ready;
  await AgentShim.attachToolbar(); // waits for window.TOOLBAR
  const toolbar: CTToolbar7 | undefined = (window as { TOOLBAR?: CTToolbar7 }).TOOLBAR;
  if (toolbar) await AgentShim.attachToolbar(toolbar);

  const agent: AgentSnapshot = shim.agent();
  if (agent.availability === 'loggedOut') await shim.login();
  await shim.setGroups(['101', '102']);
  await shim.pause('LUNCH');
  await same.login();

  const call: ContactSnapshot = await shim.dial('777 666 555', { callData: { ECID: 'felixct7|1|171|40' }, serviceId: 7 });
  await shim.hold(call.id);
  await shim.resume(call.id);
  await shim.dtmf(call.id, '12#');
  await shim.record(call.id, true);
  await shim.setData(call.id, 'note', 'called back');
  await shim.hangup(call.id);
  await shim.wrapup(call.id, { outcome: 'SALE', end: true });

  for (const c of shim.contacts()) if (c.state === 'offered') await shim.answer(c.id);
  console.log(shim.contact(call.id)?.outcome, shim.widgets().map((w) => w.status));

  shim.ingest({ eventName: 'TelemarketCampaignStatusChangedEvent', campaignId: 'c1', status: 'IN_PROCESS' });
  const paused: CampaignStatus[] = shim.campaigns().filter((c) => c.status !== 'IN_PROCESS');
  const stats: TelemarketingRecord[] = shim.statistics();
  console.log(paused.map((c) => c.id), stats.map((r) => r.fields['status']), shim.applications()[0]?.fields['nextCall']);
  const unsubscribe = shim.on('contact', (e) => console.log(e.to));
  // Several tabs: only the leader talks to the toolbar; any tab can give commands.
  const role: TabRole = shim.role();
  const offRole = AgentShim.on('role', (e: RoleEvent) => console.log(`this tab is now the ${e.role} (was ${role})`));

  const trace: Trace = shim.trace();
  const events = await AgentShim.replay(trace, { defaultRegion: 'CZ' });
  console.log(events.length, shim.snapshot());

  try {
    await shim.logout();
  } catch (err) {
    if (err instanceof AgentShim.AgentShimError && err.code === 'INVALID_STATE') console.log('hang up first');
    const own = new AgentShim.AgentShimError('NOT_READY', 'example', { vendor: 'ctt7' });
    console.log(own.retryable, AgentShim._internals);
  }
  unsubscribe();
  offRole();
  offAgent();
  shim.stop();
}

// The same object is also window.AgentShim for classic scripts.
window.AgentShim.ready.then(desk, (err: AgentShimError) => console.error(err.code)).catch(console.error);
export { onOwidget, onWebhook, videoOptions };
