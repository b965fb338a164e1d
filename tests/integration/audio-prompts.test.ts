// Uploaded audio prompts: an admin uploads any audio sox reads, the runtime keeps it as 8 kHz mono mu-law WAV
// (what the SIP endpoint plays), lists, serves and deletes it; bad files are refused with a sentence in the
// reader's language; agents get 403; a flow naming an audio id nobody uploaded does not publish, and an audio
// prompt a published flow plays cannot be deleted.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { englishAdmin } from './definitions-support.js';
import { readWav, toneWav } from './audio-support.js';

const hasSox = spawnSync('sox', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasSox) console.warn('Skipping the audio prompt tests: sox is not installed (apt-get install sox)');

const dataDir = mkdtempSync(join(tmpdir(), 'audio-prompts-'));
let rt: RuntimeFixture;
let designer: ApiClient;
let agent1: ApiClient;
let admin: Uploader;
let agent: Uploader;

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  rt = await startRuntime();
  designer = await englishAdmin(rt, await rt.login('admin'));
  agent1 = await rt.login('agent1');
  [admin, agent] = await Promise.all([uploader(rt.app, 'admin'), uploader(rt.app, 'agent1')]);
});
afterAll(async () => {
  await rt?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const at = { x: 0, y: 0 };
/** entry -> play (the given prompt) -> hangup. */
function playFlow(key: string, prompt: unknown): any {
  return {
    kind: 'flow', schemaVersion: 1, id: randomUUID(), key, label: { zh: key, en: key }, languages: ['zh', 'en'], defaultLanguage: 'zh', start: 'entry',
    nodes: [
      { id: 'entry', type: 'entry', position: at, config: { numbers: [] }, next: [{ port: 'next', to: 'hello' }] },
      { id: 'hello', type: 'play', position: at, config: { prompt }, next: [{ port: 'next', to: 'bye' }] },
      { id: 'bye', type: 'hangup', position: at, config: {}, next: [] },
    ],
  };
}

describe.skipIf(!hasSox)('audio prompts', () => {
  let toneId: string;

  it('converts a 44.1 kHz stereo WAV to 8 kHz mono mu-law, once, and serves it', async () => {
    const res = await admin.upload('/api/audio-prompts', { name: 'welcome tone.wav', content: toneWav(1.5, 440, 44100, 2), type: 'audio/wav' });
    expect(res.status).toBe(201);
    toneId = res.body.id;
    expect(res.body).toMatchObject({ name: 'welcome tone', durationSec: 1.5, uploadedBy: { name: '管理员 Admin' } });
    expect(existsSync(join(dataDir, 'prompts', `${toneId}.wav`))).toBe(true);

    const file = await admin.download(`/api/audio-prompts/${toneId}/audio`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('audio/wav');
    const wav = readWav(file.body);
    expect(wav).toMatchObject({ format: 7, channels: 1, rate: 8000, bits: 8 });
    expect(wav.data.length).toBe(12_000);
    expect(res.body.bytes).toBe(file.body.length);
  });

  it('reads MP3 too (what most hold music comes as)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp3-'));
    writeFileSync(join(dir, 'in.wav'), toneWav(2, 440, 44100, 2));
    const made = spawnSync('sox', [join(dir, 'in.wav'), join(dir, 'music.mp3')]);
    expect(made.status, String(made.stderr)).toBe(0);
    const res = await admin.upload('/api/audio-prompts', { name: 'music.mp3', content: readFileSync(join(dir, 'music.mp3')), type: 'audio/mpeg' });
    rmSync(dir, { recursive: true, force: true });
    expect(res.status).toBe(201);
    expect(res.body.durationSec).toBeGreaterThanOrEqual(2);
    expect(res.body.durationSec).toBeLessThan(2.2); // the encoder pads a frame or so
    const wav = readWav((await admin.download(`/api/audio-prompts/${res.body.id}/audio`)).body);
    expect(wav).toMatchObject({ format: 7, channels: 1, rate: 8000, bits: 8 });
    expect((await designer.delete(`/api/audio-prompts/${res.body.id}`)).status).toBe(204);
  });

  it('a constant level stays one mu-law byte (no dither): what the SIP test listens for', async () => {
    const res = await admin.upload('/api/audio-prompts', { name: 'level.wav', content: toneWav(0.5, 0, 8000, 1, 6000) });
    expect(res.status).toBe(201);
    const { data } = readWav((await admin.download(`/api/audio-prompts/${res.body.id}/audio`)).body);
    expect(data.length).toBe(4000);
    expect(new Set(data).size).toBe(1);
    expect([0xff, 0x7f]).not.toContain(data[0]);
  });

  it('refuses what is not audio, too long or too big, in the reader\'s language', async () => {
    const text = await admin.upload('/api/audio-prompts', { name: 'notes.wav', content: 'these are not samples' });
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ code: 'not_audio', message: 'The file is not audio we can read: upload a WAV, MP3, OGG or FLAC file' });
    const zh = await admin.upload('/api/audio-prompts', { name: 'notes.txt', content: 'these are not samples' }, 'zh');
    expect(zh.body).toMatchObject({ code: 'not_audio', message: '无法识别为音频：请上传 WAV、MP3、OGG 或 FLAC 文件' });

    // 10 minutes and a second of 8 kHz 16-bit mono: 9.6 MB, under the size limit, over the length limit.
    const long = await admin.upload('/api/audio-prompts', { name: 'long.wav', content: toneWav(601, 0, 8000, 1, 0) });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'audio_too_long', message: 'The recording is too long: at most 10 minutes' });

    const big = await admin.upload('/api/audio-prompts', { name: 'big.wav', content: Buffer.alloc(20 * 1024 * 1024 + 1) }, 'zh');
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'audio_too_big', message: '文件太大：最大 20 MB' });

    const list = await designer.get('/api/audio-prompts');
    expect(list.body.map((p: any) => p.name).sort()).toEqual(['level', 'welcome tone']);
  });

  it('agents may not list, upload, hear or delete audio prompts', async () => {
    const up = await agent.upload('/api/audio-prompts', { name: 'x.wav', content: toneWav(0.2, 440, 8000) });
    expect(up.status).toBe(403);
    expect(up.body).toMatchObject({ code: 'forbidden', message: 'Only people who manage definitions may manage audio prompts' });
    expect((await agent1.get('/api/audio-prompts')).status).toBe(403);
    expect((await agent.download(`/api/audio-prompts/${toneId}/audio`)).status).toBe(403);
    expect((await agent1.delete(`/api/audio-prompts/${toneId}`)).status).toBe(403);
    expect((await rt.anonymous().get('/api/audio-prompts')).status).toBe(401);
  });

  it('a flow playing an audio id nobody uploaded does not publish; with the uploaded id it does', async () => {
    const bad = playFlow('audio_ghost', { audio: { zh: toneId, en: 'ghost-audio' } });
    expect((await designer.post('/api/definitions', bad)).status).toBe(201);
    const refused = await designer.post('/api/definitions/flow/audio_ghost/publish', { message: 'test' });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.errors).toEqual([
      { path: '/nodes/1/config/prompt/audio/en', code: 'unknown_audio', message: 'There is no uploaded audio prompt "ghost-audio" (upload it first)' },
    ]);

    const good = playFlow('audio_ok', { audio: { zh: toneId, en: toneId } });
    expect((await designer.post('/api/definitions', good)).status).toBe(201);
    const published = await designer.post('/api/definitions/flow/audio_ok/publish', { message: 'test' });
    expect(published.status, published.text).toBe(200);
  });

  it('an audio prompt a published flow plays is not deleted; an unused one is, with its file', async () => {
    const used = await designer.delete(`/api/audio-prompts/${toneId}`);
    expect(used.status).toBe(409);
    expect(used.body).toMatchObject({ code: 'audio_in_use', message: 'The audio prompt is used by published flows: audio_ok', flows: ['audio_ok'] });

    const level = (await designer.get('/api/audio-prompts')).body.find((p: any) => p.name === 'level');
    expect((await designer.delete(`/api/audio-prompts/${level.id}`)).status).toBe(204);
    expect((await designer.get(`/api/audio-prompts/${level.id}`)).status).toBe(404);
    expect(existsSync(join(dataDir, 'prompts', `${level.id}.wav`))).toBe(false);
    expect((await designer.delete(`/api/audio-prompts/${level.id}`)).status).toBe(404);
  });
});
