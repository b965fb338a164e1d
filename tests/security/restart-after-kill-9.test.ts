// A runtime killed with SIGKILL where nobody reaps it (process 1 of many containers, this machine) stays a
// zombie: its pid still answers kill(pid, 0). `npm start` on the same data must start anyway, and a server
// that really runs on it must still be refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '@telesales/embedded-mongo';

const MAIN = fileURLToPath(new URL('../../runtime/dist/main.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'restart-after-kill-'));
const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', TELEPHONY: 'simulated' };
const started: ChildProcess[] = [];

/** Resolves with everything printed once `pattern` shows, or with the output and exit code if it ends first. */
function waitFor(child: ChildProcess, pattern: RegExp, timeoutMs = 45_000): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; got:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve({ output, code: null });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    });
  });
}

function startRuntime(): ChildProcess {
  const child = spawn(process.execPath, ['--experimental-websocket', MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  return child;
}

const stateOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
};

afterAll(() => {
  for (const child of started) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a restart after kill -9 where the killed process stays a zombie', () => {
  it('starts on the same data, and a second live server on it is still refused', async () => {
    // sh starts the runtime in the background, prints its pid and becomes `sleep`, which never reaps it.
    const parent = spawn('sh', ['-c', `"${process.execPath}" --experimental-websocket "${MAIN}" & echo "pid=$!"; exec sleep 300`], {
      env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(parent);
    const first = await waitFor(parent, /Console: /);
    const pid = Number(/pid=(\d+)/.exec(first.output)![1]);
    expect(readFileSync(join(dataDir, 'db', 'mongod.lock'), 'utf8')).toMatch(new RegExp(`^${pid}\\b`));

    process.kill(pid, 'SIGKILL');
    await expect.poll(() => stateOf(pid), { timeout: 10_000 }).toBe('Z');
    expect(() => process.kill(pid, 0)).not.toThrow(); // what the old lock check took for a live owner

    const second = startRuntime();
    const restarted = await waitFor(second, /Console: /);
    expect(restarted.output).not.toMatch(/already running/);
    expect(restarted.code).toBeNull();

    const third = startRuntime();
    const refused = await waitFor(third, /already running/);
    expect(refused.output).toMatch(new RegExp(`Another server \\(pid ${second.pid}\\) is already running`));
  });

  it('takes over a lock whose pid now belongs to another process', async () => {
    const dbPath = join(dataDir, 'reused-pid');
    mkdirSync(dbPath, { recursive: true });
    // The pid of a live process (this test's parent) with a start time that is not its own: a pid reused.
    writeFileSync(join(dbPath, 'mongod.lock'), `${process.ppid} 1\n`);
    const mongo = await startEmbeddedMongo({ dbPath });
    try {
      expect(readFileSync(join(dbPath, 'mongod.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+`));
    } finally {
      await mongo.stop();
    }
  });
});
