// Attack: an agent lists, plays, replaces or deletes the audio prompts callers hear. Prompts belong to flow
// design: only people who manage definitions reach them (agents hear them on the phone, never need the API).
// The answer is 403 whatever the id, so it says nothing about which prompts exist.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader } from '../support/multipart.js';

const dataDir = mkdtempSync(join(tmpdir(), 'agent-audio-'));
const ID = 'welcome-prompt';
const file = join(dataDir, 'prompts', `${ID}.wav`);

let fx: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  fx = await startRuntime();
  [admin, agent1] = await Promise.all([fx.login('admin'), fx.login('agent1')]);
  mkdirSync(join(dataDir, 'prompts'), { recursive: true });
  writeFileSync(file, Buffer.from('RIFF....WAVE welcome'));
  await fx.app.db.collection('audio_prompts').insertOne({
    _id: ID as never, name: 'welcome', durationSec: 1, bytes: 20, uploadedBy: { id: admin.userId, name: 'admin' }, at: new Date(),
  });
});
afterAll(async () => {
  await fx?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('audio prompts, asked by an agent', () => {
  it('an agent may not list, read, play or delete a prompt, nor a prompt that does not exist: 403 alike', async () => {
    for (const id of [ID, 'no-such-prompt']) {
      for (const [method, path] of [['GET', `/api/audio-prompts/${id}`], ['GET', `/api/audio-prompts/${id}/audio`], ['DELETE', `/api/audio-prompts/${id}`]] as const) {
        const res = await agent1.request(method, path);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.text).not.toContain('welcome');
      }
    }
    expect((await agent1.get('/api/audio-prompts')).status).toBe(403);
    expect(existsSync(file)).toBe(true);
    expect(await fx.app.db.collection('audio_prompts').countDocuments()).toBe(1);
  });

  it('an agent may not upload one: 403, nothing stored', async () => {
    const res = await (await uploader(fx.app, 'agent1')).upload('/api/audio-prompts', { name: 'x.wav', content: Buffer.from('RIFF') });
    expect(res.status).toBe(403);
    expect(await fx.app.db.collection('audio_prompts').countDocuments()).toBe(1);
  });

  it('the admin still reads and plays it', async () => {
    expect((await admin.get(`/api/audio-prompts/${ID}`)).body).toMatchObject({ id: ID, name: 'welcome' });
    expect((await admin.get(`/api/audio-prompts/${ID}/audio`)).text).toBe('RIFF....WAVE welcome');
  });
});
