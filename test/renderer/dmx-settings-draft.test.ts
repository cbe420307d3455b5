import { describe, expect, it } from 'vitest';
import { settingsSections, type DmxInput, type DmxOutput } from '../../preload/contract/index.ts';
import { fromInputDrafts, fromOutputDrafts, newOutputDraft, toInputDrafts, toOutputDrafts } from '../../renderer/src/lib/dmx-settings-draft.ts';

const outputs: DmxOutput[] = [
  { protocol: 'artnet', universe: 1, portAddress: 0, target: '' },
  { protocol: 'artnet', universe: 2, portAddress: 0x0123, target: '10.0.0.7' },
  { protocol: 'sacn', universe: 3, sacnUniverse: 7, target: '', priority: 120 },
];
const inputs: DmxInput[] = [
  { protocol: 'artnet', portAddress: 17, universe: 4, merge: true, lossTimeoutMs: 2500 },
  { protocol: 'sacn', sacnUniverse: 9, universe: 5, merge: false, lossTimeoutMs: 3000 },
];

describe('DMX settings drafts', () => {
  it('outputs and inputs survive the editor unchanged, and the settings schema takes them', () => {
    const o = fromOutputDrafts(toOutputDrafts(outputs), 64);
    const i = fromInputDrafts(toInputDrafts(inputs), 64);
    expect(o).toEqual({ outputs, errors: {} });
    expect(i).toEqual({ inputs, errors: {} });
    const dmx = { ...settingsSections.dmx.defaults, outputs: o.outputs, inputs: i.inputs };
    expect(settingsSections.dmx.schema.safeParse(dmx).success).toBe(true);
  });

  it('shows Port-Addresses as net:sub:universe', () => {
    expect(toOutputDrafts(outputs)[1]!.portAddress).toBe('1:2:3');
    expect(toInputDrafts(inputs)[0]!.portAddress).toBe('0:1:1');
  });

  it('typing mistakes are keyed like the core’s issue paths', () => {
    const drafts = toOutputDrafts(outputs);
    drafts[0] = { ...drafts[0]!, portAddress: '0:16:0', target: '10.0.0' };
    drafts[2] = { ...drafts[2]!, sacnUniverse: '64000', universe: '65', priority: '201' };
    const { errors } = fromOutputDrafts(drafts, 64);
    expect(errors).toEqual({
      'dmx.outputs.0.portAddress': 'The sub-net is 0–15',
      'dmx.outputs.0.target': 'Give an IPv4 address like 10.0.0.5, or leave empty',
      'dmx.outputs.2.universe': 'The universe is a whole number 1–64',
      'dmx.outputs.2.sacnUniverse': 'An sACN universe is a whole number 1–63999',
      'dmx.outputs.2.priority': 'The priority is a whole number 0–200',
    });
    const ins = toInputDrafts(inputs);
    ins[1] = { ...ins[1]!, lossTimeoutS: '0.2' };
    expect(fromInputDrafts(ins, 64).errors).toEqual({ 'dmx.inputs.1.lossTimeoutMs': 'The loss timeout is 0.5–60 seconds' });
  });

  it('a new output takes the next universe not yet sent, at Port-Address universe − 1', () => {
    const d = newOutputDraft(toOutputDrafts(outputs), 9);
    expect(d).toMatchObject({ key: 9, protocol: 'artnet', universe: '4', portAddress: '0:0:3', target: '' });
  });
});
