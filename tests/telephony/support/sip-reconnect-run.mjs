// Run by sip-reconnect.test.ts as `unshare -n node sip-reconnect-run.mjs`: a network namespace holding only
// loopback. The stage (Kamailio, the runtime with TELEPHONY=sip) comes up; Kamailio is stopped (its registrations
// are in memory only: a restarted Kamailio knows no one) and started again; the runtime's endpoint must reconnect
// and register again on its own, and a customer's call then reaches the IVR. GET /api/health is read at each step;
// the runtime's warn/info lines about its endpoint are collected. Prints one JSON line with what happened.
import { randomBytes } from 'node:crypto';
import { startKamailio } from '@telesales/telephony';
import { HOTLINE, phone, runInStage, sleep, startStage, timeout, until } from './sip-stage.mjs';

const CALLER = '13912345678';
const secret = randomBytes(24).toString('base64url');

await runInStage(async (run) => {
  const { result, mark } = run;
  const stage = run.stage = await startStage('sip-reconnect', secret, { mark });
  const { app } = stage;
  const logged = result.logged = [];
  for (const level of ['warn', 'info']) {
    const original = app.log[level].bind(app.log);
    app.log[level] = (data, message) => { if (/sip endpoint/i.test(String(message))) logged.push({ level, message }); return original(data, message); };
  }
  const health = async () => JSON.parse((await app.inject({ method: 'GET', url: '/api/health' })).body).telephony;
  result.before = await health();

  await stage.server.stop();
  mark('kamailioStopped');
  result.down = await until('health says not registered', 5000, async () => { const t = await health(); return t.registered ? null : t; });
  await sleep(3500); // a few retries fail while Kamailio is away
  result.stillDown = await health();

  stage.server = await startKamailio({ secret, wsPort: 8080, sipPort: 5060 });
  mark('kamailioStarted');
  result.up = await until('registered again', 40_000, async () => { const t = await health(); return t.registered ? t : null; });
  mark('registeredAgain');

  // A customer's call reaches the IVR again: answered, the greeting heard as audio.
  const caller = await phone(stage.server, secret, CALLER, 0x22);
  run.phones.push(caller);
  await caller.call(`sip:${HOTLINE}@${stage.server.domain}`, [], { requestDelegate: { onReject: (r) => { result.rejected = r.message.statusCode; } } });
  await Promise.race([caller.media.connected, timeout(10_000, 'media (ICE/DTLS)')]);
  const doc = await until('call record', 5000, () => app.db.collection('calls').findOne({ to: HOTLINE, from: CALLER }));
  await until('greeting audio', 15_000, () => caller.media.rxBytes >= 8000);
  mark('greetingHeard');
  result.call = { direction: doc.direction, greetingHeard: true };
});
