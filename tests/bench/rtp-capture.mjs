// What tests/bench/sip.bench.mjs (section 3, plain RTP callers) needs to measure RTP on the wire: a pcap of a
// caller's voice for sipp's play_pcap_audio, a tcpdump capture on lo (kernel timestamps: the timing of the
// packets as the sender put them on the wire, not as some receiver's event loop saw them), and per-stream figures.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

export const LATE_MS = 40; // two 20 ms frames

/**
 * A pcap (Ethernet, IPv4, UDP, RTP) of `seconds` of PCMU in 20 ms packets, for sipp's play_pcap_audio (which takes
 * only the timing and the RTP from it: sipp sends from the call's media port to the SDP answer's address).
 * The samples are noise: the IVR does not listen to the caller's audio, only load and timing matter.
 */
export function writeRtpPcap(file, seconds) {
  const records = [];
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0); header.writeUInt16LE(2, 4); header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16); header.writeUInt32LE(1, 20);
  records.push(header);
  const ssrc = randomBytes(4).readUInt32BE(0);
  for (let i = 0; i < seconds * 50; i++) {
    const rtp = Buffer.concat([Buffer.alloc(12), randomBytes(160)]);
    rtp[0] = 0x80; rtp[1] = i === 0 ? 0x80 : 0; rtp.writeUInt16BE(i & 0xffff, 2); rtp.writeUInt32BE(i * 160, 4); rtp.writeUInt32BE(ssrc, 8);
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(40000, 0); udp.writeUInt16BE(40002, 2); udp.writeUInt16BE(8 + rtp.length, 4);
    const ip = Buffer.from([0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1]);
    ip.writeUInt16BE(20 + udp.length + rtp.length, 2);
    const eth = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00]);
    const frame = Buffer.concat([eth, ip, udp, rtp]);
    const rec = Buffer.alloc(16);
    const us = i * 20_000;
    rec.writeUInt32LE(Math.floor(us / 1e6), 0); rec.writeUInt32LE(us % 1e6, 4); rec.writeUInt32LE(frame.length, 8); rec.writeUInt32LE(frame.length, 12);
    records.push(rec, frame);
  }
  writeFileSync(file, Buffer.concat(records));
}

/** Starts tcpdump on lo writing `file` (headers only); `stop()` ends it and resolves with its drop counts. */
export async function startCapture(file, filter) {
  const child = spawn('tcpdump', ['-i', 'lo', '-n', '-s', '96', '-B', '16384', '-w', file, filter], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  await new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => { err += d; if (/listening on/.test(err)) resolve(); });
    child.once('exit', (code) => reject(new Error(`tcpdump exited ${code}: ${err.trim()}`)));
  });
  let stopped = null;
  return {
    stop: () => (stopped ??= new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve({ dropped: Number(/(\d+) packets? dropped by kernel/.exec(err)?.[1] ?? NaN) }));
      child.kill('SIGINT');
    })),
  };
}

/** The RTP packets of a capture: arrival time (ms, wall clock), UDP source port, RTP sequence number and type. */
export function readRtpCapture(file) {
  const b = readFileSync(file);
  if (b.length < 24) return [];
  const magic = b.readUInt32LE(0);
  const nano = magic === 0xa1b23c4d;
  const link = b.readUInt32LE(20);
  const l2 = link === 1 ? 14 : link === 113 ? 16 : link === 276 ? 20 : 0;
  const packets = [];
  for (let o = 24; o + 16 <= b.length;) {
    const t = b.readUInt32LE(o) * 1000 + b.readUInt32LE(o + 4) / (nano ? 1e6 : 1e3);
    const len = b.readUInt32LE(o + 8);
    const frame = b.subarray(o + 16, o + 16 + len);
    o += 16 + len;
    const ip = frame.subarray(l2);
    if (ip.length < 20 || ip[0] >> 4 !== 4 || ip[9] !== 17) continue;
    const udp = ip.subarray((ip[0] & 15) * 4);
    if (udp.length < 20 || udp[8] >> 6 !== 2) continue;
    packets.push({ t, port: udp.readUInt16BE(0), seq: udp.readUInt16BE(10), pt: udp[9] & 0x7f });
  }
  return packets;
}

/**
 * Per stream (a source port) in [from, to): packets, late packets (gap to the previous one > 40 ms), the longest
 * gap, sequence numbers missing (lost before the wire) and the shortfall against one packet per 20 ms.
 */
export function streamStats(packets, from, to) {
  const byPort = new Map();
  for (const p of packets) {
    if (p.t < from || p.t >= to || p.pt !== 0) continue;
    let list = byPort.get(p.port);
    if (!list) byPort.set(p.port, (list = []));
    list.push(p);
  }
  const expected = (to - from) / 20;
  return [...byPort.entries()].map(([port, list]) => {
    list.sort((a, b) => a.t - b.t);
    let late = 0; let maxGap = 0; let missing = 0;
    for (let k = 1; k < list.length; k++) {
      const gap = list[k].t - list[k - 1].t;
      if (gap > LATE_MS) late++;
      maxGap = Math.max(maxGap, gap);
      missing += Math.max(0, ((list[k].seq - list[k - 1].seq) & 0xffff) - 1);
    }
    // One packet more or less is where the window's edges fall between two packets, not loss.
    return { port, packets: list.length, late, maxGap, missing, shortfall: Math.max(0, Math.floor(expected) - 1 - list.length) };
  });
}
