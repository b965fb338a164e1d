#!/usr/bin/env node
// The end-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here).
// Installs it with apt-get when it is missing; run by `npm test` before anything else.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() !== 0) {
    console.error(`${CHROMIUM} is missing and this is not root: run "sudo apt-get install -y chromium" once.`);
    process.exit(1);
  }
  console.log('Installing Debian Chromium for the end-to-end tests (apt-get)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync('apt-get install -y -qq chromium fonts-noto-cjk', { stdio: 'inherit', env });
}
console.log(execSync(`${CHROMIUM} --version`).toString().trim());
