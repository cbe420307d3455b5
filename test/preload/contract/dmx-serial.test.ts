import { describe, expect, it } from 'vitest';
import { DMX_ENGINE_UNIVERSES_MAX, Settings, SettingsPatch, defaultSettings, mergeSettings, type DmxMonitor } from '../../../preload/contract/index.ts';

/** The issues a settings object gets, as "path: message". */
function problems(dmx: Record<string, unknown>): string[] {
  const r = Settings.safeParse({ ...defaultSettings, dmx: { ...defaultSettings.dmx, ...dmx } });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.').replace(/^dmx\./, '')}: ${i.message}`);
}

const wall: DmxMonitor = { id: 'led-wall', name: 'LED wall', room: 'Stage', source: 'output:1', channel: 101, fineChannel: 102, low: 0, high: 11_000, unit: 'nits', metric: 'brightness' };
const shield = { port: '/dev/ttyACM0', baudRate: 115_200, firstChannel: 1, lastChannel: 512, universe: 3, merge: false, lossTimeoutMs: 3000 };

describe('settings dmx.enttec, dmx.serialInputs, dmx.monitors', () => {
  it('defaults: the Enttec off on "auto" at 40 frames/s, whole universe 1; no serial inputs, no monitors', () => {
    expect(defaultSettings.dmx.enttec).toEqual({ enabled: false, port: 'auto', rateHz: 40, universe: 1, slots: 512, input: { enabled: false, universe: 1, changesOnly: false, merge: false, lossTimeoutMs: 3000 } });
    expect(defaultSettings.dmx.serialInputs).toEqual([]);
    expect(defaultSettings.dmx.monitors).toEqual([]);
    expect(Settings.safeParse(defaultSettings).success).toBe(true);
  });

  it('a patch changes one Enttec key and keeps the rest (the dmx section merges key by key)', () => {
    const patch = SettingsPatch.parse({ dmx: { enttec: { enabled: true, port: '/dev/ttyUSB0', input: { enabled: true } } } });
    const next = mergeSettings(defaultSettings, patch);
    expect(next.dmx.enttec).toEqual({ ...defaultSettings.dmx.enttec, enabled: true, port: '/dev/ttyUSB0', input: { ...defaultSettings.dmx.enttec.input, enabled: true } });
    expect(Settings.safeParse(next).success).toBe(true);
  });

  it('ports: "auto", absolute paths, COM ports; anything else with a message saying what a port looks like', () => {
    for (const port of ['auto', '/dev/ttyUSB0', '/dev/serial/by-id/usb-ENTTEC_DMX_USB_PRO_EN123456-if00-port0', '/dev/cu.usbserial-EN123456', 'COM3', 'COM12']) expect(problems({ enttec: { ...defaultSettings.dmx.enttec, port } })).toEqual([]);
    expect(problems({ enttec: { ...defaultSettings.dmx.enttec, port: 'ttyUSB0' } })).toEqual(['enttec.port: port is "auto" or a serial port like /dev/ttyUSB0 (macOS /dev/cu.usbserial-…) or COM3 on Windows']);
    expect(problems({ serialInputs: [{ ...shield, port: 'COM0' }] })).toEqual(['serialInputs.0.port: a serial port is a path like /dev/ttyUSB0 (macOS /dev/cu.usbserial-…) or COM3 on Windows']);
  });

  it('rate 1–40 (the widget’s limit), slots 1–512, universes within the engine', () => {
    expect(problems({ enttec: { ...defaultSettings.dmx.enttec, rateHz: 44 } })).toEqual(['enttec.rateHz: rateHz is 1–40 (the widget sends at most 40 frames a second)']);
    expect(problems({ enttec: { ...defaultSettings.dmx.enttec, slots: 0 } })).toEqual(['enttec.slots: slots is 1–512']);
    expect(problems({ universes: 4, enttec: { ...defaultSettings.dmx.enttec, universe: 5 } })).toEqual(['enttec.universe: universe 5 is beyond the 4 the engine runs']);
    expect(problems({ universes: 4, serialInputs: [{ ...shield, universe: 9 }] })).toEqual(['serialInputs.0.universe: universe 9 is beyond the 4 the engine runs']);
  });

  it('serial inputs: defaults filled in; a port used twice, or the Enttec’s own port, is refused', () => {
    const filled = Settings.parse({ ...defaultSettings, dmx: { ...defaultSettings.dmx, serialInputs: [{ port: '/dev/ttyACM0', universe: 2 }] } });
    expect(filled.dmx.serialInputs).toEqual([{ port: '/dev/ttyACM0', baudRate: 115_200, firstChannel: 1, lastChannel: 512, universe: 2, merge: false, lossTimeoutMs: 3000 }]);
    expect(problems({ serialInputs: [shield, shield] })).toEqual(['serialInputs.1.port: /dev/ttyACM0 is listed twice']);
    expect(problems({ enttec: { ...defaultSettings.dmx.enttec, enabled: true, port: '/dev/ttyACM0' }, serialInputs: [shield] })).toEqual([
      "serialInputs.0.port: /dev/ttyACM0 is the Enttec's port (dmx.enttec.port); one port can do one job",
    ]);
    expect(problems({ serialInputs: [{ ...shield, firstChannel: 10, lastChannel: 9 }] })).toEqual(['serialInputs.0.lastChannel: the last channel (9) comes before the first (10)']);
  });

  it('at most 64 inputs of every kind together (dmx.input.<n> goes up to 63)', () => {
    const artnet = Array.from({ length: 62 }, (_, i) => ({ protocol: 'artnet', portAddress: i, universe: 1, merge: false, lossTimeoutMs: 3000 }));
    const serial = [shield, { ...shield, port: '/dev/ttyACM1' }];
    expect(problems({ inputs: artnet, serialInputs: serial })).toEqual([]);
    expect(problems({ inputs: artnet, serialInputs: serial, enttec: { ...defaultSettings.dmx.enttec, enabled: true, input: { ...defaultSettings.dmx.enttec.input, enabled: true } } })).toEqual([
      'serialInputs: at most 64 inputs in all (Art-Net, sACN, Enttec and serial), not 65',
    ]);
  });

  it('monitors: the source must be configured; ids unique; a pair of two different channels; raw range inside the scale', () => {
    expect(problems({ monitors: [wall] })).toEqual([]);
    expect(problems({ monitors: [{ ...wall, source: 'output:65' }] })).toEqual(['monitors.0.source: output:65 — the engine runs universes 1–64']);
    expect(problems({ monitors: [{ ...wall, source: 'artnet:16' }] })).toEqual(['monitors.0.source: no Art-Net input on Port-Address 16 in dmx.inputs']);
    expect(problems({ monitors: [{ ...wall, source: 'serial:/dev/ttyACM0' }] })).toEqual(['monitors.0.source: no serial input on /dev/ttyACM0 in dmx.serialInputs']);
    expect(problems({ serialInputs: [shield], monitors: [{ ...wall, source: 'serial:/dev/ttyACM0' }] })).toEqual([]);
    expect(problems({ monitors: [{ ...wall, source: 'enttec' }] })).toEqual([]); // may be switched off for now
    expect(problems({ monitors: [{ ...wall, source: 'dmx:1' }] })).toEqual(['monitors.0.source: source is output:<universe>, artnet:<Port-Address>, sacn:<universe>, enttec or serial:<port>']);
    expect(problems({ monitors: [wall, wall] })).toEqual(['monitors.1.id: monitor id "led-wall" is used twice']);
    expect(problems({ monitors: [{ ...wall, fineChannel: 101 }] })).toEqual(['monitors.0.fineChannel: the fine channel must differ from the coarse channel']);
    const { fineChannel: _, ...eightBit } = wall;
    expect(problems({ monitors: [{ ...eightBit, rawHigh: 300 }] })).toEqual(['monitors.0.rawHigh: an 8-bit channel reads at most 255']);
    expect(problems({ monitors: [{ ...wall, rawLow: 500, rawHigh: 400 }] })).toEqual(['monitors.0.rawHigh: rawHigh (400) must be above rawLow (500)']);
    expect(problems({ monitors: [{ ...wall, id: 'LED Wall' }] })).toEqual(['monitors.0.id: a monitor id is lower-case letters, digits, - and _ (up to 48), e.g. led-wall']);
    expect(problems({ monitors: [{ ...wall, unit: 'candela per square metre' }] })).toEqual(['monitors.0.unit: keep the unit to 16 characters']);
  });

  it('a monitor’s room, unit and metric default (device grouped with no room, metric "level")', () => {
    const s = Settings.parse({ ...defaultSettings, dmx: { ...defaultSettings.dmx, monitors: [{ id: 'a', name: 'A', source: 'output:1', channel: 1, low: 0, high: 1 }] } });
    expect(s.dmx.monitors[0]).toEqual({ id: 'a', name: 'A', room: '', source: 'output:1', channel: 1, low: 0, high: 1, unit: '', metric: 'level' });
  });

  it('the universe limit used here is the engine’s (dmx-serial.ts cannot import it: a cycle)', () => {
    expect(problems({ universes: DMX_ENGINE_UNIVERSES_MAX, enttec: { ...defaultSettings.dmx.enttec, universe: DMX_ENGINE_UNIVERSES_MAX } })).toEqual([]);
    expect(problems({ universes: DMX_ENGINE_UNIVERSES_MAX, enttec: { ...defaultSettings.dmx.enttec, universe: DMX_ENGINE_UNIVERSES_MAX + 1 } })).toEqual([`enttec.universe: universes go up to ${DMX_ENGINE_UNIVERSES_MAX}`, `enttec.universe: universe ${DMX_ENGINE_UNIVERSES_MAX + 1} is beyond the ${DMX_ENGINE_UNIVERSES_MAX} the engine runs`]);
  });
});
