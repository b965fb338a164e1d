// Run by sip-audio.test.ts as `unshare -n node sip-audio-run.mjs`: a network namespace holding only loopback.
// Kamailio, the runtime with TELEPHONY=sip, and sip.js UAs with werift media. The admin uploads two WAV files of
// one constant level each (so every 20 ms frame of them is one repeated mu-law byte the caller can recognise):
// a greeting and hold music. A small published flow plays the greeting, then queues the caller in `service`
// with that hold music and position announcements while nobody is ready; a second caller queues behind. Then
// agent1 gets ready and answers one of them: its hold music stops, the other caller's goes on. Prints one JSON line with what each side heard in each phase.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { renderSpeech } from '@telesales/telephony/endpoint/index';
import { bye, phone, runInStage, signIn, sleep, startStage, until } from './sip-stage.mjs';

const ENTRY = '4008005678';
const CALLER = '13912345679';
const SECOND = '13912345680';
const TONE = { caller: 0x22, agent: 0x11 };
const secret = randomBytes(24).toString('base64url');

/** `seconds` of one constant 16-bit level at 8 kHz mono, as a PCM WAV (what any editor exports). */
function levelWav(seconds, level) {
  const n = Math.round(seconds * 8000);
  const data = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) data.writeInt16LE(level, i * 2);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii'); head.writeUInt32LE(36 + data.length, 4); head.write('WAVEfmt ', 8, 'ascii');
  head.writeUInt32LE(16, 16); head.writeUInt16LE(1, 20); head.writeUInt16LE(1, 22); head.writeUInt32LE(8000, 24);
  head.writeUInt32LE(16000, 28); head.writeUInt16LE(2, 32); head.writeUInt16LE(16, 34); head.write('data', 36, 'ascii');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

