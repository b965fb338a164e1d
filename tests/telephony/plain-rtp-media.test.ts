// The endpoint's plain RTP media (RTP/AVP over UDP) on its own: two handlers negotiate over SDP and exchange PCMU
// frames and RFC 4733 keys, in a network namespace holding only loopback (support/plain-rtp-media-run.mjs); the
// ports come from the configured range; offers it cannot answer fail (no network needed for that).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PlainRtpMedia, parseAudioSdp } from '@telesales/telephony/endpoint/index';
import { runInNamespace } from './support/netns.js';

const hasUnshare = spawnSync('unshare', ['--version'], { stdio: 'ignore' }).error === undefined;
if (!hasUnshare) console.warn('Skipping the plain RTP exchange: unshare (util-linux) is not installed');

describe('PlainRtpMedia (RTP/AVP, no ICE or DTLS)', () => {
  it.skipIf(!hasUnshare)('answers with PCMU and the offered event type from a port of the range, exchanges audio and keys, and latches to the sender', { timeout: 30_000 }, () => {
    const result = runInNamespace('plain-rtp-media-run.mjs', 20_000);
    expect(result.error).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    const { answer, ...exchange } = result.exchange;
    expect(answer).toMatchObject({ address: '127.0.0.1', profile: 'RTP/AVP', formats: [0, 96], eventTypes: [96], direction: 'sendrecv' });
    expect(answer.port).toBeGreaterThanOrEqual(23100);
    expect(answer.port).toBeLessThanOrEqual(23109);
    expect(answer.port % 2).toBe(0);
    expect(exchange).toEqual({
      connected: true, phoneHeard: [160, 160, 160, 160, 160], phoneKeys: ['7'],
      endpointRxBytes: 160, endpointKeys: ['#'], endpointTxPackets: 5 + 8 + 3, // 5 frames, a key: 8 updates + 3 ends
    });
    // The phone announced port 9 but sends from its real port: the endpoint's frame reached it there; a packet
    // from another port afterwards is not taken as the caller's (no forged audio or keys).
    expect(result.latch).toEqual({ phoneHeard: 1, endpointAcceptedFromStranger: 0 });
  });

  it('refuses offers it cannot answer: SRTP, or no PCMU', async () => {
    const m = new PlainRtpMedia({});
    try {
      await expect(m.setDescription('v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/SAVP 0\r\n')).rejects.toThrow(/RTP\/AVP/);
      await expect(m.setDescription('v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 8\r\n')).rejects.toThrow(/PCMU/);
      // Offers refused, not answers: the endpoint's INVITE handling answers those with 488 itself.
      expect(m.unusableAnswer).toBeNull();
    } finally {
      m.close();
    }
  });

  it('offers PCMU and telephone-event 101 when it places the call (toward a trunk), and says why an answer is unusable', async () => {
    const m = new PlainRtpMedia({});
    try {
      const offer = parseAudioSdp((await m.getDescription()).body);
      expect(offer).toMatchObject({ address: '127.0.0.1', profile: 'RTP/AVP', formats: [0, 101], eventTypes: [101], direction: 'sendrecv' });
      expect(m.isConnected).toBe(false); // no answer yet: nowhere to send
      await expect(m.setDescription('v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 8\r\n')).rejects.toThrow(/PCMU/);
      expect(m.unusableAnswer).toBe('PCMU (payload type 0) is not offered');
    } finally {
      m.close();
    }
    const ok = new PlainRtpMedia({});
    try {
      await ok.getDescription();
      await ok.setDescription('v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n');
      expect(ok.unusableAnswer).toBeNull();
      expect(ok.isConnected).toBe(true);
    } finally {
      ok.close();
    }
  });
});
