// The agent's console as a real softphone: Kamailio, the runtime with TELEPHONY=sip serving the built console,
// Debian's Chromium with agent 1 signed in (sip.js + WebRTC in the page), and sip.js/werift UAs as the customers,
// in a network namespace that holds only loopback (`unshare -n`). See support/sip-console-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest({ chromium: true });
if (missing) console.warn(`Skipping the SIP console test: ${missing}`);

describe.skipIf(!!missing)('the console\'s softphone over SIP (Chromium, WebRTC): inbound with screen pop, masked click-to-call', () => {
  it('inbound: greeting, DTMF, the page rings with the card, answers, audio both ways, hangs up, disposition on the record; click-to-call by token leaks no digit of the number', { timeout: 110_000 }, () => {
    const result = runInNamespace('sip-console-run.mjs', 100_000, { needsConsole: true });
    expect(result.error, `${result.error}\n${(result.pageLog ?? []).join('\n')}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);

    const inbound = result.inbound;
    // The caller heard the greeting (RTP from the runtime's IVR), pressed 1 (RFC 4733) and was queued.
    expect(inbound.greetingBytes).toBeGreaterThan(0);
    expect(['sales', 'service']).toContain(inbound.queue);
    // The page rang with the caller's customer card; the number shows masked.
    expect(inbound.ringingCallId).toMatch(/^[0-9a-f-]{36}$/);
    expect(inbound.popHasCustomer).toBe(true);
    expect(inbound.party).toMatch(/^\*{7}\d{4}$/);
    // Answered in the page: audio both ways (the page's RTCPeerConnection stats; the caller's RTP).
    expect(inbound.statusTalking).toBe('talking');
    expect(inbound.page.bytesReceived).toBeGreaterThan(0);
    expect(inbound.page.codec).toBe('audio/PCMU');
    expect(inbound.callerHeardAgent).toBeGreaterThan(0);
    // Hung up in the page, outcome picked: the record has the times, the trace, the recording, the disposition.
    expect(inbound).toMatchObject({
      recordStatus: 200, direction: 'in', agentId: true, customer: { entity: 'customer' },
      ringAt: true, answerAt: true, endAt: true, hangupBy: 'agent',
      disposition: { key: 'interested', note: 'Wants a quote for the family plan' },
    });
    expect(inbound.traceSteps).toBeGreaterThan(0);
    expect(inbound.recording?.file).toMatch(/^recordings\/[0-9a-f-]{36}\.wav$/);
    expect(inbound.recordingBytes).toBeGreaterThan(58);

    const c2c = result.clickToCall;
    // The card shows the number masked; the call panel too.
    expect(c2c.shownPhone).toContain('****');
    expect(c2c.party).toMatch(/^\*{7}\d{4}$/);
    // The customer's UA, registered under their real number, rang once (from the runtime) and answered.
    expect(c2c.customerRang).toBe(1);
    expect(c2c.customerInvite.from).toBe('runtime');
    expect(c2c.statusTalking).toBe('talking');
    expect(c2c.page.bytesReceived).toBeGreaterThan(0);
    expect(c2c.customerHeardAgent).toBeGreaterThan(0);
    expect(c2c).toMatchObject({ direction: 'out', hangupBy: 'agent', answerAt: true, disposition: { key: 'interested' } });
    // Everything the page received (HTTP bodies, SSE, WebSocket frames with the SIP messages) holds no 7-digit run
    // of either customer's number.
    expect(c2c.capture.sipFrames).toBeGreaterThan(0);
    expect(c2c.capture.xCallIdInvites).toBeGreaterThan(0);
    expect(c2c.capture.sseRinging).toBe(true);
    expect(c2c.capture.dialResponse).toBe(true);
    expect(c2c.capture.selfTest).toBe(true);
    expect(c2c.capture.maskedSeen).toBe(true);
    expect(c2c.leaks).toEqual([]);
    expect(result.marks.done).toBeLessThan(90_000);
  });
});
