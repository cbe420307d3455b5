import type { DmxInput, DmxOutput } from '../../../preload/contract/dmx-api.ts';
import { formatPortAddress, parsePortAddress, parseWhole } from './dmx-format.ts';

/**
 * The DMX settings' output and input lists as the editor holds them (numbers as typed). Errors are keyed like
 * the core's issue paths ("dmx.outputs.0.portAddress"), so the core's messages and these land in one place.
 */

export type Protocol = 'artnet' | 'sacn';

export interface OutputDraft {
  key: number;
  protocol: Protocol;
  universe: string;
  /** Art-Net: "net:sub:uni" or a number. */
  portAddress: string;
  /** sACN universe 1–63999. */
  sacnUniverse: string;
  /** '' = automatic (nodes found by ArtPoll / multicast). */
  target: string;
  priority: string;
}

export interface InputDraft {
  key: number;
  protocol: Protocol;
  universe: string;
  portAddress: string;
  sacnUniverse: string;
  merge: boolean;
  /** Seconds, as typed. */
  lossTimeoutS: string;
}

export function toOutputDrafts(outputs: readonly DmxOutput[]): OutputDraft[] {
  return outputs.map((o, key) =>
    o.protocol === 'artnet'
      ? { key, protocol: 'artnet', universe: String(o.universe), portAddress: formatPortAddress(o.portAddress), sacnUniverse: String(o.universe), target: o.target, priority: '100' }
      : { key, protocol: 'sacn', universe: String(o.universe), portAddress: formatPortAddress(o.universe - 1), sacnUniverse: String(o.sacnUniverse), target: o.target, priority: String(o.priority) },
  );
}

export function toInputDrafts(inputs: readonly DmxInput[]): InputDraft[] {
  return inputs.map((i, key) => ({
    key,
    protocol: i.protocol,
    universe: String(i.universe),
    portAddress: i.protocol === 'artnet' ? formatPortAddress(i.portAddress) : formatPortAddress(i.universe - 1),
    sacnUniverse: i.protocol === 'sacn' ? String(i.sacnUniverse) : String(i.universe),
    merge: i.merge,
    lossTimeoutS: String(i.lossTimeoutMs / 1000),
  }));
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function targetOf(text: string, path: string, errors: Record<string, string>): string {
  const t = text.trim();
  if (t !== '' && !ipv4.test(t)) errors[path] = 'Give an IPv4 address like 10.0.0.5, or leave empty';
  return t;
}

export function fromOutputDrafts(drafts: readonly OutputDraft[], universes: number): { outputs: DmxOutput[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const outputs = drafts.map((d, i): DmxOutput => {
    const at = (f: string) => `dmx.outputs.${i}.${f}`;
    const universe = parseWhole(d.universe, 1, universes, 'The universe');
    if (!universe.ok) errors[at('universe')] = universe.message;
    const target = targetOf(d.target, at('target'), errors);
    const u = universe.ok ? universe.value : 1;
    if (d.protocol === 'artnet') {
      const pa = parsePortAddress(d.portAddress);
      if (!pa.ok) errors[at('portAddress')] = pa.message;
      return { protocol: 'artnet', universe: u, portAddress: pa.ok ? pa.value : 0, target };
    }
    const su = parseWhole(d.sacnUniverse, 1, 63999, 'An sACN universe');
    if (!su.ok) errors[at('sacnUniverse')] = su.message;
    const priority = parseWhole(d.priority, 0, 200, 'The priority');
    if (!priority.ok) errors[at('priority')] = priority.message;
    return { protocol: 'sacn', universe: u, sacnUniverse: su.ok ? su.value : 1, target, priority: priority.ok ? priority.value : 100 };
  });
  return { outputs, errors };
}

export function fromInputDrafts(drafts: readonly InputDraft[], universes: number): { inputs: DmxInput[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const inputs = drafts.map((d, i): DmxInput => {
    const at = (f: string) => `dmx.inputs.${i}.${f}`;
    const universe = parseWhole(d.universe, 1, universes, 'The universe');
    if (!universe.ok) errors[at('universe')] = universe.message;
    const seconds = Number(d.lossTimeoutS.trim().replace(',', '.'));
    const lossTimeoutMs = Math.round(seconds * 1000);
    if (d.lossTimeoutS.trim() === '' || !Number.isFinite(seconds) || lossTimeoutMs < 500 || lossTimeoutMs > 60_000) errors[at('lossTimeoutMs')] = 'The loss timeout is 0.5–60 seconds';
    const common = { universe: universe.ok ? universe.value : 1, merge: d.merge, lossTimeoutMs: errors[at('lossTimeoutMs')] ? 3000 : lossTimeoutMs };
    if (d.protocol === 'artnet') {
      const pa = parsePortAddress(d.portAddress);
      if (!pa.ok) errors[at('portAddress')] = pa.message;
      return { protocol: 'artnet', portAddress: pa.ok ? pa.value : 0, ...common };
    }
    const su = parseWhole(d.sacnUniverse, 1, 63999, 'An sACN universe');
    if (!su.ok) errors[at('sacnUniverse')] = su.message;
    return { protocol: 'sacn', sacnUniverse: su.ok ? su.value : 1, ...common };
  });
  return { inputs, errors };
}

/** A new output for the next universe not yet sent: Art-Net Port-Address universe − 1 (the usual 1 → 0:0:0). */
export function newOutputDraft(drafts: readonly OutputDraft[], key: number): OutputDraft {
  const used = new Set(drafts.map((d) => Number(d.universe)));
  let u = 1;
  while (used.has(u)) u++;
  return { key, protocol: 'artnet', universe: String(u), portAddress: formatPortAddress(Math.min(32767, u - 1)), sacnUniverse: String(u), target: '', priority: '100' };
}

export function newInputDraft(drafts: readonly InputDraft[], key: number): InputDraft {
  const u = drafts.length + 1;
  return { key, protocol: 'artnet', universe: String(u), portAddress: formatPortAddress(Math.min(32767, u - 1)), sacnUniverse: String(u), merge: false, lossTimeoutS: '3' };
}
