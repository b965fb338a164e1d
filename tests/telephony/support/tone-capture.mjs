// A pcap of RTP for sipp's play_pcap_audio: a line that "speaks" one constant byte, so the far side can tell it
// apart from its own audio and from silence (sip-trunk-media-run.mjs, sip-dial-out-run.mjs).

/** `frames` 20 ms PCMU frames of one byte as RTP, in a pcap (Ethernet, IPv4, UDP) that sipp's play_pcap_audio sends. */
export function toneCapture(byte, frames) {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20); // Ethernet
  const parts = [header];
  for (let i = 0; i < frames; i++) {
    const rtp = Buffer.alloc(12 + 160, byte);
    rtp[0] = 0x80;
    rtp[1] = i === 0 ? 0x80 : 0; // PCMU, marker on the first
    rtp.writeUInt16BE(i, 2);
    rtp.writeUInt32BE(i * 160, 4);
    rtp.writeUInt32BE(0x5eed0001, 8);
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(4000, 0); // sipp puts its media port and the far end's in place of these
    udp.writeUInt16BE(4000, 2);
    udp.writeUInt16BE(8 + rtp.length, 4);
    const ip = Buffer.from([0x45, 0, 0, 0, 0, 0, 0, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1]);
    ip.writeUInt16BE(20 + 8 + rtp.length, 2);
    const ether = Buffer.alloc(14);
    ether.writeUInt16BE(0x0800, 12);
    const frame = Buffer.concat([ether, ip, udp, rtp]);
    const record = Buffer.alloc(16);
    const us = i * 20_000;
    record.writeUInt32LE(Math.floor(us / 1e6), 0);
    record.writeUInt32LE(us % 1e6, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    parts.push(record, frame);
  }
  return Buffer.concat(parts);
}
