// Run by sip-console-conference.test.ts as `unshare -n node sip-console-conference-run.mjs`: a network namespace
// holding only loopback. Kamailio, the runtime with TELEPHONY=sip serving the built console, Debian's Chromium with
// agent 1's console (its sip.js softphone registered), and sip.js UAs with werift media: the caller and agent 2's
// phone (answers by itself). In the page agent 1 answers, consults agent 2 from the transfer dialog, makes it a
// conference, and hangs up: the caller stays with agent 2. Each phase is measured by what the caller and agent 2
// hear (agent 2 sends a constant byte; Chromium's fake microphone a beep, never one repeated byte). Prints one JSON line.
import { randomBytes } from 'node:crypto';
import { bye, callServiceQueue, consoleReady, launchChromium, phone, runInStage, signIn, sleep, startStage, until } from './sip-stage.mjs';

const CALLER = '13912345678';
const TONE = { caller: 0x22, agent2: 0x33 };
const secret = randomBytes(24).toString('base64url');

const pageLog = [];
await runInStage(async (run) => {
  const { result, mark } = run;
  const phones = run.phones;
  let browser;
  run.cleanup = async () => { await browser?.close().catch(() => {}); };
  run.extraLog = pageLog;
  const stage = run.stage = await startStage('sip-console-conference', secret, { serveApps: true });
  const { server, app } = stage;
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  mark('runtime');

  const a1 = await signIn(app, 'agent1', 'agent123');
  const a2 = await signIn(app, 'agent2', 'agent123');
  // Only agent 1 answers the service queue; agent 2 is reached by consulting.
  await app.db.collection('skill_groups').updateOne({ key: 'service' }, { $addToSet: { members: a1.user.id } });
  const agent2 = await phone(server, secret, a2.user.id, TONE.agent2, { autoAnswer: true });
  phones.push(agent2);
  await a2.api('PUT', '/api/telephony/state', { state: 'ready' });

  browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  page.on('console', (m) => { if (m.type() === 'error') pageLog.push(`${m.type()}: ${m.text()}`.slice(0, 300)); });
  page.on('pageerror', (e) => pageLog.push(`pageerror: ${e.message}`.slice(0, 300)));
  await consoleReady(page, baseUrl, 'agent1', 'agent123');
  mark('ready');

  // ---- The caller goes through the menu to the service queue; the page rings and agent 1 answers.
  const caller = await phone(server, secret, CALLER, TONE.caller);
  phones.push(caller);
  const callId = await callServiceQueue(app, server, caller);
  const calls = app.db.collection('calls');
  const call = () => calls.findOne({ _id: callId });
  await page.locator('[data-testid=call-panel][data-status=ringing]').waitFor({ timeout: 20_000 });
  await page.getByTestId('call-answer').click();
  await page.locator('[data-testid=call-panel][data-status=talking]').waitFor({ timeout: 20_000 });
  await until('audio both ways', 15_000, () => caller.heardOf('other') >= 12_000);
  mark('answered');

  /** What the caller and agent 2 hear during a window, after frames already in flight have arrived. */
  const snapshot = () => ({
    caller: { agent2: caller.heardOf(TONE.agent2), other: caller.heardOf('other') },
    agent2: { caller: agent2.heardOf(TONE.caller), other: agent2.heardOf('other') },
  });
  async function measure() {
    await sleep(500);
    const before = snapshot();
    await sleep(1500);
    const after = snapshot();
    return {
      caller: { agent2: after.caller.agent2 - before.caller.agent2, other: after.caller.other - before.caller.other },
      agent2: { caller: after.agent2.caller - before.agent2.caller, other: after.agent2.other - before.agent2.other },
    };
  }
  const phases = {};

  // ---- Consult agent 2 from the transfer dialog: the caller waits on hold, agent 2's phone answers.
  await page.getByTestId('call-transfer').click();
  await page.getByTestId('call-transfer-to-agent').check();
  await page.getByTestId('call-transfer-agent').selectOption(a2.user.id);
  await page.getByTestId('call-consult-submit').click();
  await page.locator('[data-testid=call-panel][data-consult=talking]').waitFor({ timeout: 20_000 });
  phases.consult = { ...(await measure()), consulting: ((await page.getByTestId('call-consulting').textContent()) ?? '').trim() };

  // ---- Conference: everyone hears the others.
  await page.getByTestId('call-conference').click();
  await until('conference on the record', 10_000, async () => (await call())?.conference === true);
  phases.conference = await measure();

  // ---- Agent 1 hangs up in the page: agent 2 keeps the caller; the page shows the hand-off, not an outcome form.
  await page.getByTestId('call-hangup').click();
  await until('agent 2 owns the call', 10_000, async () => (await call())?.agentId === a2.user.id);
  await page.getByTestId('handoff-panel').waitFor({ timeout: 10_000 });
  phases.afterLeave = {
    ...(await measure()),
    handoff: ((await page.getByTestId('handoff-panel').textContent()) ?? '').replace(/\s+/g, ' ').trim(),
    dispositionForms: await page.getByTestId('disposition-form').count(),
    callPanels: await page.getByTestId('call-panel').count(),
  };
  result.phases = phases;
  mark('phases');

  await bye(caller);
  const doc = await until('call ends', 10_000, async () => { const d = await call(); return d?.endAt ? d : null; });
  result.record = {
    agentId: doc.agentId === a2.user.id ? 'agent2' : doc.agentId,
    participants: (doc.participants ?? []).map((p) => `${p.agentId === a1.user.id ? 'agent1' : 'agent2'}:${p.role}:${p.left ?? '-'}`),
  };
});
