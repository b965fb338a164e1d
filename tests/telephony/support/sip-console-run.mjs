// Run by sip-console.test.ts as `unshare -n node sip-console-run.mjs`: a network namespace holding only loopback.
// Kamailio, the runtime with TELEPHONY=sip serving the built console on 127.0.0.1, Debian's Chromium with agent 1's
// console signed in (its sip.js softphone registers with the credentials the runtime issues), and sip.js UAs for the
// customers: one calls the entry number (inbound, werift), one is rung by click-to-call (plain RTP, as a trunk's line). The page's
// RTCPeerConnections are kept by an init script so their getStats() tell whether audio arrived. Prints one JSON line.
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SessionState } from 'sip.js';
import { bye, consoleReady, launchChromium, phone, runInStage, signIn, sleep, startStage, until } from './sip-stage.mjs';

const ENTRY = '4008001234';
const TONE = { caller: 0x22, customer: 0x33 };
const secret = randomBytes(24).toString('base64url');
/** Every RTP payload byte a phone heard (its own tone excepted: a phone never hears itself). */
const heardTotal = (p) => [...p.heard.values()].reduce((sum, n) => sum + n, 0);

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

const pageLog = [];
await runInStage(async (run) => {
  const { result, mark } = run;
  const phones = run.phones;
  let browser;
  run.cleanup = async () => {
    await browser?.close().catch(() => {});
    if (result.error) result.pageLog = pageLog.slice(-30);
  };
  const stage = run.stage = await startStage('sip-console', secret, { serveApps: true });
  const { server, app, dataDir } = stage;
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  mark('runtime');

  const admin = await signIn(app, 'admin', 'admin123');
  const asAdmin = (url) => admin.api('GET', url);

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

  browser = await launchChromium();
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

  await consoleReady(page, baseUrl, 'agent1', 'agent123', { mark });
  mark('ready');
  /** The agent hangs up in the page and records "interested" (with `note`) in the wrap-up form. */
  async function hangUpAsInterested(note) {
    await page.getByTestId('call-hangup').click();
    const form = page.getByTestId('wrapup-panel').getByTestId('disposition-form');
    await form.waitFor({ timeout: 20_000 });
    await form.getByTestId('disposition-interested').check();
    if (note) await form.getByTestId('disposition-note').fill(note);
    await form.getByTestId('disposition-submit').click();
    await page.getByTestId('wrapup-panel').waitFor({ state: 'detached', timeout: 10_000 });
  }

  // ---- 1. Inbound: the customer (agent 1's, known by their number) calls the entry number and hears the greeting.
  const caller = await phone(server, secret, callerDigits, TONE.caller);
  phones.push(caller);
  await caller.call(`sip:${ENTRY}@${server.domain}`);
  await until('caller media', 10_000, () => caller.media?.isConnected);
  const calls = app.db.collection('calls');
  const doc0 = await until('call record', 5000, () => calls.findOne({ to: ENTRY }));
  const callId = doc0._id;
  await until('greeting audio', 15_000, () => caller.heardOf('other') >= 4000);
  const inbound = { greetingBytes: caller.heardOf('other') };
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
  const callerBefore = heardTotal(caller);
  const pageStats = await until('audio in the page', 15_000, async () => {
    const s = await page.evaluate(() => window.__audioStats());
    return s && s.bytesReceived > 0 ? s : null;
  });
  await until('agent audio at the caller', 15_000, () => heardTotal(caller) - callerBefore >= 4000);
  await sleep(1000);
  inbound.page = await page.evaluate(() => window.__audioStats());
  inbound.pageFirst = pageStats;
  inbound.callerHeardAgent = heardTotal(caller) - callerBefore;
  inbound.statusTalking = (await calls.findOne({ _id: callId }))?.status;
  mark('bridged');

  // The agent hangs up in the page and records the outcome.
  await hangUpAsInterested('Wants a quote for the family plan');
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
  const customer = await phone(server, secret, calleeDigits, TONE.customer, { autoAnswer: true, answerDelay: 1000, plainRtp: true });
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
  await until('agent audio at the customer', 15_000, () => heardTotal(customer) >= 4000);
  await sleep(1000);
  out.page = await page.evaluate((i) => window.__audioStats(i), pcIndex);
  out.customerHeardAgent = heardTotal(customer);
  out.statusTalking = (await calls.findOne({ _id: outCallId }))?.status;
  mark('c2cBridged');
  await hangUpAsInterested();
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
});
