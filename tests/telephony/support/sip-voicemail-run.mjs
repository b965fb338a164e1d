// Run by sip-voicemail.test.ts as `unshare -n node sip-voicemail-run.mjs`: a network namespace holding only loopback.
// Kamailio, the runtime with TELEPHONY=sip and a small published flow: a voicemail node (5 s at most, the file in
// the variable `message`), then "thank you" and hang-up. Three callers (sip.js + werift, each sending its own
// constant byte) leave messages: one ends it with #, one hangs up, one lets the maximum run out. Prints one JSON line.
import { randomBytes, randomUUID } from 'node:crypto';
import { bye, phone, runInStage, signIn, sleep, startStage, until } from './sip-stage.mjs';

const ENTRY = '4008005555';
const secret = randomBytes(24).toString('base64url');
const at = { x: 0, y: 0 };
const FLOW = {
  kind: 'flow', schemaVersion: 1, id: randomUUID(), key: 'message_line', label: { zh: '留言', en: 'Message line' },
  languages: ['en'], defaultLanguage: 'en', start: 'entry',
  nodes: [
    { id: 'entry', type: 'entry', position: at, config: { numbers: [ENTRY] }, next: [{ port: 'next', to: 'vm' }] },
    { id: 'vm', type: 'voicemail', position: at, config: { prompt: { text: { en: 'Leave a message.' } }, maxSec: 5, variable: 'message' }, next: [{ port: 'next', to: 'thanks' }] },
    { id: 'thanks', type: 'play', position: at, config: { prompt: { text: { en: 'Thanks.' } }, bargeIn: false }, next: [{ port: 'next', to: 'bye' }] },
    { id: 'bye', type: 'hangup', position: at, config: {}, next: [] },
  ],
};

await runInStage(async (run) => {
  const { result, mark } = run;
  const phones = run.phones;
  const stage = run.stage = await startStage('sip-voicemail', secret);
  const { server, app } = stage;
  const admin = await signIn(app, 'admin', 'admin123');
  const created = await admin.api('POST', '/api/definitions', FLOW);
  const published = await admin.api('POST', '/api/definitions/flow/message_line/publish', { message: 'test' });
  if (created.status !== 201 || published.status !== 200) throw new Error(`flow: ${JSON.stringify(created.body)} ${JSON.stringify(published.body)}`);
  mark('published');
  const calls = app.db.collection('calls');

  /** A caller reaches the recording (after the prompt and the beep); returns the call id. */
  async function leaveMessage(number, tone) {
    const caller = await phone(server, secret, number, tone);
    phones.push(caller);
    await caller.call(`sip:${ENTRY}@${server.domain}`);
    const { _id } = await until(`${number}: call record`, 5000, () => calls.findOne({ from: number }));
    await until(`${number}: recording`, 15_000, async () => (await calls.findOne({ _id }))?.flowState?.waiting?.phase === 'recording');
    return { caller, callId: _id };
  }
  /** What the call record and the recording route say of the message. */
  async function message(callId, tone) {
    const doc = await calls.findOne({ _id: callId });
    const file = await admin.api('GET', `/api/calls/${callId}/recording`);
    const wav = Buffer.isBuffer(file.body) ? file.body : Buffer.alloc(0);
    const data = wav.subarray(58);
    return {
      file: doc.recording?.file ?? null, seconds: doc.voicemailSec ?? null, status: file.status,
      channels: wav.length > 24 ? wav.readUInt16LE(22) : null, format: wav.length > 22 ? wav.readUInt16LE(20) : null,
      callerBytes: data.filter((b) => b === tone).length, bytes: data.length,
      variable: doc.flowState?.vars?.message ?? null,
      thanked: (doc.flowState?.trace ?? []).some((s) => s.node === 'thanks'), hangupBy: doc.hangupBy ?? null,
    };
  }

  // ---- 1. # ends the message; the flow goes on (thanks, hang-up). 3. Silence until the maximum (5 s), alongside.
  const [hash, full] = await Promise.all([leaveMessage('13900000001', 0x21), leaveMessage('13900000003', 0x23)]);
  await sleep(1500);
  await hash.caller.media.sendKey('#');
  await until('message 1 stored and thanked', 15_000, async () => { const d = await calls.findOne({ _id: hash.callId }); return d?.endAt && d.recording; });
  await until('message 3 stored at the maximum', 15_000, async () => { const d = await calls.findOne({ _id: full.callId }); return d?.endAt && d.recording; });
  result.byKey = await message(hash.callId, 0x21);
  result.byMax = await message(full.callId, 0x23);
  mark('keyAndMax');

  // ---- 2. The caller hangs up while recording: the message is kept, the flow is not resumed.
  const gone = await leaveMessage('13900000002', 0x22);
  await sleep(1500);
  await bye(gone.caller);
  await until('message 2 stored', 10_000, async () => { const d = await calls.findOne({ _id: gone.callId }); return d?.endAt && d.recording; });
  result.byHangup = await message(gone.callId, 0x22);
  mark('hangup');
});
