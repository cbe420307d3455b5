import { describe, expect, it } from 'vitest';
import { SparkfunDmxParser, type DmxSerialValue } from '../../../native/dmx-serial/sparkfun.ts';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** What the stock Example2-DMXInput sketch prints (PROTOCOLS.md §8): banner, then one line per frame, CR LF. */
const stockOutput =
  'SparkFun DMX Example 2 - Input\r\n' +
  'DMX initialized!\r\n' +
  'DMX: read value from channel 1: 123\r\n' +
  'DMX: read value from channel 1: 0\r\n' +
  'DMX: read value from channel 1: 255\r\n';
const stockValues = [
  { channel: 1, value: 123 },
  { channel: 1, value: 0 },
  { channel: 1, value: 255 },
];

function parseAll(parser: SparkfunDmxParser, ...chunks: (string | Uint8Array)[]): DmxSerialValue[] {
  return chunks.flatMap((c) => parser.push(c));
}

describe('SparkfunDmxParser', () => {
  it('reads the stock sketch output and skips its banner', () => {
    const p = new SparkfunDmxParser();
    expect(p.push(bytes(stockOutput))).toEqual(stockValues);
    expect(p.stats).toMatchObject({ lines: 5, values: 3, banners: 2, noise: 0 });
  });

  it('gives the same values wherever the chunks split (every cut, and byte by byte)', () => {
    for (let cut = 0; cut <= stockOutput.length; cut++) {
      expect(parseAll(new SparkfunDmxParser(), stockOutput.slice(0, cut), bytes(stockOutput.slice(cut)))).toEqual(stockValues);
    }
    const p = new SparkfunDmxParser();
    expect(parseAll(p, ...stockOutput.split(''))).toEqual(stockValues);
    expect(p.pendingLength).toBe(0);
  });

  it('accepts LF-only line ends and holds a line until its end arrives', () => {
    const p = new SparkfunDmxParser();
    expect(p.push('DMX: read value from channel 512: 7')).toEqual([]);
    expect(p.pendingLength).toBe(35);
    expect(p.push('\nDMX: read value from channel 2: 9\n')).toEqual([
      { channel: 512, value: 7 },
      { channel: 2, value: 9 },
    ]);
  });

  it('rejects out-of-range and malformed read lines with a reason', () => {
    const p = new SparkfunDmxParser();
    const lines = [
      'DMX: read value from channel 0: 5',
      'DMX: read value from channel 513: 5',
      'DMX: read value from channel 1: 256',
      'DMX: read value from channel 1: ',
      'DMX: read value from channel 1: 12x',
      'DMX: read value from channel -1: 5',
      'DMX: read value from channel 1: 5 ',
      'DMX: read value from channel 99999999999: 5',
    ];
    expect(p.push(lines.map((l) => `${l}\r\n`).join(''))).toEqual([]);
    expect(p.stats.rejects).toEqual({ channelOutOfRange: 2, valueOutOfRange: 1, malformed: 5 });
    expect(p.lastReject).toEqual({ reason: 'malformed', line: 'DMX: read value from channel 99999999999: 5' });
  });

  it("counts the output sketch's lines apart and produces nothing for them", () => {
    const p = new SparkfunDmxParser();
    const out = 'SparkFun DMX Example 1 - Output\r\nDMX initialized!\r\nDMX: sent value to channel 1: 42\r\nDMX: sent value to channel 1: 43\r\n';
    expect(p.push(out)).toEqual([]);
    expect(p.stats).toMatchObject({ banners: 2, outputLines: 2, values: 0, noise: 0 });
  });

  it('counts noise and blank lines and goes on', () => {
    const p = new SparkfunDmxParser();
    const text = 'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET)\r\nue from channel 1: 5\r\nDMX: read value from channel 1: 6\r\n';
    expect(p.push(text)).toEqual([{ channel: 1, value: 6 }]);
    expect(p.stats).toMatchObject({ lines: 5, blank: 1, noise: 3, values: 1 });
  });

  it('reads a message that follows garbage on the same line (a torn first line, boot noise)', () => {
    const p = new SparkfunDmxParser();
    expect(p.push(bytes('\xff\x00\x7e garbage\rDMX: read value from chDMX: read value from channel 7: 9\r\n'))).toEqual([{ channel: 7, value: 9 }]);
    expect(p.stats.salvaged).toBe(1);
  });

  it('bounds an over-long line: the head goes, a message at its end still counts, the next line is clean', () => {
    const p = new SparkfunDmxParser({ maxLineLength: 200 });
    for (let i = 0; i < 100; i++) {
      p.push('x'.repeat(97));
      expect(p.pendingLength).toBeLessThanOrEqual(200);
    }
    expect(p.push('DMX: read value from channel 2: 3\r\nDMX: read value from channel 4: 5\r\n')).toEqual([
      { channel: 2, value: 3 },
      { channel: 4, value: 5 },
    ]);
    expect(p.stats).toMatchObject({ overlong: 1, salvaged: 1, lines: 2 });
    p.push(`${'y'.repeat(5000)}\n`);
    expect(p.stats).toMatchObject({ overlong: 2, noise: 1 });
  });

  it('applies the channel filter and counts what it filters', () => {
    const p = new SparkfunDmxParser({ channels: { first: 10, last: 12 } });
    const text = [9, 10, 12, 13].map((c) => `DMX: read value from channel ${c}: ${c}\r\n`).join('');
    expect(p.push(text)).toEqual([
      { channel: 10, value: 10 },
      { channel: 12, value: 12 },
    ]);
    expect(p.stats.filtered).toBe(2);
    expect(() => new SparkfunDmxParser({ channels: { first: 0, last: 4 } })).toThrow(RangeError);
    expect(() => new SparkfunDmxParser({ channels: { first: 5, last: 4 } })).toThrow(RangeError);
    expect(() => new SparkfunDmxParser({ channels: { first: 1, last: 513 } })).toThrow(RangeError);
  });

  it('treats characters beyond Latin-1 in text input as noise, never as a line end or digit', () => {
    const p = new SparkfunDmxParser();
    expect(p.push('DMX: read value from channel 1: 1\u010a\nDMX: read value from channel 1: \u0662\n')).toEqual([]);
    expect(p.stats.rejects.malformed).toBe(2);
  });

  it('reset() drops the partial line and the counters', () => {
    const p = new SparkfunDmxParser();
    p.push('junk\nDMX: read value from chan');
    p.reset();
    expect(p.pendingLength).toBe(0);
    expect(p.stats.lines).toBe(0);
    expect(p.push('nel 1: 5\nDMX: read value from channel 1: 6\n')).toEqual([{ channel: 1, value: 6 }]);
  });
});
