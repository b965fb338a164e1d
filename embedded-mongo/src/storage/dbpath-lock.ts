// One server per data directory, as mongod's mongod.lock: two processes appending to one journal would
// interleave records and lose acknowledged writes. The lock holds the owner's pid and its start time; a lock
// left by a process that no longer runs (killed with SIGKILL) is taken over.
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { ServerError } from '../errors.js';

const DBPATH_IN_USE = 10310;

interface ProcStat {
  state: string;
  startTime: string;
}

/** Linux's /proc tells a process's state and start time; elsewhere only `kill(pid, 0)` is there to ask. */
const HAS_PROC = existsSync('/proc/self/stat');

/**
 * A process's state and start time (clock ticks since boot), or null when it does not exist. The comm field
 * may hold spaces and parentheses, so fields are counted after its last ')'.
 */
function procStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], startTime: fields[19] };
}

/**
 * Whether the lock's owner still runs. `kill(pid, 0)` alone is not enough: it succeeds for a zombie (a
 * process killed with SIGKILL whose parent never reaped it, common where process 1 does not reap orphans)
 * and for an unrelated process that was given the same pid after a reboot or a wrap-around. On Linux the
 * owner must be alive (not Z or X) and have the start time written in the lock.
 */
function ownerRuns(pid: number, startTime: string | undefined): boolean {
  if (HAS_PROC) {
    const stat = procStat(pid);
    if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
    return startTime === undefined || stat.startTime === startTime;
  }
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
  const self = HAS_PROC ? procStat(process.pid) : null;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, `${process.pid}${self ? ` ${self.startTime}` : ''}\n`);
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText, startTime] = readFileSync(file, 'utf8').trim().split(/\s+/);
      const owner = Number.parseInt(pidText, 10);
      if (Number.isInteger(owner) && owner !== process.pid && ownerRuns(owner, startTime)) {
        throw new ServerError(DBPATH_IN_USE, `Unable to lock the lock file: ${file}. Another server (pid ${owner}) is already running on the dbpath ${dir}.`);
      }
      rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`could not take the lock ${file}`);
}
