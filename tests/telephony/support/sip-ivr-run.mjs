// Run by sip-ivr.test.ts as `unshare -n node sip-ivr-run.mjs`: a network namespace holding only loopback.
// Starts Kamailio, the runtime with TELEPHONY=sip on an embedded database with the insurance template (clock
// set to business hours), whose SIP endpoint registers as `runtime`; then a customer's sip.js UA with werift
// media calls the entry number 4008001234, counts the greeting's audio, presses 1 (RFC 4733), then 2 by SIP INFO,
// and hangs up. Prints one JSON line with what happened.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bye, phone, runInStage, startStage, timeout, until } from './sip-stage.mjs';

const ENTRY = '4008001234';
const CALLER = '13912345678';
const TONE = { caller: 0x22 };
const secret = randomBytes(24).toString('base64url');

await runInStage(async (run) => {
  const { result, mark } = run;
  const stage = run.stage = await startStage('sip-ivr', secret, { mark });
  const { server, app, carrier } = stage;
  result.endpointRegistered = true;
  mark('runtime');

  // The customer: a sip.js UA with werift media, registered with its own ephemeral credentials.
  const caller = await phone(server, secret, CALLER, TONE.caller);
  run.phones.push(caller);
  const states = [];
  const inviter = await caller.call(`sip:${ENTRY}@${server.domain}`, [], {
    onState: (s) => states.push(s),
    requestDelegate: { onReject: (r) => { result.rejected = r.message.statusCode; } },
  });
  mark('established');
  const { media } = caller;
  await Promise.race([media.connected, timeout(10_000, 'media (ICE/DTLS)')]);
  mark('mediaConnected');

  const callsCol = app.db.collection('calls');
  const doc0 = await until('call record', 5000, () => callsCol.findOne({ to: ENTRY }));
  result.callRecord = { from: doc0.from, to: doc0.to, direction: doc0.direction };

  // One second of the greeting (8000 bytes of PCMU) before pressing a key.
  await until('greeting audio', 15_000, () => media.rxBytes >= 8000);
  mark('greetingHeard');
  const greetingBytes = media.rxBytes;
  const keysHeard = [];
  const sipCall = carrier.call(doc0._id);
  sipCall?.onDtmf((key, via) => keysHeard.push(`${key}:${via}`));
  await media.sendKey('1');
  mark('dtmfSent');
  const beforeMenu = media.rxBytes;

  // The flow takes the language node's port for 1 and moves on (lookup, then the main menu's prompt).
  const moved = await until('flow moves past the language node', 10_000, async () => {
    const doc = await callsCol.findOne({ _id: doc0._id });
    const trace = doc?.flowState?.trace ?? [];
    return trace.some((s) => s.node === 'main_menu' || s.type === 'queue') ? doc : null;
  });
  mark('flowMoved');
  // The menu's prompt is heard too.
  await until('menu audio', 10_000, () => media.rxBytes >= beforeMenu + 8000);
  mark('menuHeard');
  // The SIP INFO fallback: key 2 in the main menu (policy service) sends the caller to the service queue.
  const infoStatus = await Promise.race([new Promise((resolve) => inviter.info({
    requestDelegate: { onAccept: (r) => resolve(r.message.statusCode), onReject: (r) => resolve(r.message.statusCode) },
    requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: 'Signal=2\r\nDuration=160' } },
  })), timeout(5000, 'SIP INFO')]);
  result.infoStatus = infoStatus;
  await until('the call queues', 10_000, async () => {
    const doc = await callsCol.findOne({ _id: doc0._id });
    return (doc?.flowState?.trace ?? []).some((s) => s.node === 'service_queue') && doc.queue ? doc : null;
  });
  mark('queued');
  result.queue = (await callsCol.findOne({ _id: doc0._id })).queue;
  result.endpoint = { keysHeard, rxPackets: sipCall?.media?.rxPackets ?? 0, txPackets: sipCall?.media?.txPackets ?? 0 };

  await bye(caller);
  const ended = await until('call record ends', 5000, async () => {
    const doc = await callsCol.findOne({ _id: doc0._id });
    return doc?.endAt ? doc : null;
  });
  mark('ended');
  result.call = {
    states,
    greetingBytes,
    totalAudioBytes: media.rxBytes,
    audioPackets: caller.packets,
    language: moved.flowState.language,
    status: ended.status,
    hangupBy: ended.hangupBy ?? null,
    flowEnded: ended.flowState?.ended ?? false,
    endReason: ended.flowState?.endReason ?? null,
  };
  result.trace = (ended.flowState?.trace ?? []).map((s) => ({ node: s.node, type: s.type, ...(s.event ? { event: s.event } : {}), ...(s.port ? { port: s.port } : {}) }));
  result.ttsFiles = readdirSync(join(stage.dataDir, 'tts')).filter((f) => f.endsWith('.ulaw')).length;
});
