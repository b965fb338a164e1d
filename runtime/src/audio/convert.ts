import { spawn } from 'node:child_process';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { randomUUID } from 'node:crypto';

/** Longest prompt accepted: hold music loops, so nothing needs to be longer. */
export const MAX_AUDIO_SEC = 600;

export type ConvertResult = { ok: true; durationSec: number; bytes: number } | { ok: false; reason: 'not_audio' | 'audio_too_long' | 'audio_empty' };

function run(cmd: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('error', (e) => resolve({ code: -1, out, err: String(e) }));
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

/**
 * Converts an uploaded file once, with sox, to what the SIP endpoint plays without further work: 8 kHz mono
 * mu-law WAV. The original keeps its extension in a temporary file, as sox picks the reader by it (and by
 * the header when the extension says nothing). No dither (-D): a prompt converts the same way every time.
 */
export async function convertToPrompt(upload: Buffer, originalName: string, target: string): Promise<ConvertResult> {
  const ext = extname(originalName).toLowerCase();
  const source = join(tmpdir(), `prompt-${randomUUID()}${/^\.[a-z0-9]{1,5}$/.test(ext) ? ext : ''}`);
  const tmp = `${target}.${process.pid}.tmp.wav`;
  try {
    await writeFile(source, upload);
    const probe = await run('soxi', ['-D', source]);
    const seconds = Number(probe.out.trim());
    if (probe.code !== 0 || !Number.isFinite(seconds)) return { ok: false, reason: 'not_audio' };
    if (seconds > MAX_AUDIO_SEC) return { ok: false, reason: 'audio_too_long' };
    await mkdir(join(target, '..'), { recursive: true });
    const sox = await run('sox', ['-q', '-D', source, '-r', '8000', '-c', '1', '-e', 'u-law', '-t', 'wav', tmp]);
    if (sox.code !== 0) return { ok: false, reason: 'not_audio' };
    const { size } = await stat(tmp);
    // 8000 one-byte samples a second; the header is small. soxi may say 0 for streams without a length.
    const durationSec = Math.round(Math.max(0, size - 58) / 8) / 1000;
    if (durationSec > MAX_AUDIO_SEC) return { ok: false, reason: 'audio_too_long' };
    if (durationSec < 0.02) return { ok: false, reason: 'audio_empty' };
    await rename(tmp, target);
    return { ok: true, durationSec, bytes: size };
  } finally {
    await rm(source, { force: true });
    await rm(tmp, { force: true });
  }
}
