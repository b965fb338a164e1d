// One server per data directory, as mongod's mongod.lock: two processes appending to one journal would
// interleave records and lose acknowledged writes. The lock holds the owner's pid; a lock left by a process
// that no longer runs (killed with SIGKILL) is taken over.
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { ServerError } from '../errors.js';

const DBPATH_IN_USE = 10310;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of `dir` (creating the directory); returns its release function. */
export function lockDbPath(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'mongod.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new ServerError(DBPATH_IN_USE, `Unable to lock the lock file: ${file}. Another server (pid ${owner}) is already running on the dbpath ${dir}.`);
      }
      rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`could not take the lock ${file}`);
}
