// Types of window.AgentShim (agentshim.js), the facade of the agentshim core.
// The contract is /shared/facade-contract.md; js-bridge/README.md shows how to load it.

/** Where an event or a contact comes from. `facade`: the page's own commands and the loader. */
export type Vendor = 'ctt7' | 'mluvii' | 'whisbi' | 'telemarketing' | 'video' | 'facade';
export type ContactVendor = Exclude<Vendor, 'facade'>;

export type AgentShimErrorCode =
  | 'BAD_INPUT'
  | 'INVALID_STATE'
  | 'UNKNOWN_CONTACT'
  | 'VENDOR_UNAVAILABLE'
  | 'VENDOR_ERROR'
  | 'TIMEOUT'
  | 'NOT_READY'
  | 'LOAD_FAILED'
  | 'CRASHED';

/** Every rejected promise and every `error` event carries one. */
declare class AgentShimError extends Error {
  constructor(code: AgentShimErrorCode, message: string, init?: { vendor?: Vendor; contactId?: string });
  readonly name: 'AgentShimError';
  readonly code: AgentShimErrorCode;
  readonly vendor?: Vendor;
  readonly contactId?: string;
  /** True for VENDOR_UNAVAILABLE, TIMEOUT, NOT_READY and CRASHED: trying again later may work. */
  readonly retryable: boolean;
  /** So that JSON.stringify(error) keeps the message. */
  toJSON(): { name: 'AgentShimError'; code: AgentShimErrorCode; message: string; vendor?: Vendor; contactId?: string; retryable: boolean };
}
export type { AgentShimError };

/** What the agent chose. */
export type Availability = 'loggedOut' | 'ready' | 'paused';
/** The effective state: `busy` while a contact is dialing, ringing, connected or held; `wrapup` while one is in after-call work. */
export type AgentState = Availability | 'busy' | 'wrapup';

export interface AgentSnapshot {
  id: string | null;
  availability: Availability;
  state: AgentState;
  /** The pause substate code, e.g. `LUNCH`. */
  reason: string | null;
  groups: string[];
  /** ISO 8601; null before the first state change is known. */
  since: string | null;
}

export type ContactState =
  | 'scheduled' | 'queued' | 'offered' | 'dialing' | 'ringing' | 'connected' | 'held' | 'wrapup' | 'ended';
export type Channel = 'voice' | 'chat' | 'video' | 'callback';
export type Direction = 'inbound' | 'outbound';

export interface ContactSnapshot {
  id: string;
  vendor: ContactVendor;
  channel: Channel;
  direction: Direction;
  state: ContactState;
  /** E.164. */
  number: string | null;
  data: Record<string, string>;
  createdAt: string;
  connectedAt: string | null;
  endedAt: string | null;
  scheduledFor: string | null;
  outcome: string | null;
  /** e.g. `noAnswer`, `noAgents`. */
  endReason: string | null;
  /** The mluvii widget a chat came through. */
  widget?: string;
}

export type WidgetStatus = 'offline' | 'online' | 'busy';
export interface Widget {
  name: string;
  vendor: ContactVendor;
  status: WidgetStatus;
  open: boolean;
}

export type SessionKind =
  | 'opened' | 'closed' | 'preSession' | 'requested' | 'booked' | 'callbackRequested' | 'inboundShown'
  | 'inboundClicked' | 'pin' | 'invalidPhone' | 'callError' | 'noAgents' | 'consent' | 'redirect';
/**
 * A customer-side step; the other fields are the step's details as text (e.g. `pinCode`). The video-call
 * embed's steps carry `callId` (the call's UUID, also its contact id) and `embedId`; `consent` has
 * `given: 'true' | 'false'`; `redirect` has `reason` ({@link RedirectReason}) and `url`.
 */
export interface Session {
  kind: SessionKind;
  [field: string]: string;
}
/** Why the video-call embed sends the visitor away: outside business hours, nobody answered, the call is over. */
export type RedirectReason = 'outOfHours' | 'escalation' | 'exit';

