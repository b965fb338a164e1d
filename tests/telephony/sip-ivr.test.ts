// A real call into the IVR: Kamailio, the runtime with TELEPHONY=sip (its SIP endpoint: sip.js + werift) and a
// customer's sip.js UA with werift media, all in a network namespace that holds only loopback (`unshare -n`).
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest();
if (missing) console.warn(`Skipping the SIP IVR call test: ${missing}`);

interface RunResult {
  interfaces: string[];
  marks: Record<string, number>;
  endpointRegistered?: boolean;
  rejected?: number;
  callRecord?: { from: string; to: string; direction: string };
  endpoint?: { keysHeard: string[]; rxPackets: number; txPackets: number };
  call?: {
    states: string[]; greetingBytes: number; totalAudioBytes: number; audioPackets: number; language: string;
    status: string; hangupBy: string | null; flowEnded: boolean; endReason: string | null;
  };
  trace?: { node: string; type: string; event?: string; port?: string }[];
  ttsFiles?: number;
  infoStatus?: number;
  queue?: string;
  error?: string;
  log?: string;
}

describe.skipIf(!!missing)('inbound call to the IVR over SIP (Kamailio, runtime endpoint with werift, loopback-only namespace)', () => {
  it('answers the entry number, plays the greeting as audio, takes key 1 by RFC 4733 and key 2 by SIP INFO, and queues the caller', { timeout: 90_000 }, () => {
    const result = runInNamespace('sip-ivr-run.mjs', 60_000) as RunResult;
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    expect(result.endpointRegistered).toBe(true);
    expect(result.callRecord).toEqual({ from: '13912345678', to: '4008001234', direction: 'in' });
    // The greeting (espeak-ng, 8 kHz mu-law) reached the caller as PCMU RTP; after the key, the menu's prompt too.
    expect(result.call!.greetingBytes).toBeGreaterThan(0);
    expect(result.call!.totalAudioBytes).toBeGreaterThan(result.call!.greetingBytes);
    expect(result.ttsFiles).toBeGreaterThanOrEqual(2);
    // Key 1 came as RFC 4733 telephone-events, once; key 2 through the SIP INFO fallback (answered 200).
    expect(result.endpoint!.keysHeard).toEqual(['1:rfc4733', '2:info']);
    expect(result.infoStatus).toBe(200);
    expect(result.queue).toBe('service');
    const trace = result.trace!;
    expect(trace.slice(0, 2)).toEqual([
      { node: 'entry', type: 'entry', port: 'next' },
      { node: 'hours', type: 'hours', port: 'open' },
    ]);
    expect(trace).toContainEqual({ node: 'language', type: 'language', event: 'digits', port: 'next' });
    const languageDone = trace.findIndex((s) => s.node === 'language' && s.event === 'digits');
    expect(trace.slice(languageDone + 1).map((s) => s.node)).toEqual(expect.arrayContaining(['lookup', 'main_menu', 'service_queue']));
    expect(trace).toContainEqual({ node: 'main_menu', type: 'menu', event: 'digits', port: '2' });
    expect(result.call).toMatchObject({
      states: ['Establishing', 'Established', 'Terminated'], language: 'zh',
      status: 'ended', hangupBy: 'caller', flowEnded: true, endReason: 'hangup',
    });
    expect(result.marks.done).toBeLessThan(45_000);
  });
});
