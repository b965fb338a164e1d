// Uploaded audio and queue audio in TELEPHONY=sip: a flow prompt with an uploaded file plays that file to the
// caller (its text when the file is missing); a queued caller hears the flow's hold music and their position
// read out; answering stops the music.
// Kamailio, the runtime and sip.js UAs with werift media in a network namespace that holds only loopback
// (`unshare -n`). See support/sip-audio-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest();
if (missing) console.warn(`Skipping the SIP audio prompt test: ${missing}`);

/** Frames are 160 bytes: a second of audio is 8000 bytes; "none" allows one stray frame. */
const NONE = 160;

describe.skipIf(!!missing)('uploaded audio prompts and queue audio over SIP', () => {
  it('plays the uploaded greeting, then hold music and position announcements until an agent answers', { timeout: 120_000 }, () => {
    const result = runInNamespace('sip-audio-run.mjs', 100_000);
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    const { bytes, greeting, waiting, second, bridged } = result;
    // The two uploads are one constant level each: each converts to frames of a single mu-law byte of its own.
    expect(bytes.greeting).not.toBe(bytes.music);

    // The greeting is the uploaded file, all 2 s of it (16,000 bytes), not its fallback text.
    expect(greeting.heardGreeting).toBe(16_000);
    expect(greeting.heardOther).toBeLessThanOrEqual(NONE);

    // Queued with nobody ready: the uploaded hold music, and the position read out (speech: mixed frames).
    expect(waiting.status).toBe('queued');
    expect(waiting.heardMusic).toBeGreaterThan(8000);
    expect(waiting.heardOther).toBeGreaterThan(8000);
    expect(waiting.heardGreeting).toBe(0);
    expect(waiting.announcementRendered).toBe(true); // "You are number 1 in the queue."
    expect(second.announcementRendered).toBe(true); // "You are number 2 in the queue."
    // A key pressed while waiting (the greeting allowed interrupting) does not end the hold music.
    expect(result.afterKey.heardMusic).toBeGreaterThan(8000);
    // The greeting's file gone from the disk: the second caller hears the prompt's text read out instead.
    expect(second.greeting.heardGreeting).toBe(0);
    expect(second.greeting.heardOther).toBeGreaterThan(4000);

    // Answered: the music stops at once, the caller hears the agent; the caller still waiting keeps the music.
    expect(bridged.heardMusic).toBeLessThanOrEqual(NONE);
    expect(bridged.heardOther).toBeLessThanOrEqual(NONE);
    expect(bridged.heardAgent).toBeGreaterThan(12_000);
    expect(bridged.otherCallerHeardMusic).toBeGreaterThan(1600);
  });
});