/** A telemarketing statistics record or application, as upserted. */
export interface TelemarketingRecord {
  id: string;
  updated: string | null;
  fields: Record<string, string>;
}
/** A telemarketing campaign's last status; `dial(..., {campaignId})` is refused unless it is `IN_PROCESS`. */
export interface CampaignStatus {
  id: string;
  status: 'NEW' | 'STOPPED' | 'IN_PROCESS' | 'PAUSED' | 'FINISHED';
}
export interface Campaign {
  kind: 'status' | 'statistic' | 'application';
  id: string | null;
  status: string | null;
  record: TelemarketingRecord | null;
}

interface EventBase {
  /** Strictly increasing, no gaps (see README.md about crashes). */
  seq: number;
  /** ISO 8601. */
  at: string;
  vendor: Vendor;
  contactId?: string;
}
export interface AgentEvent extends EventBase {
  type: 'agent';
  from: AgentState;
  to: AgentState;
  agent: AgentSnapshot;
}
export interface ContactEvent extends EventBase {
  type: 'contact';
  contactId: string;
  /** null for a contact's first event. */
  from: ContactState | null;
  to: ContactState;
  contact: ContactSnapshot;
}
export interface ContactDataEvent extends EventBase {
  type: 'contact.data';
  contactId: string;
  contact: ContactSnapshot;
}
export interface ContactRemovedEvent extends EventBase {
  type: 'contact.removed';
  contactId: string;
  contact: ContactSnapshot;
}
export interface WidgetEvent extends EventBase {
  type: 'widget';
  widget: Widget;
}
export interface SessionEvent extends EventBase {
  type: 'session';
  session: Session;
  /**
   * `redirect` events only: stops the embed from navigating to `session.url` (call it synchronously in the
   * listener), e.g. to route inside a single-page app or to stay on the page in a test.
   */
  preventDefault?: () => void;
  /** `redirect` events only: true once a listener called preventDefault(). */
  defaultPrevented?: boolean;
}
export interface CampaignEvent extends EventBase {
  type: 'campaign';
  /** Campaign status changes only. */
  from?: string | null;
  to?: string;
  campaign: Campaign;
}
export interface ErrorEvent extends EventBase {
  type: 'error';
  error: AgentShimError;
}
export type AgentShimEvent =
  | AgentEvent | ContactEvent | ContactDataEvent | ContactRemovedEvent | WidgetEvent | SessionEvent | CampaignEvent | ErrorEvent;
export type EventType = AgentShimEvent['type'];
export type EventOf<T extends EventType> = Extract<AgentShimEvent, { type: T }>;

/** Calls the listener for every event of that type (`*`: all); returns the function that unsubscribes. */
/** Whether this tab leads its desk (README, "Several tabs"). */
export type TabRole = 'leader' | 'follower';
/**
 * This tab became the leader or a follower. A tab's own news, not a core event: it has no seq and
 * `'*'` listeners do not get it.
 */
export interface RoleEvent {
  type: 'role';
  role: TabRole;
  at: string;
}
export interface On {
  <T extends EventType>(type: T, listener: (event: EventOf<T>) => void): () => void;
  (type: '*', listener: (event: AgentShimEvent) => void): () => void;
  (type: 'role', listener: (event: RoleEvent) => void): () => void;
}

