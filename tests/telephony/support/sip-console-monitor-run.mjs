// Run by sip-console-monitor.test.ts as `unshare -n node sip-console-monitor-run.mjs`: a network namespace holding only
// loopback. Kamailio, the runtime with TELEPHONY=sip serving the built console, Debian's Chromium with the supervisor's
// console (lead: its sip.js softphone registered), and sip.js UAs with werift media: the caller and agent 1's phone
// (answers by itself), each sending its own constant byte. The caller reaches the service queue, agent 1 answers; on
// the Live monitoring page the supervisor clicks Listen, Whisper, Barge in, Leave on agent 1's tile. The page's
// softphone answers the runtime's INVITE by itself: what it receives is read from its peer connection's statistics
// (packets and audio energy), what the caller and the agent hear of the page (Chromium's fake microphone: a beep,
// never one repeated byte, so "other") from their phones. Prints one JSON line.
import { randomBytes } from 'node:crypto';
import { callServiceQueue, consoleReady, launchChromium, phone, runInStage, signIn, sleep, startStage, until } from './sip-stage.mjs';

const CALLER = '13912345678';
const TONE = { caller: 0x22, agent: 0x11 };
const secret = randomBytes(24).toString('base64url');

const pageLog = [];
await runInStage(async (run) => {
  const { result, mark } = run;
  let browser;
  run.cleanup = async () => { await browser?.close().catch(() => {}); };
  run.extraLog = pageLog;
  const stage = run.stage = await startStage('sip-console-monitor', secret, { serveApps: true });
  const { server, app } = stage;
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  mark('runtime');

  const a1 = await signIn(app, 'agent1', 'agent123');
  // Only agent 1 answers the service queue (the supervisor is a member of it in the template).
  await app.db.collection('skill_groups').updateOne({ key: 'service' }, { $set: { members: [a1.user.id] } });
  const agent = await phone(server, secret, a1.user.id, TONE.agent, { autoAnswer: true });
  run.phones.push(agent);
  await a1.api('PUT', '/api/telephony/state', { state: 'ready' });

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  // Keeps the page's peer connections reachable, to read what the softphone receives.
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    window.__pcs = [];
    window.RTCPeerConnection = function (...args) { const pc = new Native(...args); window.__pcs.push(pc); return pc; };
    window.RTCPeerConnection.prototype = Native.prototype;
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') pageLog.push(`${m.type()}: ${m.text()}`.slice(0, 300)); });
  page.on('pageerror', (e) => pageLog.push(`pageerror: ${e.message}`.slice(0, 300)));
  await consoleReady(page, baseUrl, 'lead', 'lead123');
  await page.getByTestId('nav-monitoring').click();
  await page.getByTestId('monitoring-page').waitFor();
  mark('ready');

  const caller = await phone(server, secret, CALLER, TONE.caller);
  run.phones.push(caller);
  const callId = await callServiceQueue(app, server, caller);
  const call = () => app.db.collection('calls').findOne({ _id: callId });
  await until('agent 1 talking', 20_000, async () => (await call())?.status === 'talking');
  await until('audio both ways', 15_000, () => caller.heardOf(TONE.agent) >= 4000 && agent.heardOf(TONE.caller) >= 4000);
  const tile = page.locator(`[data-testid=wb-agent][data-agent="${a1.user.id}"]`);
  await tile.getByTestId('wb-listen').waitFor({ timeout: 10_000 });
  mark('talking');

  /** What the page's softphone received so far: RTP packets and audio energy over its connected peer connections. */
  const pageHeard = () => page.evaluate(async () => {
    let packets = 0;
    let energy = 0;
    for (const pc of window.__pcs) {
      if (pc.connectionState !== 'connected') continue;
      for (const s of (await pc.getStats()).values()) {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') { packets += s.packetsReceived ?? 0; energy += s.totalAudioEnergy ?? 0; }
      }
    }
    return { packets, energy };
  });
  const snapshot = async () => ({
    caller: { agent: caller.heardOf(TONE.agent), other: caller.heardOf('other') },
    agent: { caller: agent.heardOf(TONE.caller), other: agent.heardOf('other') },
    page: await pageHeard(),
  });
  async function measure() {
    await sleep(700);
    const before = await snapshot();
    await sleep(1500);
    const after = await snapshot();
    const diff = (side) => Object.fromEntries(Object.keys(after[side]).map((k) => [k, after[side][k] - before[side][k]]));
    return { caller: diff('caller'), agent: diff('agent'), page: diff('page') };
  }
  const phases = {};
  const click = async (mode) => {
    await tile.getByTestId(`wb-${mode}`).click();
    await tile.locator(`[data-testid=wb-${mode}][aria-pressed=true]`).waitFor({ timeout: 10_000 });
  };

  await click('listen');
  await until('the page receives the call', 15_000, async () => (await pageHeard()).packets > 50);
  phases.listen = await measure();
  await click('whisper');
  phases.whisper = await measure();
  await click('barge');
  phases.barge = await measure();
  await tile.getByTestId('wb-stop').click();
  await tile.getByTestId('wb-my-mode').waitFor({ state: 'detached', timeout: 10_000 });
  await until('the page\'s monitor leg closed', 10_000, async () => (await page.evaluate(() => window.__pcs.filter((pc) => pc.connectionState === 'connected').length)) === 0);
  phases.left = await measure();
  result.phases = phases;
  result.monitors = ((await call()).monitors ?? []).map((m) => `${m.mode}:${m.to ? 'closed' : 'open'}`);
  result.phoneBar = await page.locator('[data-testid=call-panel]').count();
  mark('phases');
});
