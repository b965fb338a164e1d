// Run by plain-rtp-media.test.ts as `unshare -n node plain-rtp-media-run.mjs`: a network namespace holding only
// loopback, where two PlainRtpMedia handlers negotiate over SDP and exchange PCMU frames and RFC 4733 keys.
// Prints one JSON line with what each side saw.
import { createSocket } from 'node:dgram';
import { PlainRtpMedia, parseAudioSdp } from '@telesales/telephony/endpoint/index';
import { enterNamespace, sleep } from './sip-stage.mjs';

const result = { interfaces: enterNamespace() };
const open = [];
function media(options = {}) {
  const heard = [];
  const keys = [];
  const m = Object.assign(new PlainRtpMedia({ ...options, onAudio: (p) => heard.push(p), onDtmf: (k) => keys.push(k) }), { heard, keys });
  open.push(m);
  return m;
}

try {
  // Offer/answer with the range's ports and the offer's telephone-event type; audio and keys both ways.
  {
    const phone = media({ ports: '23000-23009' });
    const endpoint = media({ ports: '23100-23109' });
    const offer = (await phone.getDescription()).body;
    await endpoint.setDescription(offer.replace(/ 101/g, ' 96').replace(/:101/g, ':96'));
    const answer = (await endpoint.getDescription()).body;
    await phone.setDescription(answer);
    const connected = phone.isConnected && endpoint.isConnected;
    for (let i = 0; i < 5; i++) endpoint.sendFrame(Buffer.alloc(160, 0x55), i === 0);
    await endpoint.sendKey('7');
    await sleep(50);
    phone.sendFrame(Buffer.alloc(160, 0x11));
    await phone.sendKey('#');
    await sleep(50);
    result.exchange = {
      answer: parseAudioSdp(answer), connected, phoneHeard: phone.heard.map((p) => p.length), phoneKeys: phone.keys,
      endpointRxBytes: endpoint.rxBytes, endpointKeys: endpoint.keys, endpointTxPackets: endpoint.txPackets,
    };
  }
  // Symmetric RTP: the endpoint sends to where the phone's packets come from, not the port its SDP announced.
  {
    const phone = media();
    const endpoint = media();
    const offer = (await phone.getDescription()).body.replace(/^m=audio \d+/m, 'm=audio 9');
    await endpoint.setDescription(offer);
    await phone.setDescription((await endpoint.getDescription()).body);
    phone.sendFrame(Buffer.alloc(160, 0x22));
    await sleep(30);
    endpoint.sendFrame(Buffer.alloc(160, 0x33));
    await sleep(30);
    // Once latched, packets from anywhere else (another port on the same machine) are not this call's.
    const stranger = createSocket('udp4');
    await new Promise((r) => stranger.bind(0, '127.0.0.1', r));
    const port = parseAudioSdp((await endpoint.getDescription()).body).port;
    const forged = Buffer.alloc(12 + 160, 0x44);
    forged[0] = 0x80; forged[1] = 0;
    const rxBefore = endpoint.rxPackets;
    await new Promise((r) => stranger.send(forged, port, '127.0.0.1', r));
    phone.sendFrame(Buffer.alloc(160, 0x22));
    await sleep(30);
    stranger.close();
    result.latch = { phoneHeard: phone.heard.length, endpointAcceptedFromStranger: endpoint.rxPackets - rxBefore - 1 };
  }
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  for (const m of open) m.close();
}
console.log(JSON.stringify(result));
process.exit(0);
