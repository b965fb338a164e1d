// A SIP phone with plain RTP (sipp: UDP signalling, RTP/AVP media, no ICE or DTLS) calls the IVR through Kamailio and
// the runtime's endpoint answers it directly with plain RTP, no media relay. Loopback-only namespace (`unshare -n`);
// see support/sip-plain-rtp-run.mjs and support/sipp-ivr-dtmf.xml.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest({ sipp: true });
if (missing) console.warn(`Skipping the plain RTP call test: ${missing}`);

interface RunResult {
  interfaces: string[];
  marks: Record<string, number>;
  callRecord?: { from: string; to: string; direction: string };
  media?: { kind: string; port: number | null };
  sippExit?: number;
  sippOutput?: string;
  endpoint?: { keysHeard: string[]; speechEchoed: number; rxPackets: number; rxBytes: number; txPackets: number; endedBy: string | null };
  call?: { status: string; hangupBy: string | null; language: string | null };
  trace?: { node: string; type: string; event?: string; port?: string }[];
  error?: string;
  log?: string;
  sippErrors?: string;
}

describe.skipIf(!!missing)('inbound call to the IVR from a plain RTP phone (sipp over UDP, Kamailio, runtime endpoint; loopback-only namespace)', () => {
  it('answers an RTP/AVP offer with plain RTP, streams the greeting to the phone, and takes keys 1 and 2 sent as RFC 4733 from pcaps', { timeout: 90_000 }, () => {
    const r = runInNamespace('sip-plain-rtp-run.mjs', 60_000) as RunResult;
    expect(r.error, `${r.error}\n${r.log ?? ''}\n${r.sippErrors ?? ''}`).toBeUndefined();
    expect(r.interfaces).toEqual(['lo']);
    expect(r.sippExit, r.sippOutput).toBe(0);
    expect(r.callRecord).toEqual({ from: '13912345678', to: '4008001234', direction: 'in' });
    expect(r.media!.kind).toBe('PlainRtpMedia');
    // sipp echoes every RTP packet it receives (-rtp_echo): the greeting's PCMU came back, so it reached the phone.
    expect(r.endpoint!.txPackets).toBeGreaterThan(200);
    expect(r.endpoint!.rxBytes).toBeGreaterThan(100 * 160);
    expect(r.endpoint!.speechEchoed).toBeGreaterThan(50); // over a second of the greeting's speech, not only silence
    // Each pcap is one key (updates + 3 end packets): reported once.
    expect(r.endpoint!.keysHeard).toEqual(['1:rfc4733', '2:rfc4733']);
    const trace = r.trace!;
    expect(trace).toContainEqual({ node: 'language', type: 'language', event: 'digits', port: 'next' });
    expect(trace).toContainEqual({ node: 'main_menu', type: 'menu', event: 'digits', port: '2' });
    expect(trace.map((s) => s.node)).toContain('service_queue');
    expect(r.call).toMatchObject({ status: 'ended', hangupBy: 'caller', language: 'zh' });
    expect(r.endpoint!.endedBy).toBe('remote');
  });
});
