/**
 * Streaming Enttec USB Pro frame parser: push serial chunks (split anywhere), get complete frames.
 *
 * Rules (PROTOCOLS.md §3.1, as OLA's receiver, with one improvement): skip to 0x7E; read label and
 * length; a length over 600 or a missing 0xE7 right after the body rejects the candidate. Frames are
 * parsed by length, never by scanning for 0xE7, because data may contain 0x7E/0xE7. Unlike OLA, a
 * rejected candidate only costs its 0x7E: the search restarts at the byte after it, so a valid frame
 * that began inside the rejected candidate's bytes is still found.
 *
 * Memory is bounded: at most one incomplete candidate (≤ 604 bytes) is kept between pushes.
 */
import { EOM, FRAME_OVERHEAD, HEADER_SIZE, MAX_PAYLOAD, SOM, type EnttecFrame } from './codec.ts';

/** Largest frame: header + 600 + EOM. */
const MAX_FRAME = MAX_PAYLOAD + FRAME_OVERHEAD;

export interface EnttecStreamStats {
  /** Bytes pushed in. */
  bytesIn: number;
  /** Frames delivered. */
  frames: number;
  /** Bytes discarded (noise before a 0x7E and the 0x7E of every rejected candidate). */
  droppedBytes: number;
  /** Candidates rejected because their length field exceeded 600. */
  droppedTooLong: number;
  /** Candidates rejected because the byte after the body was not 0xE7. */
  droppedNoEom: number;
}

export class EnttecFrameStream {
  /** The incomplete candidate frame carried across pushes; pending[0] is always SOM when pendingLength > 0. */
  readonly #pending = new Uint8Array(MAX_FRAME);
  #pendingLength = 0;
  #stats: EnttecStreamStats = { bytesIn: 0, frames: 0, droppedBytes: 0, droppedTooLong: 0, droppedNoEom: 0 };

  /** Counters since construction or reset() (a copy). */
  get stats(): EnttecStreamStats {
    return { ...this.#stats };
  }

  /** Bytes held for an incomplete frame (bytesIn = bytes in delivered frames + droppedBytes + pendingBytes). */
  get pendingBytes(): number {
    return this.#pendingLength;
  }

  /** Forget any partial frame and the counters (a reopened port). */
  reset(): void {
    this.#pendingLength = 0;
    this.#stats = { bytesIn: 0, frames: 0, droppedBytes: 0, droppedTooLong: 0, droppedNoEom: 0 };
  }

  /** Feeds bytes; returns the frames they complete, in order. Payloads are copies the caller may keep. */
  push(chunk: Uint8Array): EnttecFrame[] {
    const frames: EnttecFrame[] = [];
    this.#stats.bytesIn += chunk.length;
    let pos = this.#drainPending(chunk, frames);

    // Fast path: parse straight from the chunk; only an incomplete tail gets copied.
    const n = chunk.length;
    while (pos < n) {
      if (chunk[pos] !== SOM) {
        const som = chunk.indexOf(SOM, pos);
        const skipTo = som < 0 ? n : som;
        this.#stats.droppedBytes += skipTo - pos;
        pos = skipTo;
        if (som < 0) break;
      }
      if (n - pos < HEADER_SIZE) break;
      const len = chunk[pos + 2]! | (chunk[pos + 3]! << 8);
      if (len > MAX_PAYLOAD) {
        this.#reject('tooLong');
        pos += 1;
        continue;
      }
      const total = len + FRAME_OVERHEAD;
      if (n - pos < total) break;
      if (chunk[pos + total - 1] === EOM) {
        frames.push({ label: chunk[pos + 1]!, payload: chunk.slice(pos + HEADER_SIZE, pos + HEADER_SIZE + len) });
        this.#stats.frames++;
        pos += total;
      } else {
        this.#reject('noEom');
        pos += 1;
      }
    }
    if (pos < n) {
      // chunk[pos] is SOM and the rest is shorter than the frame it announces (≤ 604 bytes).
      this.#pending.set(chunk.subarray(pos), 0);
      this.#pendingLength = n - pos;
    }
    return frames;
  }

  /** Completes the carried candidate from the head of `chunk`; returns where the fast path continues. */
  #drainPending(chunk: Uint8Array, frames: EnttecFrame[]): number {
    let pos = 0;
    while (this.#pendingLength > 0) {
      if (this.#pendingLength < HEADER_SIZE) {
        pos = this.#fill(chunk, pos, HEADER_SIZE);
        if (this.#pendingLength < HEADER_SIZE) return pos;
      }
      const p = this.#pending;
      const len = p[2]! | (p[3]! << 8);
      if (len > MAX_PAYLOAD) {
        this.#reject('tooLong');
        this.#advancePending(1);
        continue;
      }
      const total = len + FRAME_OVERHEAD;
      pos = this.#fill(chunk, pos, total);
      if (this.#pendingLength < total) return pos;
      if (p[total - 1] === EOM) {
        frames.push({ label: p[1]!, payload: p.slice(HEADER_SIZE, HEADER_SIZE + len) });
        this.#stats.frames++;
        this.#advancePending(total);
      } else {
        this.#reject('noEom');
        this.#advancePending(1);
      }
    }
    return pos;
  }

  /** Copies bytes from chunk[pos…] until the candidate holds `want` bytes or the chunk ends. */
  #fill(chunk: Uint8Array, pos: number, want: number): number {
    const take = Math.min(want - this.#pendingLength, chunk.length - pos);
    if (take <= 0) return pos;
    this.#pending.set(chunk.subarray(pos, pos + take), this.#pendingLength);
    this.#pendingLength += take;
    return pos + take;
  }

  /**
   * Removes the first `k` held bytes (a delivered frame, or a rejected candidate's SOM — both already
   * counted) and realigns on the next SOM among the rest, which may have come in with this chunk.
   */
  #advancePending(k: number): void {
    const p = this.#pending;
    const rest = p.subarray(k, this.#pendingLength);
    const som = rest.indexOf(SOM);
    if (som < 0) {
      this.#stats.droppedBytes += rest.length;
      this.#pendingLength = 0;
      return;
    }
    this.#stats.droppedBytes += som;
    p.copyWithin(0, k + som, this.#pendingLength);
    this.#pendingLength -= k + som;
  }

  #reject(why: 'tooLong' | 'noEom'): void {
    if (why === 'tooLong') this.#stats.droppedTooLong++;
    else this.#stats.droppedNoEom++;
    this.#stats.droppedBytes += 1; // the candidate's SOM; the bytes after it are scanned again
  }
}
