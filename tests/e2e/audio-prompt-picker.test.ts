import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { toneWav } from '../integration/audio-support.js';
import { FlowDesignerPage } from './pages/flow-designer-page.js';
import { pageApi } from './support/page-api.js';
import { useAdminInBuilder } from './support/session.js';

/**
 * A prompt can be a recording instead of text-to-speech: in a play node's prompt the admin uploads a WAV in
 * place, sees it chosen by name and length, hears it, and publishes a flow whose prompt is that recording
 * alone. A file that is not audio is refused with the server's sentence, in the UI language, and nothing is
 * chosen.
 */
const hasSox = spawnSync('sox', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasSox) console.warn('Skipping the audio prompt picker test: sox is not installed (apt-get install sox)');

describe.skipIf(!hasSox)('the audio prompt picker', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-audio-'));
  const previousDataDir = process.env.DATA_DIR;
  const admin = useAdminInBuilder({
    beforeStart: () => { process.env.DATA_DIR = dataDir; }, // uploaded prompts land here, not in the tree's .data
    afterClose: () => {
      if (previousDataDir === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = previousDataDir;
      rmSync(dataDir, { recursive: true, force: true });
    },
    // An English browser: the admin's own stored locale is zh, so English messages come from the UI language.
    page: { locale: 'en-US' },
  });

  /** Chooses a file through the picker's Upload button; resolves with the upload's answer. */
  async function upload(picker: Locator, file: { name: string; mimeType: string; buffer: Buffer }) {
    const { page } = admin;
    const chooser = page.waitForEvent('filechooser');
    await picker.getByRole('button', { name: /upload|上传/i }).click();
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/audio-prompts' && r.request().method() === 'POST');
    await (await chooser).setFiles(file);
    return answer;
  }

  const selectedLabel = (select: Locator) => select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '');

  it('an admin uploads a recording as a play prompt, previews it and publishes the flow with it', async () => {
    const { page, builder } = admin;
    const flows = new FlowDesignerPage(page);
    await flows.createFlow({ key: 'recorded_greeting', labelZh: '录音问候', labelEn: 'Recorded greeting', languages: ['en'] });
    const entry = await flows.dragNode('entry', 110, 110);
    const play = await flows.dragNode('play', 380, 110);
    const hangup = await flows.dragNode('hangup', 650, 110);
    await flows.connect(entry, 'next', play);
    await flows.connect(play, 'next', hangup);
    // A play node without text or recording is not ready yet.
    expect(Number(await flows.node(play).getAttribute('data-issues'))).toBeGreaterThan(0);

    const panel = await flows.selectNode(play);
    const picker = panel.getByTestId('prompt-audio-en');
    const select = picker.getByRole('combobox');
    const preview = picker.getByRole('button', { name: 'Play', exact: true });
    expect(await select.inputValue()).toBe('');
    expect(await preview.isDisabled()).toBe(true);

    const answer = await upload(picker, { name: 'welcome tone.wav', mimeType: 'audio/wav', buffer: toneWav(1.5, 440, 44100) });
    expect(answer.status()).toBe(201);
    const id = ((await answer.json()) as { id: string }).id;
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);

    // Chosen at once, shown by its name and length (the upload's name without the extension).
    await expect.poll(() => select.inputValue()).toBe(id);
    await expect.poll(() => selectedLabel(select)).toBe('welcome tone (1.5 s)');
    expect(await picker.getByRole('alert').count()).toBe(0);
    // The recording alone is a prompt: the node's issue is gone.
    await expect.poll(() => flows.node(play).getAttribute('data-issues')).toBe('0');

    // Preview: the converted file is fetched and played until its end (1.5 s); Stop cuts a second one short.
    const heard = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/audio-prompts/${id}/audio`);
    const stop = picker.getByRole('button', { name: 'Stop', exact: true });
    const started = Date.now();
    await preview.click();
    await stop.waitFor();
    const audio = await heard;
    expect(audio.status()).toBe(200);
    expect(audio.headers()['content-type']).toBe('audio/wav');
    await preview.waitFor();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
    expect(await picker.getByRole('alert').count()).toBe(0);
    await preview.click();
    await stop.click();
    await preview.waitFor();
    expect(await select.inputValue()).toBe(id);

    await builder.waitSaved();
    expect(await builder.publish('Greeting from a recording')).toBe(1);
    const published = await pageApi(page, 'GET', '/api/definitions/flow/recorded_greeting');
    expect(published.status).toBe(200);
    const node = (published.body.published.nodes as { id: string; config: any }[]).find((n) => n.id === play);
    expect(node?.config.prompt.audio).toEqual({ en: id });
  });

  it('a file that is not audio is refused inline in the UI language, and nothing is chosen', async () => {
    const { page } = admin;
    const flows = new FlowDesignerPage(page);
    const before = await pageApi<unknown[]>(page, 'GET', '/api/audio-prompts');
    expect(before.status).toBe(200);
    await flows.createFlow({ key: 'not_audio', labelZh: '不是音频', labelEn: 'Not audio', languages: ['en'] });
    await flows.dragNode('play', 380, 110);
    const picker = page.getByTestId('node-panel').getByTestId('prompt-audio-en');
    const select = picker.getByRole('combobox');
    const notes = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Thank you for calling.\n') };

    expect((await upload(picker, notes)).status()).toBe(400);
    const alert = picker.getByRole('alert');
    await alert.waitFor();
    expect((await alert.innerText()).trim()).toBe('The file is not audio we can read: upload a WAV, MP3, OGG or FLAC file');
    expect(await select.inputValue()).toBe('');
    expect(await picker.getByRole('button', { name: 'Play', exact: true }).isDisabled()).toBe(true);

    // In Chinese, the same refusal reads in Chinese.
    await page.getByTestId('language-switch').selectOption('zh');
    expect((await upload(picker, notes)).status()).toBe(400);
    await expect.poll(async () => (await alert.innerText()).trim()).toBe('无法识别为音频：请上传 WAV、MP3、OGG 或 FLAC 文件');
    expect(await select.inputValue()).toBe('');
    expect(await picker.getByRole('button', { name: '试听', exact: true }).isDisabled()).toBe(true);

    // Nothing was stored: the list holds what it held before.
    const after = await pageApi<unknown[]>(page, 'GET', '/api/audio-prompts');
    expect(after.body).toEqual(before.body);
  });
});
