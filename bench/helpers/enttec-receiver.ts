// A separate process at the far end of a pty that plays an Enttec DMX USB Pro (answers the probe) and
// records when each label-6 frame arrived, so the sender's timing is measured at the "widget", not through
// the sender's own event loop. Usage: node enttec-receiver.ts <pty path>
// Prints "ready" once open; SIGUSR2 starts the measured window; SIGTERM prints one JSON line: frames, bad frames,
// interval percentiles.
import { EnttecProTwin } from '../../native/enttec/twin.ts';
import { openSerial } from '../../native/serial/link.ts';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: enttec-receiver.ts <pty path>');
const twin = new EnttecProTwin({ historyLimit: 1 });
const arrivals: number[] = [];
let bad = 0;
let seen = 0;
const link = await openSerial(path, 115_200, {
  onData: (chunk) => {
    const t = performance.now();
    const reply = twin.feed(chunk, t);
    if (reply.length > 0) void link.write(reply).catch(() => {});
    while (seen < twin.dmxFrameCount) {
      seen++;
      arrivals.push(t);
      const last = twin.lastDmx!;
      if (last.startCode !== 0 || last.slots.length !== 512) bad++;
    }
  },
  onClose: () => {},
});
process.stdout.write('ready\n');
// SIGUSR2: the measured window starts now (frames before it were the warm-up).
process.on('SIGUSR2', () => {
  arrivals.length = 0;
  bad = 0;
});

process.on('SIGTERM', () => {
  const intervals: number[] = [];
  for (let i = 1; i < arrivals.length; i++) intervals.push(arrivals[i]! - arrivals[i - 1]!);
  intervals.sort((a, b) => a - b);
  const at = (q: number) => Math.round((intervals[Math.min(intervals.length - 1, Math.floor(q * intervals.length))] ?? NaN) * 1000) / 1000;
  const spanS = arrivals.length > 1 ? (arrivals.at(-1)! - arrivals[0]!) / 1000 : 0;
  process.stdout.write(`${JSON.stringify({ frames: arrivals.length, badFrames: bad, spanS, intervalMs: { n: intervals.length, p1: at(0.01), p50: at(0.5), p99: at(0.99), max: at(1) } })}\n`);
  void link.close().finally(() => process.exit(0));
});
