// Listening in from the console in TELEPHONY=sip, clicked in Chromium: on the Live monitoring page the supervisor
// listens, whispers, barges in and leaves; their page's softphone answers the runtime's INVITE by itself and receives
// the call's audio; the caller and the agent hear the page only as each mode says. See
// support/sip-console-monitor-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest({ chromium: true });
if (missing) console.warn(`Skipping the SIP console monitor test: ${missing}`);

/** A 1.5 s window holds 12,000 bytes (75 packets) of one source; "some" is a third of it, "none" one stray frame. */
const SOME = 4000;
const NONE = 160;

describe.skipIf(!!missing)('the supervisor listens in from the console over SIP (Chromium as the supervisor)', () => {
  it('listen, whisper, barge, leave from the wallboard: the page hears the call; the others hear the page as the mode says', { timeout: 150_000 }, () => {
    const result = runInNamespace('sip-console-monitor-run.mjs', 140_000, { needsConsole: true });
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    const { listen, whisper, barge, left } = result.phases;

    // Listen: the page receives the call's audio (packets with energy); nobody hears the page.
    expect(listen.page.packets).toBeGreaterThan(50);
    expect(listen.page.energy).toBeGreaterThan(0);
    expect(listen.caller.agent).toBeGreaterThan(SOME);
    expect(listen.caller.other).toBeLessThanOrEqual(NONE);
    expect(listen.agent.caller).toBeGreaterThan(SOME);
    expect(listen.agent.other).toBeLessThanOrEqual(NONE);

    // Whisper: the agent hears the caller mixed with the page (the fake microphone beeps about half the time: a frame
    // of the beep mixed in is "other", one of its pauses leaves the caller's byte); the caller hears the agent alone.
    expect(whisper.agent.other).toBeGreaterThan(SOME / 2);
    expect(whisper.agent.caller).toBeGreaterThan(SOME / 2);
    expect(whisper.caller.agent).toBeGreaterThan(SOME);
    expect(whisper.caller.other).toBeLessThanOrEqual(NONE);
    expect(whisper.page.packets).toBeGreaterThan(50);

    // Barge: the caller hears the agent mixed with the page too.
    expect(barge.caller.other).toBeGreaterThan(SOME / 2);
    expect(barge.agent.other).toBeGreaterThan(SOME / 2);

    // Left: the page's leg is gone; the caller and the agent talk on alone; the page's phone bar never took a call.
    expect(left.page.packets).toBe(0);
    expect(left.caller.agent).toBeGreaterThan(SOME);
    expect(left.agent.caller).toBeGreaterThan(SOME);
    expect(result.monitors).toEqual(['listen:closed', 'whisper:closed', 'barge:closed']);
    expect(result.phoneBar).toBe(0);
  });
});
