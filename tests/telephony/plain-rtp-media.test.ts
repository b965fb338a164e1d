// The endpoint's plain RTP media (RTP/AVP over UDP) on its own: two handlers negotiate over SDP on 127.0.0.1 and
// exchange PCMU frames and RFC 4733 keys; the ports come from the configured range; offers it cannot answer fail.
import { afterEach, describe, expect, it } from 'vitest';
import { PlainRtpMedia, parseAudioSdp } from '@telesales/telephony/endpoint/index';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const open: PlainRtpMedia[] = [];
afterEach(() => { for (const m of open.splice(0)) m.close(); });

function media(options: ConstructorParameters<typeof PlainRtpMedia>[0] = {}): PlainRtpMedia & { heard: Buffer[]; keys: string[] } {
  const heard: Buffer[] = [];
  const keys: string[] = [];
  const m = Object.assign(new PlainRtpMedia({ ...options, onAudio: (p) => heard.push(p), onDtmf: (k) => keys.push(k) }), { heard, keys });
  open.push(m);
  return m;
}

describe('PlainRtpMedia (RTP/AVP, no ICE or DTLS)', () => {
  it('answers an offer with PCMU and the offered telephone-event type, from a port of the range, and exchanges audio and keys', async () => {
    const phone = media({ ports: '23000-23009' });
    const endpoint = media({ ports: '23100-23109' });
    const offer = (await phone.getDescription()).body;
    await endpoint.setDescription(offer.replace(/ 101/g, ' 96').replace(/:101/g, ':96'));
    const answer = (await endpoint.getDescription()).body;
    const a = parseAudioSdp(answer)!;
    expect(a).toMatchObject({ address: '127.0.0.1', profile: 'RTP/AVP', formats: [0, 96], eventTypes: [96], direction: 'sendrecv' });
    expect(a.port).toBeGreaterThanOrEqual(23100);
    expect(a.port % 2).toBe(0);
    await phone.setDescription(answer);
    expect(phone.isConnected && endpoint.isConnected).toBe(true);

    for (let i = 0; i < 5; i++) endpoint.sendFrame(Buffer.alloc(160, 0x55), i === 0);
    await endpoint.sendKey('7');
    await sleep(50);
    expect(phone.heard.map((p) => p.length)).toEqual([160, 160, 160, 160, 160]);
    expect(phone.keys).toEqual(['7']);
    phone.sendFrame(Buffer.alloc(160, 0x11));
    await phone.sendKey('#');
    await sleep(50);
    expect(endpoint.rxBytes).toBe(160);
    expect(endpoint.keys).toEqual(['#']);
    expect(endpoint.txPackets).toBe(5 + 8 + 3);
  });

  it('latches to where the far end sends from (symmetric RTP), not the address its SDP announced', async () => {
    const phone = media();
    const endpoint = media();
    const offer = (await phone.getDescription()).body.replace(/^m=audio \d+/m, 'm=audio 9');
    await endpoint.setDescription(offer);
    await phone.setDescription((await endpoint.getDescription()).body);
    phone.sendFrame(Buffer.alloc(160, 0x22)); // from phone's real port: the endpoint now sends there
    await sleep(30);
    endpoint.sendFrame(Buffer.alloc(160, 0x33));
    await sleep(30);
    expect(phone.heard).toHaveLength(1);
  });

  it('refuses offers it cannot answer: SRTP, or no PCMU', async () => {
    const m = media();
    await expect(m.setDescription('v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/SAVP 0\r\n')).rejects.toThrow(/RTP\/AVP/);
    await expect(m.setDescription('v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 8\r\n')).rejects.toThrow(/PCMU/);
  });
});
