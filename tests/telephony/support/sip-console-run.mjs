// Run by sip-console.test.ts as `unshare -n node sip-console-run.mjs`: a network namespace holding only loopback.
// Kamailio, the runtime with TELEPHONY=sip serving the built console on 127.0.0.1, Debian's Chromium with agent 1's
// console signed in (its sip.js softphone registers with the credentials the runtime issues), and sip.js UAs with
// werift media for the customers: one calls the entry number (inbound), one is rung by click-to-call. The page's
// RTCPeerConnections are kept by an init script so their getStats() tell whether audio arrived. Prints one JSON line.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startKamailio, sipCredentials } from '@telesales/telephony';
import { WeriftMedia } from '@telesales/telephony/endpoint/index';
import { startEmbeddedMongo } from '@telesales/embedded-mongo';
import { buildApp } from '@telesales/runtime/app';
import { installTemplate, templateDir } from '@telesales/runtime/templates/install';
import { sipCarrierOf } from '@telesales/runtime/calls/sip-carrier';
import { Inviter, Registerer, RegistererState, SessionState, UserAgent } from 'sip.js';

if (typeof globalThis.WebSocket !== 'function') throw new Error('No WebSocket in this Node: run with --experimental-websocket (Node 20) or Node 22+');
const t0 = Date.now();
const marks = {};
const mark = (name) => { marks[name] = Date.now() - t0; };
const link = execFileSync('ip', ['-o', 'link', 'show', 'lo'], { encoding: 'utf8' });
if (!/[<,]UP[,>]/.test(link)) execFileSync('ip', ['link', 'set', 'lo', 'up']);
const interfaces = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(':')[1].trim());

const root = fileURLToPath(new URL('../../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ENTRY = '4008001234';
const TONE = { caller: 0x22, customer: 0x33 };
const secret = randomBytes(24).toString('base64url');
const dataDir = mkdtempSync(join(tmpdir(), 'sip-console-data-'));
process.env.DATA_DIR = dataDir;
process.env.TTS_CACHE_DIR = join(dataDir, 'tts');

/** The inbound flow checks business hours (Asia/Shanghai, weekdays 09:00-18:00): next weekday 10:00 there. */
function openHoursOffset() {
  const target = new Date();
  target.setUTCHours(2, 0, 0, 0);
  if (target.getTime() <= Date.now()) target.setUTCDate(target.getUTCDate() + 1);
  while ([0, 6].includes(target.getUTCDay())) target.setUTCDate(target.getUTCDate() + 1);
  return target.getTime() - Date.now();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, ms, test) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(50);
  }
}
const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms));

