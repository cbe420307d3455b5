import type { MessagePort } from 'node:worker_threads';
import type { DmxInput, DmxOutput, DmxSettings, DmxStatus } from '../../../preload/contract/dmx-api.ts';
import type { DmxFixture } from '../../../preload/contract/dmx.ts';
import type { EngineCueList, Look } from '../engine/index.ts';
import type { SerialDmxReport, SerialWorkerConfig } from './serial-dmx.ts';

/**
 * Messages between the main thread and the DMX worker. The worker owns the frame clock, the engine and
 * every output/input socket; the main thread owns the store, the API and the UI. Commands are small and
 * rare (a GO, a fader move); the merged output is shared through a SharedArrayBuffer the main thread reads
 * whenever it likes (GET /api/dmx/universes/:n, the live universe view) — never a frame in a message.
 */

/** What the worker needs to run: the settings, with addresses resolved by the main thread. */
export interface WorkerConfig {
  universes: number;
  artnet: DmxSettings['artnet'] & {
    /** Directed broadcast resolved from the interface (or the override). */
    broadcastAddress: string;
    /** The interface's MAC, for our ArtPollReply. */
    mac: string;
  };
  sacn: DmxSettings['sacn'] & { /** Stable per installation (E1.31 asks for one CID per source). */ cid: string };
  outputs: DmxOutput[];
  inputs: DmxInput[];
  /** The Enttec, DMX text inputs and monitors (serial-dmx.ts); absent = none. */
  serial?: SerialWorkerConfig;
}

export interface WorkerInit {
  /** Engine output: universes × 512 bytes. */
  output: SharedArrayBuffer;
  /** Seqlock over `output`: [0] is odd while a render writes, even when the frame is whole. */
  seq: SharedArrayBuffer;
  config: WorkerConfig;
  /** The worker's end of the serial relay (native/serial/relay.ts): its ports run on the main thread through it on Windows. */
  serialRelay?: MessagePort;
}

export type WorkerCommand =
  | { type: 'config'; config: WorkerConfig }
  | { type: 'patch'; fixtures: DmxFixture[] }
  | { type: 'set'; universe: number; values: Record<string, number> }
  | { type: 'release'; universe: number | null; channels: number[] | null; fadeMs: number }
  | { type: 'go'; playback: string; look: Look; fadeMs: number }
  | { type: 'releasePlayback'; playback: string; fadeMs: number }
  | { type: 'loadCueList'; playback: string; list: EngineCueList }
  | { type: 'unloadCueList'; playback: string }
  | { type: 'cue'; playback: string; action: 'go' | 'back' | 'jump'; index?: number }
  | { type: 'master'; level: number }
  | { type: 'blackout'; on: boolean; fadeMs: number | undefined }
  /** The stage before grand master and blackout, for recording a scene. */
  | { type: 'record'; universes: number[] }
  | { type: 'input'; index: number }
  | { type: 'status' }
  /** Send sACN terminations, close every socket; the reply is the last thing the worker says. */
  | { type: 'stop' };

export type WorkerStatus = Omit<DmxStatus, 'running'>;

export type FromWorker =
  | { type: 'reply'; id: number; ok: true; status: WorkerStatus; frames?: Record<number, number[]> }
  | { type: 'reply'; id: number; ok: false; error: string; status: WorkerStatus }
  | { type: 'status'; status: WorkerStatus }
  /** Raw monitor values and the Enttec's identity, with each status tick. */
  | { type: 'serial'; report: SerialDmxReport }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; msg: string; fields?: Record<string, unknown> };

export interface WorkerRequest {
  id: number;
  command: WorkerCommand;
}
