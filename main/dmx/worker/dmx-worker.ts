// The DMX worker thread: the frame clock, the engine and every output/input socket live here, so a frame
// never waits on SQLite, JSON parsing or the UI on the main thread. Entry point only: the work is in runtime.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { DmxRuntime } from './runtime.ts';
import { relayOpener, serialRelayWanted } from '../../../native/serial/relay.ts';
import type { FromWorker, WorkerInit, WorkerRequest } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('dmx-worker.ts runs as a worker thread');
const init = workerData as WorkerInit;
const post = (m: FromWorker) => port.postMessage(m);
const now = () => performance.now();
// On Windows serialport's reads and writes only work on the main thread: the ports are opened there and
// relayed (SHOWSITE_SERIAL_RELAY=1 takes the same path elsewhere, for tests). On Unix the worker opens them itself.
const relay = init.serialRelay;
const serialOpen = relay && serialRelayWanted() ? relayOpener(relay, { onInvalid: (why) => post({ type: 'log', level: 'warn', msg: 'serial relay: dropped a malformed message', fields: { why } }) }) : undefined;

const runtime = new DmxRuntime({
  config: init.config,
  output: init.output,
  seq: new Int32Array(init.seq),
  log: (level, msg, fields) => post({ type: 'log', level, msg, fields }),
  ...(serialOpen ? { serialIo: { open: serialOpen } } : {}),
});

// Sleeping precisely: setTimeout wakes us ~2 ms early (timers are coarse), Atomics.wait sleeps the rest.
const sleeper = new Int32Array(new SharedArrayBuffer(4));
let timer: NodeJS.Timeout | undefined;
let scheduledFor = 0;
let stopped = false;

function frame(): void {
  timer = undefined;
  if (stopped) return;
  const rest = scheduledFor - now();
  if (rest > 0) Atomics.wait(sleeper, 0, 0, rest);
  const t = now();
  runtime.lateness.record(Math.max(0, t - scheduledFor));
  runtime.pump(t, scheduledFor);
  // A fixed grid, so a late tick does not push every later one back (the rate stays 44 Hz on average);
  // a tick more than a whole period late is skipped, never made up with a burst.
  const period = runtime.framePeriodMs();
  let next = scheduledFor + period;
  if (next <= t) next = t + period;
  schedule(next);
}

function schedule(at: number): void {
  if (stopped) return;
  if (timer) clearTimeout(timer);
  scheduledFor = at;
  timer = setTimeout(frame, Math.max(0, at - now() - 2));
}

// Commands are applied one at a time, in order (a config change reopens sockets: it is async).
let queue: Promise<void> = Promise.resolve();
port.on('message', (req: WorkerRequest) => {
  queue = queue.then(async () => {
    const t = now();
    try {
      if (req.command.type === 'config') await runtime.configure(req.command.config, t);
      if (req.command.type === 'stop') {
        stopped = true;
        if (timer) clearTimeout(timer);
        clearInterval(statusTimer);
        await runtime.stop();
        post({ type: 'reply', id: req.id, ok: true, status: runtime.status(now()) });
        return;
      }
      const result = runtime.command(req.command, t);
      // A GO goes out now if the rate limit allows, not at the next tick (which stays on its grid).
      runtime.pump(now());
      if (result.ok) post({ type: 'reply', id: req.id, ok: true, status: runtime.status(now()), ...(result.frames ? { frames: result.frames } : {}) });
      else post({ type: 'reply', id: req.id, ok: false, error: result.error, status: runtime.status(now()) });
    } catch (error) {
      post({ type: 'reply', id: req.id, ok: false, error: error instanceof Error ? error.message : String(error), status: runtime.status(now()) });
    }
  });
});

const statusTimer = setInterval(() => {
  post({ type: 'status', status: runtime.status(now()) });
  post({ type: 'serial', report: runtime.serialReport(now()) });
}, 250);

void runtime.start(now()).then(
  () => {
    post({ type: 'status', status: runtime.status(now()) });
    schedule(now());
  },
  (error: unknown) => post({ type: 'log', level: 'error', msg: 'DMX outputs could not start', fields: { error: String(error) } }),
);
