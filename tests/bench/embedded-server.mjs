// Starts embedded-mongo/dist/cli.js as a child process on a dbpath and resolves once it printed its URI
// (the same approach as tests/embedded-mongo/server-fixture.ts, for plain .mjs scripts).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(root, 'embedded-mongo', 'dist', 'cli.js');

export function tempDbPath(prefix = 'embedded-mongo-bench-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * @param {{ dbpath?: string, args?: string[], timeoutMs?: number }} [options]
 * @returns {Promise<{ uri: string, dbpath: string, pid: number, child: import('node:child_process').ChildProcess,
 *   output(): string, stop(timeoutMs?: number): Promise<void>, kill(): Promise<void> }>}
 */
export async function startEmbedded(options = {}) {
  const dbpath = options.dbpath ?? tempDbPath();
  const child = spawn(process.execPath, [CLI, '--port', '0', '--dbpath', dbpath, ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  const timeoutMs = options.timeoutMs ?? 20_000;
  const uri = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not print its URI in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const m = /^(mongodb:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code ?? signal} before printing its URI:\n${out}`));
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    uri,
    dbpath,
    pid: child.pid,
    child,
    output: () => out,
    /** SIGTERM, then SIGKILL if it has not exited within timeoutMs. */
    async stop(timeoutMs = 10_000) {
      if (alive()) child.kill('SIGTERM');
      const t = setTimeout(() => alive() && child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(t);
    },
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Resident set size of a process in bytes (Linux /proc), or null when it cannot be read. */
export function rssBytes(pid, field = 'VmRSS') {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
