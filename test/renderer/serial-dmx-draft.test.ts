import { describe, expect, it } from 'vitest';
import { dmxSettings, type DmxSettings } from '../../preload/contract/index.ts';
import {
  crossCheck,
  describeMonitor,
  fromEnttecDraft,
  fromMonitorDraft,
  fromSerialInputDraft,
  listWith,
  listWithout,
  monitorIdFor,
  monitorSources,
  newMonitorDraft,
  newSerialInputDraft,
  toEnttecDraft,
  toMonitorDraft,
  toSerialInputDraft,
  typedNumber,
} from '../../renderer/src/lib/serial-dmx-draft.ts';

const defaults = dmxSettings.dmx.defaults as DmxSettings;
const base = (change: Partial<DmxSettings> = {}): DmxSettings => ({ ...defaults, ...change });

const ledWall = { id: 'led-wall', name: 'LED wall brightness', room: 'Stage', source: 'output:1', channel: 101, fineChannel: 102, low: 0, high: 11000, unit: 'nits', metric: 'brightness' };

describe('typedNumber: what the operator typed', () => {
  it('reads plain, spaced, comma-decimal and minus-sign numbers; leaves the rest as text for the schema to name', () => {
    expect(typedNumber(' 40 ')).toBe(40);
    expect(typedNumber('1,5')).toBe(1.5);
    expect(typedNumber('\u22123')).toBe(-3);
    expect(typedNumber('')).toBe('');
    expect(typedNumber('forty')).toBe('forty');
    expect(typedNumber('1e3')).toBe('1e3');
  });
});

describe('Enttec settings draft', () => {
  it('round-trips the defaults ("auto") and a configured path unchanged', () => {
    expect(fromEnttecDraft(toEnttecDraft(defaults.enttec), base())).toEqual({ ok: true, value: defaults.enttec, errors: {} });
    const onPath = { ...defaults.enttec, enabled: true, port: '/dev/ttyUSB0', rateHz: 25, universe: 2, slots: 24, input: { enabled: true, universe: 3, changesOnly: true, merge: true, lossTimeoutMs: 1500 } };
    const d = toEnttecDraft(onPath);
    expect(d).toMatchObject({ auto: false, path: '/dev/ttyUSB0', rateHz: '25', inputLossS: '1.5' });
    expect(fromEnttecDraft(d, base())).toEqual({ ok: true, value: onPath, errors: {} });
  });

  it('shows the contract’s own messages beside the fields they belong to', () => {
    const d = { ...toEnttecDraft(defaults.enttec), rateHz: '60', slots: '0', inputLossS: '0.1' };
    const r = fromEnttecDraft(d, base());
    expect(r.ok).toBe(false);
    expect(r.errors['dmx.enttec.rateHz']).toMatch(/40/);
    expect(r.errors['dmx.enttec.slots']).toBe('slots is 1–512');
    expect(r.errors['dmx.enttec.input.lossTimeoutMs']).toBe('at least 500 ms');
  });

  it('a path port must be given and be a serial port; "auto" is chosen, never typed', () => {
    expect(fromEnttecDraft({ ...toEnttecDraft(defaults.enttec), auto: false, path: '  ' }, base()).errors['dmx.enttec.port']).toMatch(/give a serial port/);
    expect(fromEnttecDraft({ ...toEnttecDraft(defaults.enttec), auto: false, path: 'ttyUSB0' }, base()).errors['dmx.enttec.port']).toMatch(/a serial port like \/dev\/ttyUSB0/);
    expect(fromEnttecDraft({ ...toEnttecDraft(defaults.enttec), auto: false, path: 'COM3' }, base()).ok).toBe(true);
  });

  it('cross-key rules of the whole section: a universe beyond the engine’s count', () => {
    const r = fromEnttecDraft({ ...toEnttecDraft(defaults.enttec), universe: '9' }, base({ universes: 8 }));
    expect(r.errors['dmx.enttec.universe']).toBe('universe 9 is beyond the 8 the engine runs');
  });
});

