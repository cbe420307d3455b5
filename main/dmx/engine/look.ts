// A look (universe → channel → value, as stored in scenes) turned into flat arrays once, so GO is cheap.
import { DMX_CHANNELS, type DmxLookValues } from '../../../preload/contract/dmx.ts';

export interface LookUniverse {
  readonly universe: number;
  /** Channel indexes 0..511 (DMX address − 1), ascending. */
  readonly channels: Uint16Array;
  readonly values: Uint8Array;
}

export interface CompiledLook {
  readonly id: string;
  /** Ascending by universe; universes with no channels are left out. */
  readonly universes: readonly LookUniverse[];
}

const wholeNumber = /^[1-9][0-9]*$/;

/** Validates and flattens a look; returns a sentence saying what is wrong instead when it is not usable. */
export function compileLook(id: string, values: DmxLookValues, universeCount: number): CompiledLook | string {
  const universes: LookUniverse[] = [];
  const channelBuf = new Uint16Array(DMX_CHANNELS);
  const valueBuf = new Uint8Array(DMX_CHANNELS);
  for (const uKey of Object.keys(values)) {
    const universe = Number(uKey);
    if (!wholeNumber.test(uKey) || universe > universeCount) return `universe "${uKey}" is not 1–${universeCount}`;
    const channels = values[uKey];
    if (typeof channels !== 'object' || channels === null) return `universe ${uKey} has no channel map`;
    let n = 0;
    let ascending = true;
    for (const cKey of Object.keys(channels)) {
      const channel = Number(cKey);
      if (!wholeNumber.test(cKey) || channel > DMX_CHANNELS) return `channel "${cKey}" in universe ${uKey} is not 1–512`;
      const value = channels[cKey];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 255) return `value ${String(value)} at ${uKey}.${cKey} is not 0–255`;
      if (n > 0 && channel - 1 <= channelBuf[n - 1]!) ascending = false;
      channelBuf[n] = channel - 1;
      valueBuf[n] = value;
      n++;
    }
    if (n === 0) continue;
    // Integer keys enumerate in ascending order, so this sort is only a guard.
    if (!ascending) {
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => channelBuf[a]! - channelBuf[b]!);
      universes.push({ universe, channels: Uint16Array.from(order, (i) => channelBuf[i]!), values: Uint8Array.from(order, (i) => valueBuf[i]!) });
    } else universes.push({ universe, channels: channelBuf.slice(0, n), values: valueBuf.slice(0, n) });
  }
  universes.sort((a, b) => a.universe - b.universe);
  return { id, universes };
}

/** A look with no channels: GO to it releases everything the playback holds. */
export const EMPTY_LOOK: CompiledLook = { id: '', universes: [] };
