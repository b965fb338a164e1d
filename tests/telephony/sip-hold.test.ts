// Hold and mute in TELEPHONY=sip: the console calls the same API as in simulated mode and the runtime acts on its
// media bridge (no re-INVITE). Kamailio, the runtime and sip.js UAs with werift media in a network namespace that
// holds only loopback (`unshare -n`). See support/sip-hold-run.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kamailioAvailable, missingKamailioPackages } from '@telesales/telephony';
import { missingSpeechPrograms } from '@telesales/telephony/endpoint/index';

const script = fileURLToPath(new URL('./support/sip-hold-run.mjs', import.meta.url));
const hasUnshare = spawnSync('unshare', ['--version'], { stdio: 'ignore' }).status === 0;
const hasIp = spawnSync('ip', ['-V'], { stdio: 'ignore' }).status === 0;
const missing = !hasUnshare ? 'unshare (util-linux) is not installed'
  : !hasIp ? 'ip (iproute2) is not installed'
  : !kamailioAvailable() ? 'kamailio is not installed (apt-get install kamailio kamailio-websocket-modules kamailio-autheph-modules)'
  : missingKamailioPackages().length ? `Kamailio modules are missing (apt-get install ${missingKamailioPackages().join(' ')})`
  : missingSpeechPrograms().length ? `text-to-speech programs are missing (apt-get install ${missingSpeechPrograms().join(' ')})`
  : null;
if (missing) console.warn(`Skipping the SIP hold test: ${missing}`);

function runInNamespace(): any {
  const unshare = process.getuid?.() === 0 ? ['-n'] : ['-r', '-n'];
  const nodeFlags = Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-websocket'] : [];
  const out = execFileSync('unshare', [...unshare, process.execPath, ...nodeFlags, script], { encoding: 'utf8', timeout: 75_000 });
  return JSON.parse(out.trim().split('\n').pop() ?? '');
}

/** Frames are 160 bytes: a second of audio is 8000 bytes; "none" allows one stray frame. */
const SOME = 4000;
const NONE = 160;

describe.skipIf(!!missing)('hold and mute over SIP (the runtime bridge stops relaying; the caller hears hold audio)', () => {
  it('hold, unhold, mute, unmute through the calls API act on the relayed audio', { timeout: 90_000 }, () => {
    const result = runInNamespace();
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    const { talking, hold, unhold, mute, unmute, unholdMuted } = result.phases;

    expect(talking.callerHeardAgent).toBeGreaterThan(SOME);
    expect(talking.agentHeardCaller).toBeGreaterThan(SOME);

    // Hold: neither side hears the other; the caller hears the hold tones (not uniform frames).
    expect(hold.response).toEqual({ status: 200, held: true, muted: false });
    expect(hold.callerHeardAgent).toBeLessThanOrEqual(NONE);
    expect(hold.agentHeardCaller).toBeLessThanOrEqual(NONE);
    // (the hold audio is 0.8 s of tones every 3 s: the window from 0.4 s to 1.9 s holds about 0.4 s of them)
    expect(hold.callerHeardOther).toBeGreaterThan(1600);

    // Unhold: both ways again, no hold audio.
    expect(unhold.response).toMatchObject({ status: 200, held: false });
    expect(unhold.callerHeardAgent).toBeGreaterThan(SOME);
    expect(unhold.agentHeardCaller).toBeGreaterThan(SOME);
    expect(unhold.callerHeardOther).toBeLessThanOrEqual(NONE);

    // Mute: the caller no longer hears the agent; the agent still hears the caller.
    expect(mute.response).toMatchObject({ status: 200, muted: true });
    expect(mute.callerHeardAgent).toBeLessThanOrEqual(NONE);
    expect(mute.agentHeardCaller).toBeGreaterThan(SOME);

    expect(unmute.response).toMatchObject({ status: 200, muted: false });
    expect(unmute.callerHeardAgent).toBeGreaterThan(SOME);
    expect(unmute.agentHeardCaller).toBeGreaterThan(SOME);

    // Unhold while muted: the agent hears the caller again, the caller still does not hear the agent.
    expect(unholdMuted.response).toMatchObject({ status: 200, held: false, muted: true });
    expect(unholdMuted.callerHeardAgent).toBeLessThanOrEqual(NONE);
    expect(unholdMuted.agentHeardCaller).toBeGreaterThan(SOME);
    expect(unholdMuted.callerHeardOther).toBeLessThanOrEqual(NONE);
    expect(result.flags).toEqual({ held: false, muted: false });

    // The agent hung up while the caller was on hold: wrap-up, the caller back in the flow (survey).
    expect(result.afterAgent).toEqual({ status: 'wrapup', surveyInTrace: true });
  });
});
