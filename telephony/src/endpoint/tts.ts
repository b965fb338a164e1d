import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** espeak-ng voices per prompt language: Mandarin (`cmn`, Latin letters read as English) and American English. */
export const TTS_VOICES: Record<string, string> = { zh: 'cmn', en: 'en-us' };

export interface SpeechOptions {
  /** Where rendered prompts are kept (created when missing). */
  cacheDir: string;
  /** espeak-ng speed in words per minute (espeak's default is 175). */
  speed?: number;
}

/** espeak-ng and sox, the two programs text-to-speech needs; the missing ones by name. */
export function missingSpeechPrograms(): string[] {
  return ['espeak-ng', 'sox'].filter((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).error !== undefined);
}

const rendering = new Map<string, Promise<string>>();

/**
 * Renders text once with espeak-ng and sox to a raw 8 kHz mu-law file, kept in the cache directory under
 * a hash of voice, speed and text; later calls (also from other processes) reuse the file. Concurrent
 * requests for the same prompt share one rendering.
 */
export function renderSpeech(text: string, voice: string, options: SpeechOptions): Promise<string> {
  const speed = options.speed ?? 165;
  const hash = createHash('sha256').update(`espeak-ng\0${voice}\0${speed}\0${text}`).digest('hex').slice(0, 32);
  const file = join(options.cacheDir, `${hash}.ulaw`);
  const pending = rendering.get(file);
  if (pending) return pending;
  const work = (async () => {
    try {
      if ((await stat(file)).size > 0) return file;
    } catch { /* not rendered yet */ }
    await mkdir(options.cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await pipeline(['espeak-ng', '-v', voice, '-s', String(speed), '--stdout', '--', text], ['sox', '-q', '-t', 'wav', '-', '-r', '8000', '-c', '1', '-e', 'u-law', '-t', 'raw', tmp]);
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return file;
  })();
  rendering.set(file, work);
  void work.finally(() => rendering.delete(file)).catch(() => undefined);
  return work;
}

/** `a | b`, failing with the programs' error output. */
async function pipeline(a: string[], b: string[]): Promise<void> {
  const first = spawn(a[0]!, a.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  const second = spawn(b[0]!, b.slice(1), { stdio: ['pipe', 'ignore', 'pipe'] });
  let errors = '';
  first.stderr.on('data', (d) => { errors += d; });
  second.stderr.on('data', (d) => { errors += d; });
  second.stdin.on('error', () => undefined);
  first.stdout.pipe(second.stdin);
  const exit = (p: ChildProcess) => new Promise<number | null>((resolve, reject) => { p.on('error', reject); p.on('close', resolve); });
  const [x, y] = await Promise.all([exit(first), exit(second)]);
  if (x !== 0 || y !== 0) throw new Error(`text-to-speech failed (${a[0]} ${x}, ${b[0]} ${y}): ${errors.trim().slice(0, 300)}`);
}