/** What `otoPreSessionRequest` hands over (Whisbi's own field names, typo included). */
export interface WhisbiPreSessionData {
  seed: string;
  contentId: string;
  callCenters: string[];
  customer: {
    name: string; phone: string; country: string; email: string; extra: string; dialCode: string;
    date: string; time: string; formatedDate: string; simplyBookDate: string;
  };
}
/** The only fields Whisbi lets a pre-session hook change; anything else is dropped. */
export interface WhisbiChanges {
  seed?: string;
  contentId?: string;
  callCenters?: string[];
  /** A non-string extra is sent as JSON text. */
  customer?: { extra?: unknown };
}
type WhisbiHandler = (arg?: any) => unknown;
export interface WhisbiEvents {
  otoOpened: () => unknown;
  otoClosed: () => unknown;
  otoPreSessionRequest: (data: WhisbiPreSessionData, done: (changes?: WhisbiChanges | null) => void) => void;
  otoSessionRequested: WhisbiHandler;
  otoInboundClicked: WhisbiHandler;
  otoInboundToWhisbiLoaded: WhisbiHandler;
  otoCallBooked: WhisbiHandler;
  otoCmbRequested: WhisbiHandler;
  otoPinCodeGenerated: WhisbiHandler;
  otoInvalidPhone: WhisbiHandler;
  otoCallError: WhisbiHandler;
  otoNoAgentsAvailable: WhisbiHandler;
  otoSessionStarted: WhisbiHandler;
  otoSessionEnded: WhisbiHandler;
  [name: `oto${string}`]: ((...args: any[]) => unknown) | undefined;
}

/** One webhook: where it is posted, with which extra headers. */
export interface Webhook {
  /** Absolute http(s) URL, or a path on the page's origin (`/hooks/start-call`). */
  url: string;
  /**
   * Extra request headers: the vendor's text, one `Name: value` per line, or an object. CR, control characters,
   * names that are not HTTP tokens, headers fetch() forbids, `Content-Type` and `Idempotency-Key` reject start()
   * with BAD_INPUT.
   */
  headers?: string | Record<string, string>;
}
/** The start-call (answered) and end-call webhooks of video and CTToolbar7 voice calls; either may be left out. */
export interface Webhooks {
  start?: Webhook;
  end?: Webhook;
}
/** What each webhook posts (JSON); the end-call body repeats and updates the start-call one. */
export interface WebhookPayload {
  /** UUID: the video call's id, or one derived from the CTToolbar7 contact id. */
  callid: string;
  /** ISO 8601 (UTC), or '' when unknown. */
  start: string;
  end: string;
  /** The call flow's `id` (else its `embedId`); for voice calls the contact's `callflow` call data. */
  callflow: string;
  /** The answering user's numeric id, or null. */
  userid: number | null;
  username: string;
}

/** `HH:MM` from `00:00` to `24:00`. */
export type Clock = string;
/** One video-call flow (README, "Video-call button"). */
export interface CallFlow {
  /** The backend's id, sent as `callflow` in webhooks. */
  id?: string;
  /** The button's `data-cwbbb-igh` value: letters, digits, `-`, `_`. */
  embedId: string;
  name: string;
  description?: string;
  /** IANA zone of the hours, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Every day; start equal to end: closed that day. */
  hours: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [Clock, Clock]>;
  /** Rung top to bottom; ring seconds 1–240 each, at most 240 summed. */
  steps: { group: string; ringSeconds: number }[];
  exitUrl: string;
  outOfHoursUrl: string;
  escalationUrl: string;
}
/** The GDPR notice shown before a call when the button has `data-cwbbb-gdpr="1"`; unset fields keep the defaults. */
export interface GdprNotice {
  title?: string;
  /** Paragraphs separated by `\n`; shown as text. */
  text?: string;
  accept?: string;
  refuse?: string;
}
export interface CallFlowDocument {
  callFlows: CallFlow[];
  gdprNotice?: GdprNotice;
}

/**
 * The video-call backend the embed talks to: `window.VideoCallBackend` (web/fakes/videocall.js is a fake of it).
 * It rings the steps' groups and reports through the listener.
 */
export interface VideoCallBackend {
  request(
    call: { callId: string; embedId: string; callflow: string; name: string; steps: CallFlow['steps'] },
    listener: (type: 'ringing' | 'answered' | 'ended', data: { group?: string; userid?: number | string; username?: string; by?: string }) => void,
  ): { cancel(): void; hangup(): void };
}