/** Uploads through the API as the browser does (multipart), signed in as `login`. */
async function upload(app, cookie, csrf, name, content) {
  const boundary = `----t${randomUUID().replace(/-/g, '')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: audio/wav\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const r = await app.inject({ method: 'POST', url: '/api/audio-prompts', payload, headers: { cookie, 'x-csrf-token': csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  if (r.statusCode !== 201) throw new Error(`upload ${name}: ${r.statusCode} ${r.body}`);
  return JSON.parse(r.body);
}

/** The first byte of a frame of the converted file: what the caller's phone counts it under. */
async function byteOf(app, cookie, id) {
  const r = await app.inject({ method: 'GET', url: `/api/audio-prompts/${id}/audio`, headers: { cookie } });
  return r.rawPayload[r.rawPayload.length - 1];
}

const at = { x: 0, y: 0 };
const flow = (greeting, music) => ({
  kind: 'flow', schemaVersion: 1, id: randomUUID(), key: 'audio_line', label: { zh: '录音', en: 'Audio line' },
  languages: ['en'], defaultLanguage: 'en', start: 'entry',
  nodes: [
    { id: 'entry', type: 'entry', position: at, config: { numbers: [ENTRY] }, next: [{ port: 'next', to: 'hello' }] },
    { id: 'hello', type: 'play', position: at, config: { prompt: { audio: { en: greeting }, text: { en: 'Welcome to the audio line.' } }, bargeIn: true }, next: [{ port: 'next', to: 'wait' }] },
    {
      id: 'wait', type: 'queue', position: at, config: { skillGroup: 'service', maxWaitSec: 120, announcePositionSec: 10, holdMusic: music },
      next: [{ port: 'answered', to: 'bye' }, { port: 'overflow', to: 'bye' }],
    },
    { id: 'bye', type: 'hangup', position: at, config: {}, next: [] },
  ],
});

await runInStage(async (run) => {
  const { result, mark } = run;
  const phones = run.phones;
  const stage = run.stage = await startStage('sip-audio', secret);
  const { server, app } = stage;
  mark('runtime');

  // ---- The admin uploads the greeting and the hold music and publishes the flow.
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'admin', password: 'admin123' } });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const csrf = JSON.parse(login.body).csrfToken;
  const greeting = await upload(app, cookie, csrf, 'greeting.wav', levelWav(2, 6000));
  const music = await upload(app, cookie, csrf, 'music.wav', levelWav(1, -3000));
  const bytes = { greeting: await byteOf(app, cookie, greeting.id), music: await byteOf(app, cookie, music.id) };
  result.bytes = bytes;
  const { api: adminApi } = await signIn(app, 'admin', 'admin123');
  const created = await adminApi('POST', '/api/definitions', flow(greeting.id, music.id));
  const published = await adminApi('POST', '/api/definitions/flow/audio_line/publish', { message: 'test' });
  if (created.status !== 201 || published.status !== 200) throw new Error(`flow: ${JSON.stringify(created.body)} ${JSON.stringify(published.body)}`);
  mark('published');

  // agent1 is in the service group, registered, but not ready: the caller waits.
  const { api, user } = await signIn(app, 'agent1', 'agent123');
  await app.db.collection('skill_groups').updateOne({ key: 'service' }, { $addToSet: { members: user.id } });
  const agent = await phone(server, secret, user.id, TONE.agent, { autoAnswer: true });
  phones.push(agent);

  // ---- The greeting: the uploaded file's byte, about 2 s of it.
  const caller = await phone(server, secret, CALLER, TONE.caller);
  phones.push(caller);
  await caller.call(`sip:${ENTRY}@${server.domain}`);
  const calls = app.db.collection('calls');
  const { _id: callId } = await until('call record', 5000, () => calls.findOne({ to: ENTRY }));
  await until('queued', 15_000, async () => (await calls.findOne({ _id: callId }))?.queuedAt);
  result.greeting = { heardGreeting: caller.heardOf(bytes.greeting), heardMusic: caller.heardOf(bytes.music), heardOther: caller.heardOf('other') };
  mark('queued');

  // ---- Waiting: hold music, then (2 s in) the position announcement (speech: frames of mixed bytes).
  const ttsDir = process.env.TTS_CACHE_DIR;
  const ttsBefore = new Set(existsSync(ttsDir) ? readdirSync(ttsDir) : []);
  const music0 = caller.heardOf(bytes.music);
  const other0 = caller.heardOf('other');
  await until('announcement', 15_000, () => caller.heardOf('other') - other0 >= 4000);
  const announced = Date.now();
  await until('music after the announcement', 15_000, () => caller.heardOf(bytes.music) - music0 >= 8000 && Date.now() - announced > 3000);
  // A key (the greeting allowed interrupting it) does not silence the hold music for the rest of the wait.
  await caller.media.sendKey('5');
  await sleep(300);
  const afterKey = caller.heardOf(bytes.music);
  await sleep(1500);
  result.afterKey = { heardMusic: caller.heardOf(bytes.music) - afterKey };
  const expected = await renderSpeech('You are number 1 in the queue. Please hold.', 'en-us', { cacheDir: ttsDir });
  result.waiting = {
    heardMusic: caller.heardOf(bytes.music) - music0,
    heardOther: caller.heardOf('other') - other0,
    heardGreeting: caller.heardOf(bytes.greeting) - result.greeting.heardGreeting,
    announcementRendered: !ttsBefore.has(expected.split('/').pop()) && readdirSync(ttsDir).includes(expected.split('/').pop()),
    status: (await calls.findOne({ _id: callId })).status,
  };
  mark('waited');

  // ---- A second caller queues behind the first: their announcement says number 2. The greeting's file is gone
  // from the disk meanwhile: they hear its text through text-to-speech instead.
  rmSync(join(stage.dataDir, 'prompts', `${greeting.id}.wav`));
  const second = await phone(server, secret, SECOND, TONE.caller);
  phones.push(second);
  await second.call(`sip:${ENTRY}@${server.domain}`);
  const { _id: secondId } = await until('second call record', 5000, () => calls.findOne({ to: ENTRY, _id: { $ne: callId } }));
  await until('second queued', 15_000, async () => (await calls.findOne({ _id: secondId }))?.queuedAt);
  const secondOther = second.heardOf('other');
  const secondGreeting = { heardGreeting: second.heardOf(bytes.greeting), heardOther: secondOther };
  await until('second announcement', 15_000, () => second.heardOf('other') - secondOther >= 4000);
  const two = (await renderSpeech('You are number 2 in the queue. Please hold.', 'en-us', { cacheDir: ttsDir })).split('/').pop();
  result.second = { greeting: secondGreeting, announcementRendered: !ttsBefore.has(two) && readdirSync(ttsDir).includes(two) };
  mark('second');

  // ---- agent1 gets ready: one of the calls is offered, answered, bridged (the queue offers them one by one, in
  // no promised order). Its hold music stops, it hears the agent; the other caller's hold music goes on.
  const ready = await api('PUT', '/api/telephony/state', { state: 'ready' });
  if (ready.status !== 200) throw new Error(`agent state: ${JSON.stringify(ready.body)}`);
  const talking = await until('a call is talking', 20_000, () => calls.findOne({ _id: { $in: [callId, secondId] }, status: 'talking' }));
  const [heard, waiting] = talking._id === callId ? [caller, second] : [second, caller];
  await until('agent audio', 10_000, () => heard.heardOf(TONE.agent) >= 1600);
  await sleep(400);
  const before = { music: heard.heardOf(bytes.music), agent: heard.heardOf(TONE.agent), other: heard.heardOf('other'), waiting: waiting.heardOf(bytes.music) };
  await sleep(2000);
  result.bridged = {
    heardMusic: heard.heardOf(bytes.music) - before.music,
    heardAgent: heard.heardOf(TONE.agent) - before.agent,
    heardOther: heard.heardOf('other') - before.other,
    otherCallerHeardMusic: waiting.heardOf(bytes.music) - before.waiting,
  };
  mark('bridged');
  await bye(caller);
  await bye(second);
  await until('calls end', 10_000, async () => (await calls.countDocuments({ _id: { $in: [callId, secondId] }, endAt: { $ne: null } })) === 2);
  mark('ended');
});
