// Click-to-call toward a SIP trunk carries audio over plain RTP (PCMU), and a dead line is ended, not counted as talk:
// Kamailio relays the runtime's INVITE to its trunk address, where sipp is the customer's line; agent1's sip.js UA
// clicks to call. Loopback-only namespace (`unshare -n`); see support/sip-trunk-media-run.mjs and
// support/sipp-trunk-customer.xml.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest({ sipp: true });
if (missing) console.warn(`Skipping the SIP trunk media test: ${missing}`);

describe.skipIf(!!missing)('click-to-call to a customer behind a SIP trunk (sipp), plain RTP; calls without audio', () => {
  it('hears the customer and is heard by them over PCMU; a line that answers and sends nothing, or a caller who goes quiet, ends as noMedia with no talk time', { timeout: 150_000 }, () => {
    const r = runInNamespace('sip-trunk-media-run.mjs', 130_000);
    expect(r.error, `${r.error}\n${r.log ?? ''}`).toBeUndefined();
    expect(r.interfaces).toEqual(['lo']);

    const s = r.speaking;
    expect(s.sippExit, s.sippOutput).toBe(0); // sipp checks the offer: RTP/AVP with PCMU and telephone-event 101
    expect(s.customerLegMedia).toBe('PlainRtpMedia');
    // The agent heard the customer's voice (the pcap's byte), and their own byte back from sipp's echo: it reached the customer.
    expect(s.agentHeardCustomer).toBeGreaterThanOrEqual(8000);
    expect(s.agentHeardOwnEcho).toBeGreaterThanOrEqual(8000);
    // The recording's two channels: what the customer said, what they heard (a second and more of each).
    expect(s.recording.customerSaid).toBeGreaterThan(8000);
    expect(s.recording.customerHeard).toBeGreaterThan(8000);
    expect(s).toMatchObject({ status: 'wrapup', hangupBy: 'agent', failure: null });
    expect(s.talkSec).toBeGreaterThanOrEqual(1);

    const d = r.silent;
    expect(d.sippExit, d.sippOutput).toBe(0); // the offer was RTP/AVP with PCMU and telephone-event, and sipp got its BYE
    expect(d).toMatchObject({
      status: 'wrapup', hangupBy: 'system', answered: true, talkSec: 0, talkSecJson: 0, agentLeg: 'Terminated',
      failure: { cause: 'noMedia', missing: 'customer' },
    });
    // Ended SIP_NO_MEDIA_SEC (3 s) after it was connected, not at once and not never.
    expect(d.endedAfterMs).toBeGreaterThanOrEqual(2500);
    expect(d.endedAfterMs).toBeLessThan(8000);
    expect(d.warnings).toEqual([{ msg: 'no audio on a connected call: ended as noMedia', missing: 'customer', direction: 'out' }]);

    // Inbound the same: the caller's line went quiet once the agent had them (the caller reached the queue by keys).
    const i = r.inbound;
    expect(i.sippExit, i.sippOutput).toBe(0);
    expect(i).toMatchObject({
      status: 'wrapup', hangupBy: 'system', answered: true, agentId: true, talkSec: 0, agentLeg: 'Terminated',
      failure: { cause: 'noMedia', missing: 'customer' },
    });
    expect(i.endedAfterMs).toBeLessThan(8000);
    expect(i.warnings).toEqual([{ msg: 'no audio on a connected call: ended as noMedia', missing: 'customer', direction: 'in' }]);

    // Today's figures: every call was answered; only the first one's seconds are talk.
    expect(r.today).toMatchObject({ outbound: 2, connected: 2, inbound: 1, talkSec: s.talkSec });
  });
});