/** start() options; each is also a `data-` attribute in kebab case (JSON text for objects). */
export interface StartOptions {
  /** URL of agentshim.wasm; default: agentshim.wasm next to agentshim.js. */
  wasm?: string;
  /** Where the snapshot survives a reload (default `session`). */
  persist?: 'session' | 'local' | 'none';
  /** ISO 3166 code for national phone numbers, e.g. `CZ`. */
  defaultRegion?: string;
  /** How long a command waits for the vendor's confirmation (default 10000). */
  commandTimeoutMs?: number;
  /** Getter and Whisbi pre-session timeout (default 2000); attachToolbar()'s wait (default 10000). */
  vendorTimeoutMs?: number;
  /**
   * Redact what `shim.trace()` hands out, for bug reports: phone numbers keep their last three digits
   * (`+*********555`), e-mail local parts become a stable hash (`~1b2c3d4e@example.cz`, so contacts stay
   * told apart and the trace still replays). Numbers in error messages are always masked.
   */
  redact?: boolean;
  whisbi?: {
    /** Changes to a Whisbi request before it is made; done() is called with them (or nothing) within vendorTimeoutMs. */
    preSession(data: WhisbiPreSessionData): WhisbiChanges | null | void | Promise<WhisbiChanges | null | void>;
  };
  /** Video call flows: the document (or one flow, or an array of flows), or a URL (absolute, or a path) to fetch it from. */
  callFlows?: string | CallFlowDocument | CallFlow | CallFlow[];
  webhooks?: Webhooks;
  /** Telemarketing events as server-sent events (each message: one event object as JSON). */
  telemarketing?: { url: string };
  /** Script tag only: `data-autostart="false"` waits for start(). */
  autostart?: boolean;
  /** `off` disables the automatic mluvii hook. */
  mluvii?: 'on' | 'off';
  /**
   * Several tabs of one desk page (README, "Several tabs"). `leader` (default): the tabs elect one leader
   * (Web Locks), which alone talks to the vendor SDKs; the others mirror its state and events and send it
   * their commands, and one of them takes over when its tab closes. `single`: every tab on its own.
   */
  tabs?: 'leader' | 'single';
}

export interface DialOptions {
  callData?: Record<string, string>;
  serviceId?: string | number;
  callProfileId?: string | number;
  campaignId?: string | number;
}

export interface TraceEntry {
  at: string;
  vendor: Vendor;
  name: string;
  payload: unknown;
}
export interface Trace {
  version: 1;
  startedAt: string;
  events: TraceEntry[];
}

/** What `AgentShim.ready` resolves to. Queries are synchronous; commands settle when the vendor confirms. */
export interface Shim {
  agent(): AgentSnapshot;
  contacts(): ContactSnapshot[];
  contact(id: string): ContactSnapshot | undefined;
  widgets(): Widget[];
  login(): Promise<AgentSnapshot>;
  /** `reason`: a pause substate code. */
  pause(reason?: string): Promise<AgentSnapshot>;
  logout(): Promise<AgentSnapshot>;
  setGroups(ids: string[]): Promise<AgentSnapshot>;
  /** The number is normalized to E.164 first. */
  dial(number: string, options?: DialOptions): Promise<ContactSnapshot>;
  answer(id: string): Promise<ContactSnapshot>;
  hangup(id: string): Promise<ContactSnapshot>;
  hold(id: string): Promise<ContactSnapshot>;
  resume(id: string): Promise<ContactSnapshot>;
  dtmf(id: string, digits: string): Promise<ContactSnapshot>;
  record(id: string, on: boolean): Promise<ContactSnapshot>;
  setData(id: string, key: string, value: string): Promise<ContactSnapshot>;
  /** `end: true` also leaves after-call work. */
  wrapup(id: string, options: { outcome: string; end?: boolean }): Promise<ContactSnapshot>;
  on: On;
  /** The raw vendor inputs and commands so far, replayable with AgentShim.replay and the cmd/ tool. */
  trace(): Trace;
  /** The whole state, as persisted. */
  snapshot(): Record<string, unknown>;
  /** `leader` in a tab that talks to the vendors (always with `tabs: 'single'`), `follower` in one that mirrors it. */
  role(): TabRole;
  /** Releases everything agentshim wrapped or created; the page's own vendor handlers keep working. A leader hands over to another tab. */
  stop(): void;
  /** One telemarketing webhook event, e.g. `{eventName: 'TACStatusUpdatedEvent', ...}`. */
  ingest(event: { eventName: string; [field: string]: unknown }): void;
  /** Telemarketing statistics, one record per `statisticId` with its latest update, in the order they were created. */
  statistics(): TelemarketingRecord[];
  /** Telemarketing applications (`TACStatusUpdatedEvent`), one record per application id, e.g. `fields.nextCall`. */
  applications(): TelemarketingRecord[];
  /** Every telemarketing campaign seen, with its last status, in the order they became known. */
  campaigns(): CampaignStatus[];
}