describe('DMX text input draft', () => {
  const shield = { port: '/dev/ttyACM0', baudRate: 115_200, firstChannel: 1, lastChannel: 512, universe: 3, merge: false, lossTimeoutMs: 3000 };

  it('round-trips an input; a new one takes the lowest universe no input uses, 115200 baud, monitor only', () => {
    expect(fromSerialInputDraft(toSerialInputDraft(shield), 0, base({ serialInputs: [shield] }))).toEqual({ ok: true, value: shield, errors: {} });
    const fresh = newSerialInputDraft(base({ inputs: [{ protocol: 'artnet', portAddress: 0, universe: 1, merge: false, lossTimeoutMs: 3000 }], serialInputs: [{ ...shield, universe: 2 }] }));
    expect(fresh).toMatchObject({ port: '', baudRate: '115200', universe: '3', merge: false });
  });

  it('messages keyed by the item’s index: empty port, last channel before first, a baud rate out of range', () => {
    const r = fromSerialInputDraft({ ...toSerialInputDraft(shield), port: '', firstChannel: '20', lastChannel: '10', baudRate: '100' }, 2, base());
    expect(r.errors['dmx.serialInputs.2.port']).toBe('give a serial port, e.g. /dev/ttyUSB0 or COM3');
    expect(r.errors['dmx.serialInputs.2.baudRate']).toBe('baud rates are 300–4000000');
    const order = fromSerialInputDraft({ ...toSerialInputDraft(shield), firstChannel: '20', lastChannel: '10' }, 0, base());
    expect(order.errors['dmx.serialInputs.0.lastChannel']).toBe('the last channel (10) comes before the first (20)');
  });

  it('a port another input or the Enttec already uses is refused with the core’s sentence', () => {
    const twice = fromSerialInputDraft(toSerialInputDraft(shield), 1, base({ serialInputs: [shield] }));
    expect(twice.errors['dmx.serialInputs.1.port']).toBe('/dev/ttyACM0 is listed twice');
    const enttec = fromSerialInputDraft({ ...toSerialInputDraft(shield), port: '/dev/ttyUSB0' }, 0, base({ enttec: { ...defaults.enttec, enabled: true, port: '/dev/ttyUSB0' } }));
    expect(enttec.errors['dmx.serialInputs.0.port']).toMatch(/is the Enttec's port/);
  });
});

describe('channel monitor draft', () => {
  it('round-trips a 16-bit monitor and an 8-bit one with a raw range', () => {
    const dmx = base({ monitors: [ledWall] });
    expect(fromMonitorDraft(toMonitorDraft(ledWall), 0, dmx, false)).toEqual({ ok: true, value: { ...ledWall }, errors: {} });
    const haze = { id: 'haze', name: 'Haze', room: '', source: 'output:1', channel: 5, rawLow: 10, rawHigh: 200, low: 0, high: 100, unit: '%', metric: 'level' };
    expect(fromMonitorDraft(toMonitorDraft(haze), 0, base({ monitors: [haze] }), false)).toEqual({ ok: true, value: haze, errors: {} });
  });

  it('8-bit drops the fine channel even when one was typed; 16-bit sends it', () => {
    const d = { ...newMonitorDraft(), name: 'Dimmer', channel: '7', fineChannel: '8' };
    const eight = fromMonitorDraft(d, 0, base(), true);
    expect(eight.ok && eight.value.fineChannel).toBe(undefined);
    const sixteen = fromMonitorDraft({ ...d, bits: 16 }, 0, base(), true);
    expect(sixteen.ok && sixteen.value.fineChannel).toBe(8);
  });

  it('a new monitor takes its id from its name, unique among the others; a saved one keeps its id', () => {
    const dmx = base({ monitors: [ledWall] });
    const fresh = fromMonitorDraft({ ...newMonitorDraft(), name: 'LED wall' }, 1, dmx, true);
    expect(fresh.ok && fresh.value.id).toBe('led-wall-2');
    const renamed = fromMonitorDraft({ ...toMonitorDraft(ledWall), name: 'Main screen' }, 0, dmx, false);
    expect(renamed.ok && renamed.value.id).toBe('led-wall');
  });

  it('the contract’s messages beside the fields: name, fine = coarse, raw range beyond 8 bits, low not a number', () => {
    const r = fromMonitorDraft({ ...newMonitorDraft(), name: ' ', bits: 16, channel: '5', fineChannel: '5', low: 'zero' }, 0, base(), true);
    expect(r.errors['dmx.monitors.0.name']).toBe('give the monitor a name');
    expect(r.errors['dmx.monitors.0.low']).toBe('low must be a number');
    const fine = fromMonitorDraft({ ...newMonitorDraft(), name: 'x', bits: 16, channel: '5', fineChannel: '5' }, 0, base(), true);
    expect(fine.errors['dmx.monitors.0.fineChannel']).toBe('the fine channel must differ from the coarse channel');
    const raw = fromMonitorDraft({ ...newMonitorDraft(), name: 'x', rawHigh: '1000' }, 0, base(), true);
    expect(raw.errors['dmx.monitors.0.rawHigh']).toBe('an 8-bit channel reads at most 255');
  });

  it('a source that names nothing configured is refused with the core’s sentence', () => {
    const r = fromMonitorDraft({ ...newMonitorDraft(), name: 'Shield ch 1', source: 'serial:/dev/ttyACM9' }, 0, base(), true);
    expect(r.errors['dmx.monitors.0.source']).toBe('no serial input on /dev/ttyACM9 in dmx.serialInputs');
  });
});

describe('monitorIdFor', () => {
  it('slugs names (accents, punctuation), falls back to "monitor", adds -2, -3 when taken', () => {
    expect(monitorIdFor('LED wall — Brightness!', new Set())).toBe('led-wall-brightness');
    expect(monitorIdFor('Hazer café', new Set())).toBe('hazer-cafe');
    expect(monitorIdFor('!!!', new Set())).toBe('monitor');
    expect(monitorIdFor('Haze', new Set(['haze', 'haze-2']))).toBe('haze-3');
    expect(monitorIdFor('x'.repeat(80), new Set())).toHaveLength(40);
  });
});

describe('monitorSources', () => {
  it('output universes in use, each configured input, the Enttec IN when on; a stale source stays listed and says so', () => {
    const dmx = base({
      outputs: [{ protocol: 'artnet', universe: 2, portAddress: 1, target: '' }],
      inputs: [{ protocol: 'sacn', sacnUniverse: 7, universe: 4, merge: false, lossTimeoutMs: 3000 }],
      enttec: { ...defaults.enttec, enabled: true, input: { ...defaults.enttec.input, enabled: true } },
      serialInputs: [{ port: '/dev/ttyACM0', baudRate: 115_200, firstChannel: 1, lastChannel: 512, universe: 3, merge: false, lossTimeoutMs: 3000 }],
    });
    expect(monitorSources(dmx).map((o) => o.value)).toEqual(['output:1', 'output:2', 'sacn:7', 'enttec', 'serial:/dev/ttyACM0']);
    const stale = monitorSources(base(), 'artnet:5');
    expect(stale.at(-1)).toEqual({ value: 'artnet:5', label: 'artnet:5 (not configured)' });
  });
});

describe('lists and descriptions', () => {
  it('listWith replaces at an index or appends at the end; listWithout removes one', () => {
    expect(listWith(['a', 'b'], 1, 'B')).toEqual(['a', 'B']);
    expect(listWith(['a', 'b'], 2, 'c')).toEqual(['a', 'b', 'c']);
    expect(listWithout(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });

  it('describeMonitor says where, which channels and the range', () => {
    expect(describeMonitor(ledWall)).toBe('output universe 1, channels 101+102 (16-bit) → 0–11000 nits');
  });

  it('crossCheck is quiet for the defaults', () => {
    expect(crossCheck(base())).toEqual({});
  });
});
