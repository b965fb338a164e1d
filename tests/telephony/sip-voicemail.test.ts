// Voicemail in TELEPHONY=sip: the flow's voicemail node records what the caller says after a beep, until they press
// #, the node's maximum runs out, or they hang up; the message is kept with the call and played like a recording.
// Kamailio, the runtime and sip.js callers in a loopback-only network namespace. See support/sip-voicemail-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest();
if (missing) console.warn(`Skipping the SIP voicemail test: ${missing}`);

const MONO_MULAW = { status: 200, channels: 1, format: 7 };
const FILE = /^voicemail\/[0-9a-f-]{36}\.wav$/;

describe.skipIf(!!missing)('voicemail over SIP (the caller\'s message recorded by the runtime\'s endpoint)', () => {
  it('keeps the message whether # ends it, the maximum runs out or the caller hangs up; the flow goes on after the first two', { timeout: 90_000 }, () => {
    const result = runInNamespace('sip-voicemail-run.mjs', 80_000);
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    const { byKey, byMax, byHangup } = result;

    // # after about 1.1 s of speech: that much is kept (every byte the caller's), and the flow thanks and hangs up.
    expect(byKey).toMatchObject({ ...MONO_MULAW, seconds: 1, thanked: true, hangupBy: 'system' });
    expect(byKey.file).toMatch(FILE);
    expect(byKey.variable).toBe(byKey.file);
    expect(byKey.bytes).toBeGreaterThan(6000);
    expect(byKey.bytes).toBeLessThan(16_000);
    expect(byKey.callerBytes / byKey.bytes).toBeGreaterThan(0.95);

    // Nothing pressed: the recording stops at the node's maximum, 5 s, and the flow goes on.
    expect(byMax).toMatchObject({ ...MONO_MULAW, seconds: 5, thanked: true, hangupBy: 'system' });
    expect(byMax.variable).toBe(byMax.file);
    expect(byMax.bytes).toBeGreaterThanOrEqual(38_000);
    expect(byMax.bytes).toBeLessThanOrEqual(41_000);

    // The caller hung up while speaking: the message is kept; there is nobody left to thank.
    expect(byHangup).toMatchObject({ ...MONO_MULAW, thanked: false, hangupBy: 'caller', variable: null });
    expect(byHangup.file).toMatch(FILE);
    expect(byHangup.callerBytes).toBeGreaterThan(6000);
  });
});
