// A separate process that receives ArtDmx and records when each frame arrived, so the sender's timing is
// measured on the wire and not through a busy event loop. Usage: node artnet-receiver.ts <address> <port>
// Prints one JSON line when it gets SIGTERM: per-universe frame counts, interval percentiles, sequence gaps.
import { createSocket } from 'node:dgram';
import { decodeArtNet } from '../../native/artnet/codec.ts';

const [address = '127.0.0.2', port = '6454'] = process.argv.slice(2);
const arrivals = new Map<number, number[]>();
const sequences = new Map<number, number[]>();
const socket = createSocket({ type: 'udp4', reuseAddr: true });
socket.on('message', (msg) => {
  const t = performance.now();
  const p = decodeArtNet(msg);
  if (p.op !== 'dmx') return;
  (arrivals.get(p.portAddress) ?? arrivals.set(p.portAddress, []).get(p.portAddress)!).push(t);
  (sequences.get(p.portAddress) ?? sequences.set(p.portAddress, []).get(p.portAddress)!).push(p.sequence);
});
socket.bind(Number(port), address, () => process.stdout.write('ready\n'));

process.on('SIGTERM', () => {
  const intervals: number[] = [];
  let dropped = 0;
  let frames = 0;
  for (const [pa, times] of arrivals) {
    frames += times.length;
    for (let i = 1; i < times.length; i++) intervals.push(times[i]! - times[i - 1]!);
    const seq = sequences.get(pa)!;
    for (let i = 1; i < seq.length; i++) {
      const expected = seq[i - 1]! === 255 ? 1 : seq[i - 1]! + 1;
      if (seq[i] !== expected) dropped += (seq[i]! - expected + 255) % 255;
    }
  }
  intervals.sort((a, b) => a - b);
  const at = (q: number) => Math.round((intervals[Math.min(intervals.length - 1, Math.floor(q * intervals.length))] ?? NaN) * 1000) / 1000;
  process.stdout.write(`${JSON.stringify({ universes: arrivals.size, frames, sequenceGaps: dropped, intervalMs: { n: intervals.length, p50: at(0.5), p99: at(0.99), p1: at(0.01), max: at(1) } })}\n`);
  socket.close();
  process.exit(0);
});