/** The parts of mluvii's owidget agentshim uses. */
export interface Owidget {
  init?(companyId: string | [string, string | number], widgetPreset?: string, language?: string, scope?: string): void;
  setAppEventCallback(callback: (event: { type: string }) => void): void;
  setStatusUpdateCallback(callback: (code: 0 | 1 | 2) => void): void;
  setCustomNumberNormalization?(normalize: (raw: string) => string | null): void;
}
/** The parts of CTToolbar7's TOOLBAR agentshim uses (Go calls the rest). */
export interface CTToolbar7 {
  CONTACT: { bindContactCallback(callback: (eventName: string, data: unknown) => void): void };
  AGENT?: object;
  EASYCIM?: object;
}

export interface AgentShimStatic {
  /** Semver. */
  readonly version: string;
  /** Starts the core (done by itself unless data-autostart="false"); returns `ready`. Bad options: BAD_INPUT. */
  start(options?: StartOptions): Promise<Shim>;
  /** Resolves when the core runs; rejects with LOAD_FAILED when the wasm cannot load. */
  readonly ready: Promise<Shim>;
  on: On;
  /**
   * Call from mluvii's $owidgetOnLoad before anything else (the automatic hook does it for you);
   * returns detach(). mluvii has no getter for its callbacks, so one the page set before attaching by
   * hand cannot be chained: attach first, or leave it to the hook (then any order works).
   */
  attachOwidget(owidget: Owidget, options?: { name?: string }): () => void;
  /**
   * Whisbi's `events` configuration; each handler also calls `own[name]`. Any other `oto*` name looked up
   * on it gives a recorder too. `otoPreSessionRequest` runs the `whisbi.preSession` hook, then `own`'s handler.
   */
  whisbiEvents(own?: Partial<WhisbiEvents>): WhisbiEvents;
  /**
   * Without an argument, waits for window.TOOLBAR (vendorTimeoutMs, default 10000: VENDOR_UNAVAILABLE).
   * In a follower tab it resolves at once and is done when the tab takes over.
   */
  attachToolbar(toolbar?: CTToolbar7): Promise<void>;
  /** Runs a trace through a fresh core (no vendors); resolves to its events. */
  replay(trace: Trace | string, options?: { defaultRegion?: string; commandTimeoutMs?: number }): Promise<AgentShimEvent[]>;
  readonly AgentShimError: typeof AgentShimError;
  /** Not public: for tests and debugging only; may change in any release. */
  readonly _internals: unknown;
}

declare const AgentShim: AgentShimStatic;
export default AgentShim;

declare global {
  interface Window {
    AgentShim: AgentShimStatic;
    /** The video-call backend the embed uses, when the page has one. */
    VideoCallBackend?: VideoCallBackend;
  }
}
