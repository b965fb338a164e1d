// The baseline of tests/bench/sip.bench.mjs, section 3: N plain RTP streams from a bare Node process, paced the way
// the runtime's endpoint paces its calls (a 10 ms timer sending the 20 ms frames due since the start), with no SIP,
// no flow and no database. Captured by the same tcpdump as the endpoint's calls, so what the endpoint adds is the
// difference. argv JSON {n, firstPort, ms}; sends {type:'sending'} over IPC, exits when done. The packets go to a
// socket of this process that drops them (as the endpoint's go to sipp).
import { createSocket } from 'node:dgram';
import { performance } from 'node:perf_hooks';

const { n, firstPort, ms } = JSON.parse(process.argv[2]);
const sink = createSocket('udp4');
await new Promise((resolve) => sink.bind(0, '127.0.0.1', resolve));
const target = sink.address().port;
const sockets = await Promise.all(Array.from({ length: n }, (_, i) => new Promise((resolve, reject) => {
  const s = createSocket('udp4');
  s.once('error', reject);
  s.bind(firstPort + 2 * i, '127.0.0.1', () => resolve(s));
})));
const payload = Buffer.alloc(160, 0xff);
const streams = sockets.map((socket) => ({ socket, seq: 0, sent: 0 }));
const t0 = performance.now();
process.send({ type: 'sending' });
const timer = setInterval(() => {
  const due = Math.floor((performance.now() - t0) / 20) + 1;
  for (const s of streams) {
    for (; s.sent < due; s.sent++) {
      const rtp = Buffer.alloc(172);
      rtp[0] = 0x80; rtp.writeUInt16BE(s.seq++ & 0xffff, 2); rtp.writeUInt32BE(s.sent * 160, 4); rtp.writeUInt32BE(0x1234, 8);
      payload.copy(rtp, 12);
      s.socket.send(rtp, target, '127.0.0.1');
    }
  }
}, 10);
setTimeout(() => { clearInterval(timer); for (const s of sockets) s.close(); sink.close(); process.exit(0); }, ms);
