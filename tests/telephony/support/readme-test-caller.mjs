// The README's test-caller commands (the block after `<!-- test-caller`), read from the README itself so the test
// runs what a reader pastes: Kamailio's line, the runtime's line and the sipp command line with its arguments.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The block's three lines: `npm run sip` with its environment, `npm start` with its environment, and sipp. */
export function readmeTestCaller() {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const block = /<!-- test-caller[^>]*-->\s*```bash\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no `<!-- test-caller -->` block');
  const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
  const find = (test, what) => lines.find(test) ?? (() => { throw new Error(`README's test-caller block has no ${what} line`); })();
  const kamailio = find((l) => l.endsWith('npm run sip'), 'npm run sip');
  const runtime = find((l) => l.endsWith('npm start'), 'npm start');
  const sipp = find((l) => l.startsWith('sipp '), 'sipp');
  // Plain words only (no quotes or variables): what the shell would pass to sipp.
  if (/["'$`\\]/.test(sipp)) throw new Error(`the README's sipp line needs a shell to read: ${sipp}`);
  return { kamailio, runtime, sipp, sippArgs: sipp.split(/\s+/).slice(1) };
}

/**
 * The command `npm start` runs once its build is done (package.json's `start` without `npm run build ... &&`): the
 * apps are built already, and building them again would take minutes.
 */
export function startCommand() {
  const scripts = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts;
  const command = scripts.start.split('&&').pop().trim();
  if (!command.startsWith('node ')) throw new Error(`package.json's start script does not end with a node command: ${scripts.start}`);
  return command;
}
