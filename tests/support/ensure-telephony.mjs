#!/usr/bin/env node
// The telephony tests run Debian's Kamailio (with its WebSocket and auth_ephemeral modules), sipp, and espeak-ng + sox
// (text-to-speech prompts rendered to 8 kHz mu-law; uploaded prompts converted, MP3 through libsox-fmt-mp3) in a
// network namespace whose loopback they bring up with `ip` (iproute2, absent from minimal images). The cluster tests
// (and `npm run cluster`) put HAProxy in front of several runtime processes.
// Installs whichever of those packages is missing with apt-get; run by `npm test` before anything else.
// Without root the tests that need them are skipped (they say why), so this only warns.
import { execSync, spawnSync } from 'node:child_process';

const PACKAGES = ['kamailio', 'kamailio-websocket-modules', 'kamailio-autheph-modules', 'sip-tester', 'iproute2', 'espeak-ng', 'sox', 'libsox-fmt-mp3', 'haproxy'];
const installed = (pkg) =>
  spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');

if (spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.warn('Not a Debian system: install Kamailio (websocket, auth_ephemeral modules) and sipp yourself for the telephony tests.');
  process.exit(0);
}
const missing = PACKAGES.filter((pkg) => !installed(pkg));
if (missing.length) {
  if (process.getuid?.() !== 0) {
    console.warn(`Telephony tests will be skipped: ${missing.join(' ')} missing and this is not root (sudo apt-get install -y ${missing.join(' ')}).`);
    process.exit(0);
  }
  console.log(`Installing ${missing.join(' ')} for the telephony tests (apt-get)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  // The Debian package would also start kamailio.service where systemd runs; the tests start their own.
  execSync(`apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`, { stdio: ['ignore', 'ignore', 'inherit'], env });
}