/** A sip.js UA with werift media that sends its own constant byte while a call is up and counts what it hears. */
async function phone(server, user, tone, { autoAnswer = false } = {}) {
  const p = { user, media: null, session: null, heard: { total: 0, other: 0 }, invites: [] };
  const credentials = sipCredentials(secret, user, 3600);
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@${server.domain}`),
    authorizationUsername: credentials.username, authorizationPassword: credentials.password,
    transportOptions: { server: server.wsUrl }, logLevel: 'error', logBuiltinEnabled: false,
    sessionDescriptionHandlerFactory: () => {
      const media = new WeriftMedia({ onAudio: (payload) => {
        // total: every RTP payload byte; other: frames that are not one repeated byte (speech, Chromium's fake beep)
        p.heard.total += payload.length;
        if (!payload.every((b) => b === payload[0])) p.heard.other += payload.length;
      } });
      p.media = media;
      const frame = Buffer.alloc(160, tone);
      const timer = setInterval(() => { if (media.isConnected) media.sendFrame(frame); }, 20);
      media.pc.connectionStateChange.subscribe((s) => { if (s === 'closed' || s === 'failed') clearInterval(timer); });
      p.stopTone = () => clearInterval(timer);
      return media;
    },
    delegate: {
      onInvite: (invitation) => {
        p.invites.push({ from: invitation.remoteIdentity.uri.user, to: invitation.request.to.uri.user });
        p.session = invitation;
        if (autoAnswer) setTimeout(() => void invitation.accept().catch(() => {}), 1000);
      },
    },
  });
  await ua.start();
  const registerer = new Registerer(ua, { expires: 300 });
  await Promise.race([new Promise((resolve, reject) => {
    registerer.stateChange.addListener((s) => s === RegistererState.Registered && resolve());
    registerer.register({ requestDelegate: { onReject: (r) => reject(new Error(`${user} REGISTER ${r.message.statusCode}`)) } });
  }), timeout(5000, `${user} REGISTER`)]);
  p.ua = ua;
  p.call = async (target) => {
    const inviter = new Inviter(ua, UserAgent.makeURI(target));
    p.session = inviter;
    const established = new Promise((resolve, reject) => inviter.stateChange.addListener((s) => {
      if (s === SessionState.Established) resolve();
      if (s === SessionState.Terminated) reject(new Error(`${user}: call to ${target} ended before it was established`));
    }));
    await inviter.invite();
    await Promise.race([established, timeout(15_000, `${user} INVITE ${target}`)]);
    return inviter;
  };
  return p;
}

async function bye(p) {
  const s = p.session;
  if (!s || s.state !== SessionState.Established) return;
  const done = new Promise((resolve) => s.stateChange.addListener((st) => st === SessionState.Terminated && resolve()));
  await s.bye();
  await Promise.race([done, timeout(5000, `${p.user} BYE`)]);
}

/** Every run of 7 digits of the number: the masked form shows at most 4 in a row (138****6553). */
function digitRuns(number, length = 7) {
  const digits = String(number).replace(/\D/g, '');
  const runs = [];
  for (let i = 0; i + length <= digits.length; i++) runs.push(digits.slice(i, i + length));
  return runs;
}
/** Digits as a leak would show them: separators between digits removed ("138 8183-6553" -> "13881836553"). */
const squeeze = (text) => neutralizeSdp(text).replace(/(?<=\d)[\s-]+(?=\d)/g, '');
/**
 * SDP carries long random numbers of the media stacks' own (session ids, SSRCs, ICE candidate foundations and
 * priorities): a 7-digit run of the customer's number would turn up in them by chance about once in a
 * thousand runs. Those fields are blanked (they never carry a party's number); everything else is searched.
 */
const neutralizeSdp = (text) => text
  .replace(/^o=(\S+) \d+ \d+/gm, 'o=$1 0 0')
  .replace(/^a=(ssrc|ssrc-group|candidate|msid|msid-semantic|ice-ufrag|ice-pwd|fingerprint):.*$/gm, 'a=$1:-');

// Kept in the page before any of its scripts run: every RTCPeerConnection the softphone (sip.js) makes.
const KEEP_PEER_CONNECTIONS = () => {
  const Native = window.RTCPeerConnection;
  const made = [];
  window.__peerConnections = made;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); made.push(this); }
  };
  /** Audio received and sent by the newest peer connection (or the one at `index`). */
  window.__audioStats = async (index) => {
    const pc = made[index ?? made.length - 1];
    if (!pc) return null;
    let bytesReceived = 0, packetsReceived = 0, bytesSent = 0, codec = null;
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && (s.kind ?? s.mediaType) === 'audio') { bytesReceived += s.bytesReceived ?? 0; packetsReceived += s.packetsReceived ?? 0; }
      if (s.type === 'outbound-rtp' && (s.kind ?? s.mediaType) === 'audio') bytesSent += s.bytesSent ?? 0;
      if (s.type === 'codec' && !codec) codec = s.mimeType;
    });
    return { count: made.length, bytesReceived, packetsReceived, bytesSent, codec, state: pc.connectionState };
  };
};

const result = { interfaces, marks };
let server, mongo, app, browser;
const phones = [];
const pageLog = [];
try {
  const consoleDir = join(root, 'console/dist');
  server = await startKamailio({ secret, wsPort: 8080, sipPort: 5060 });
  mongo = await startEmbeddedMongo();
  app = await buildApp({
    mongoUri: mongo.uri, dbName: 'sip_console', embedded: true,
    static: { builderDir: join(root, 'builder/dist'), consoleDir },
    telephony: { mode: 'sip', sipDomain: server.domain, sipWsUrl: server.wsUrl, sipSecret: secret, sipCredentialTtlSec: 3600 },
  });
  await installTemplate(app, templateDir('insurance'));
  const shift = openHoursOffset();
  app.calls.useClock({ now: () => Date.now() + shift, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h) });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const carrier = sipCarrierOf(app.calls);
  if (!carrier) throw new Error('TELEPHONY=sip did not attach the SIP endpoint');
  await Promise.race([carrier.ready, timeout(10_000, 'runtime endpoint registration')]);
  mark('runtime');

  const asAdmin = await (async () => {
    const l = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'admin', password: 'admin123' } });
    const cookie = String(l.headers['set-cookie']).split(';')[0];
    return async (url) => { const res = await app.inject({ method: 'GET', url, headers: { cookie } }); return { status: res.statusCode, body: JSON.parse(res.body) }; };
  })();

  // agent 1's customers with a phone: the first calls in, the second is called (both masked for agent 1).
  const agent1 = await app.db.collection('users').findOne({ login: 'agent1' });
  if (!agent1) throw new Error('no agent1 in the template');
  const agentId = String(agent1._id);
  const owned = await app.db.collection('records_customer').find({ ownerId: agentId, 'values.phone': { $type: 'string' } }).sort({ _id: 1 }).limit(2).toArray();
  if (owned.length < 2) throw new Error(`agent1 owns ${owned.length} customers with a phone`);
  const [callerRec, calleeRec] = owned;
  // the caller dials from their mobile as the carrier presents it: national digits (no +86)
  const callerDigits = String(callerRec.values.phone).replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  const calleeDigits = String(calleeRec.values.phone).replace(/\D/g, '');
  // The flow routes a known caller to `sales` or `service`: agent 1 answers both.
  await app.db.collection('skill_groups').updateMany({ key: { $in: ['sales', 'service'] } }, { $addToSet: { members: agentId } });

  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.addInitScript(KEEP_PEER_CONNECTIONS);
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') pageLog.push(`${m.type()}: ${m.text()}`.slice(0, 300)); });
  page.on('pageerror', (e) => pageLog.push(`pageerror: ${e.message}`.slice(0, 300)));

  // Everything the page receives from before the login: HTTP bodies, event-stream frames, WebSocket frames (SIP).
  const texts = [];
  const reading = [];
  page.on('response', (response) => {
    if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    reading.push(response.text().then((t) => texts.push(`${response.url()}\n${t}`)).catch(() => undefined));
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let sipFrames = 0;
  cdp.on('Network.eventSourceMessageReceived', (e) => texts.push(`sse ${e.eventName}\n${e.data}`));
  cdp.on('Network.webSocketFrameReceived', (e) => { if (/^(SIP\/2\.0|[A-Z]+ sip:)/.test(e.response.payloadData)) sipFrames++; texts.push(`ws\n${e.response.payloadData}`); });

  await page.goto(`${baseUrl.replace(/\/$/, '')}/console/login`);
  await page.getByTestId('login-name').fill('agent1');
  await page.getByTestId('login-password').fill('agent123');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav').waitFor();
  await page.getByTestId('lang-en').click();
  await page.locator('[data-testid=phone-bar][data-mode=sip][data-link=ready]').waitFor({ timeout: 20_000 });
  mark('registered');
  const stateSelect = page.locator('[data-testid=agent-state]:not([disabled])');
  await stateSelect.waitFor();
  const readyKey = await page.locator('[data-testid=agent-state] option[data-kind=ready]').first().getAttribute('value');
  await stateSelect.selectOption(readyKey);
  await page.locator(`[data-testid=agent-state][data-state="${readyKey}"]`).waitFor();
  mark('ready');

  // ---- 1. Inbound: the customer (agent 1's, known by their number) calls the entry number and hears the greeting.
  const caller = await phone(server, callerDigits, TONE.caller);
  phones.push(caller);
  await caller.call(`sip:${ENTRY}@${server.domain}`);
  await until('caller media', 10_000, () => caller.media?.isConnected);
  const calls = app.db.collection('calls');
  const doc0 = await until('call record', 5000, () => calls.findOne({ to: ENTRY }));
  const callId = doc0._id;
  await until('greeting audio', 15_000, () => caller.heard.other >= 4000);
  const inbound = { greetingBytes: caller.heard.other };
  mark('greeting');
  // 1 picks the language; a known caller then goes straight to a queue (sales, or service for policy holders).
  await caller.media.sendKey('1');
  const queued = await until('queued', 15_000, async () => (await calls.findOne({ _id: callId }))?.queue);
  inbound.queue = queued;
  mark('queued');

  // The console rings with the caller's card (screen pop).
  const ringing = page.locator('[data-testid=call-panel][data-status=ringing]');
  await ringing.waitFor({ timeout: 20_000 });
  inbound.ringingCallId = await ringing.getAttribute('data-call');
  const pop = page.getByTestId('screen-pop');
  await pop.locator('[data-testid=pop-customer-link], [data-testid=pop-unknown]').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=pop-customer-link]')?.textContent?.startsWith('#'));
  inbound.pop = ((await pop.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  inbound.popHasCustomer = inbound.pop.includes(String(callerRec.values.name));
  inbound.party = ((await page.getByTestId('call-party').textContent()) ?? '').trim();
  mark('rang');

  // The agent answers in the page; both sides hear each other.
  await page.getByTestId('call-answer').click();
  await page.locator('[data-testid=call-panel][data-status=talking]').waitFor({ timeout: 20_000 });
  mark('answered');
  const callerBefore = caller.heard.total;
  const pageStats = await until('audio in the page', 15_000, async () => {
    const s = await page.evaluate(() => window.__audioStats());
    return s && s.bytesReceived > 0 ? s : null;
  });
  await until('agent audio at the caller', 15_000, () => caller.heard.total - callerBefore >= 4000);
  await sleep(1000);
  inbound.page = await page.evaluate(() => window.__audioStats());
  inbound.pageFirst = pageStats;
  inbound.callerHeardAgent = caller.heard.total - callerBefore;
  inbound.statusTalking = (await calls.findOne({ _id: callId }))?.status;
  mark('bridged');

  // The agent hangs up in the page and records the outcome.
  await page.getByTestId('call-hangup').click();
  const form = page.getByTestId('wrapup-panel').getByTestId('disposition-form');
  await form.waitFor({ timeout: 20_000 });
  await form.getByTestId('disposition-interested').check();
  await form.getByTestId('disposition-note').fill('Wants a quote for the family plan');
  await form.getByTestId('disposition-submit').click();
  await page.getByTestId('wrapup-panel').waitFor({ state: 'detached', timeout: 10_000 });
  mark('disposed');
  // The caller stays for the survey, then leaves.
  await sleep(1500);
  await bye(caller);
  await until('inbound call ends', 15_000, async () => { const d = await calls.findOne({ _id: callId }); return d?.endAt && d.recording ? d : null; });
  const stored = await asAdmin(`/api/calls/${callId}`);
  Object.assign(inbound, {
    recordStatus: stored.status, direction: stored.body.direction, agentId: stored.body.agentId === agentId,
    customer: stored.body.customer, answerAt: !!stored.body.answerAt, endAt: !!stored.body.endAt, ringAt: !!stored.body.ringAt,
    hangupBy: stored.body.hangupBy, traceSteps: stored.body.trace?.length ?? 0, recording: stored.body.recording ?? null,
    disposition: stored.body.disposition ?? null,
  });
  const recDoc = await calls.findOne({ _id: callId });
  inbound.recordingBytes = recDoc?.recording?.file ? statSync(join(dataDir, recDoc.recording.file)).size : 0;
  result.inbound = inbound;
  mark('inboundDone');

  // ---- 2. Click-to-call: agent 1 calls a masked customer from the card; their UA rings at the real number.
  const customer = await phone(server, calleeDigits, TONE.customer, { autoAnswer: true });
  phones.push(customer);
  await page.goto(`${baseUrl.replace(/\/$/, '')}/console/e/customer/${calleeRec._id}`);
  await page.locator('[data-testid=record-title], [data-testid=state-not-found], [data-testid=state-error]').first().waitFor();
  await page.locator('[data-testid=phone-bar][data-link=ready]').waitFor({ timeout: 20_000 });
  const out = { shownPhone: ((await page.getByTestId('field-phone').textContent()) ?? '').trim() };
  const pcsBefore = await page.evaluate(() => window.__peerConnections.length);
  await page.locator(`[data-testid=dial-${calleeRec._id}]:not([disabled])`).first().click();
  const outPanel = page.locator('[data-testid=call-panel][data-direction=out]');
  await outPanel.waitFor({ timeout: 20_000 });
  const outCallId = await outPanel.getAttribute('data-call');
  out.party = ((await page.getByTestId('call-party').textContent()) ?? '').trim();
  await page.locator('[data-testid=call-panel][data-direction=out][data-status=talking]').waitFor({ timeout: 20_000 });
  mark('c2cTalking');
  out.customerRang = customer.invites.length;
  out.customerInvite = customer.invites[0] ?? null;
  const pcIndex = pcsBefore;
  await until('audio in the page (click-to-call)', 15_000, async () => ((await page.evaluate((i) => window.__audioStats(i), pcIndex))?.bytesReceived ?? 0) > 0);
  await until('agent audio at the customer', 15_000, () => customer.heard.total >= 4000);
  await sleep(1000);
  out.page = await page.evaluate((i) => window.__audioStats(i), pcIndex);
  out.customerHeardAgent = customer.heard.total;
  out.statusTalking = (await calls.findOne({ _id: outCallId }))?.status;
  mark('c2cBridged');
  await page.getByTestId('call-hangup').click();
  const form2 = page.getByTestId('wrapup-panel').getByTestId('disposition-form');
  await form2.waitFor({ timeout: 20_000 });
  await form2.getByTestId('disposition-interested').check();
  await form2.getByTestId('disposition-submit').click();
  await page.getByTestId('wrapup-panel').waitFor({ state: 'detached', timeout: 10_000 });
  await until('customer leg ends', 10_000, () => customer.session?.state === SessionState.Terminated);
  const outDoc = await until('click-to-call ends', 10_000, async () => { const d = await calls.findOne({ _id: outCallId }); return d?.endAt ? d : null; });
  const outJson = await asAdmin(`/api/calls/${outCallId}`);
  Object.assign(out, {
    callId: outCallId, direction: outDoc.direction, status: outDoc.status, hangupBy: outDoc.hangupBy, answerAt: !!outDoc.answerAt,
    disposition: outJson.body.disposition ?? null, customerOfCall: outJson.body.customer,
  });
  mark('c2cDone');

  // Everything the page received: no 7-digit run of either customer's number.
  await Promise.allSettled(reading);
  const all = [...texts];
  out.capture = {
    texts: all.length, sipFrames, sse: all.filter((t) => t.startsWith('sse ')).length, ws: all.filter((t) => t.startsWith('ws\n')).length,
    sseRinging: all.some((t) => t.startsWith('sse ringing')), xCallIdInvites: all.filter((t) => /^ws\nINVITE sip:/.test(t) && t.includes(`X-Call-Id: ${callId}`)).length, dialResponse: all.some((t) => t.includes('/api/calls/dial')),
    // sanity: the check does find the digits where they are (the runtime's stored number)
    selfTest: digitRuns(calleeRec.values.phone).every((run) => squeeze(String(calleeRec.values.phone)).includes(run)),
    // the capture holds the customer's data as the page got it: the masked number
    maskedSeen: all.some((t) => t.includes(out.party)),
  };
  out.leaks = [];
  for (const [who, rec] of [['callee', calleeRec], ['caller', callerRec]]) {
    for (const run of digitRuns(rec.values.phone)) {
      for (const t of all) if (squeeze(t).includes(run)) out.leaks.push({ who, run, text: t.slice(0, 300) });
    }
  }
  result.clickToCall = out;
  await cdp.detach().catch(() => undefined);
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  for (const p of phones) { p.stopTone?.(); await p.ua?.stop().catch(() => {}); }
  await browser?.close().catch(() => {});
  await app?.close().catch((e) => { result.closeError = String(e); });
  await mongo?.stop().catch(() => {});
  const log = server?.log() ?? '';
  await server?.stop().catch(() => {});
  if (result.error) { result.log = log.split('\n').slice(-30).join('\n'); result.pageLog = pageLog.slice(-30); }
  rmSync(dataDir, { recursive: true, force: true });
  mark('done');
}
console.log(JSON.stringify(result));
process.exit(0);
