import { describe, expect, it } from 'vitest';
import { dmxPercent, formatCountdown, formatFade, formatFrameAge, formatLevel, formatPortAddress, parseDmxValue, parsePortAddress, parseSeconds, parseWhole, secondsText } from '../../renderer/src/lib/dmx-format.ts';

const nb = '\u00a0';

describe('fade times as the operator reads and types them', () => {
  it('formats fades in seconds, one decimal at most, minutes past a minute', () => {
    expect(formatFade(0)).toBe(`0${nb}s`);
    expect(formatFade(500)).toBe(`0.5${nb}s`);
    expect(formatFade(3000)).toBe(`3${nb}s`);
    expect(formatFade(2540)).toBe(`2.5${nb}s`);
    expect(formatFade(90_000)).toBe(`1:30${nb}min`);
    expect(formatFade(3_600_000)).toBe(`60:00${nb}min`);
  });

  it('parses seconds, decimal commas, units and min:s into whole milliseconds', () => {
    expect(parseSeconds('3')).toEqual({ ok: true, value: 3000 });
    expect(parseSeconds(' 2.5 ')).toEqual({ ok: true, value: 2500 });
    expect(parseSeconds('2,5')).toEqual({ ok: true, value: 2500 });
    expect(parseSeconds('3s')).toEqual({ ok: true, value: 3000 });
    expect(parseSeconds('3 s')).toEqual({ ok: true, value: 3000 });
    expect(parseSeconds('500ms')).toEqual({ ok: true, value: 500 });
    expect(parseSeconds('1:30')).toEqual({ ok: true, value: 90_000 });
    expect(parseSeconds('0')).toEqual({ ok: true, value: 0 });
    expect(parseSeconds('.25')).toEqual({ ok: true, value: 250 });
  });

  it('refuses what is not a time, and times past an hour, in words', () => {
    for (const bad of ['', 'abc', '-1', '1:75', '3 minutes', '1e3']) {
      const r = parseSeconds(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/seconds/);
    }
    const r = parseSeconds('3601');
    expect(r).toEqual({ ok: false, message: 'Times go up to an hour (3600 s)' });
    expect(parseSeconds('3600')).toEqual({ ok: true, value: 3_600_000 });
  });

  it('round-trips a stored fade through the input box', () => {
    for (const ms of [0, 100, 2500, 3000, 12_300]) {
      const r = parseSeconds(secondsText(ms));
      expect(r).toEqual({ ok: true, value: ms });
    }
  });
});

describe('levels and values', () => {
  it('DMX values are whole numbers 0–255', () => {
    expect(parseDmxValue('0')).toEqual({ ok: true, value: 0 });
    expect(parseDmxValue('255')).toEqual({ ok: true, value: 255 });
    expect(parseDmxValue('256').ok).toBe(false);
    expect(parseDmxValue('12.5').ok).toBe(false);
    expect(parseDmxValue('-1').ok).toBe(false);
  });
  it('whole numbers in a range say which range', () => {
    expect(parseWhole('64', 1, 512, 'The universe')).toEqual({ ok: true, value: 64 });
    expect(parseWhole('0', 1, 512, 'The universe')).toEqual({ ok: false, message: 'The universe is a whole number 1–512' });
  });
  it('percent as desks show it', () => {
    expect(dmxPercent(255)).toBe(100);
    expect(dmxPercent(128)).toBe(50);
    expect(dmxPercent(0)).toBe(0);
    expect(formatLevel(0.755)).toBe(`76${nb}%`);
    expect(formatLevel(1.2)).toBe(`100${nb}%`);
  });
  it('ages and countdowns', () => {
    expect(formatFrameAge(null)).toBe('never');
    expect(formatFrameAge(340)).toBe(`0.3${nb}s`);
    expect(formatFrameAge(45_000)).toBe(`45${nb}s`);
    expect(formatFrameAge(420_000)).toBe(`7${nb}min`);
    expect(formatCountdown(2340)).toBe(`2.3${nb}s`);
  });
});

describe('Art-Net Port-Addresses (Art-Net 4: net 7 bits, sub-net 4 bits, universe 4 bits)', () => {
  it('formats as net:sub-net:universe', () => {
    expect(formatPortAddress(0)).toBe('0:0:0');
    expect(formatPortAddress(1)).toBe('0:0:1');
    expect(formatPortAddress(16)).toBe('0:1:0');
    expect(formatPortAddress(0x0123)).toBe('1:2:3');
    expect(formatPortAddress(32767)).toBe('127:15:15');
  });
  it('parses net:sub:universe and plain numbers', () => {
    expect(parsePortAddress('1:2:3')).toEqual({ ok: true, value: 291 });
    expect(parsePortAddress('0:0:0')).toEqual({ ok: true, value: 0 });
    expect(parsePortAddress('127:15:15')).toEqual({ ok: true, value: 32767 });
    expect(parsePortAddress('17')).toEqual({ ok: true, value: 17 });
  });
  it('refuses each part out of range, naming the part', () => {
    expect(parsePortAddress('128:0:0')).toEqual({ ok: false, message: 'The net is 0–127' });
    expect(parsePortAddress('0:16:0')).toEqual({ ok: false, message: 'The sub-net is 0–15' });
    expect(parsePortAddress('0:0:16')).toEqual({ ok: false, message: 'The universe in a Port-Address is 0–15' });
    expect(parsePortAddress('32768')).toEqual({ ok: false, message: 'Port-Addresses are 0–32767' });
    expect(parsePortAddress('0.0.1').ok).toBe(false);
  });
});
