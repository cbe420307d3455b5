import { describe, expect, it } from 'vitest';
import { createFrigateMapper, frigateBaseUrlProblem, frigateClipUrl } from '../../../../main/telemetry/mappers/frigate.ts';
import { ctx, enc, eventsOf, json } from './helpers.ts';

// The object of Frigate's docs/docs/integrations/mqtt.md (e3fa7018) example, at three moments of its life.
const base = {
  id: '1607123955.475377-mxklsc',
  camera: 'front_door',
  frame_time: 1607123961.837752,
  snapshot: { frame_time: 1607123961.837752, box: [415, 489, 528, 700], area: 12728, region: [260, 446, 660, 846], score: 0.77546, attributes: [] },
  label: 'person',
  sub_label: null as null | [string, number],
  top_score: 0.958984375,
  false_positive: false,
  start_time: 1607123955.475377,
  end_time: null as null | number,
  score: 0.7890625,
  box: [424, 500, 536, 712],
  area: 23744,
  ratio: 2.113207,
  region: [264, 450, 667, 853],
  current_zones: [] as string[],
  entered_zones: [] as string[],
  thumbnail: null,
  has_snapshot: false,
  has_clip: false,
  active: true,
  stationary: false,
  motionless_count: 0,
  position_changes: 2,
  attributes: { face: 0.64 },
  current_attributes: [],
};
const atNew = { ...base };
const atYard = { ...base, frame_time: 1607123962.1, current_zones: ['yard'], entered_zones: ['yard'], has_snapshot: true };
const atDriveway = { ...atYard, frame_time: 1607123962.9, score: 0.87890625, current_zones: ['driveway'], entered_zones: ['yard', 'driveway'], sub_label: ['John Smith', 0.79] as [string, number] };
const atBetterSnapshot = { ...atDriveway, frame_time: 1607123963.5, score: 0.9 };
const atEnd = { ...atBetterSnapshot, end_time: 1607123985.2, active: false, has_clip: true };

describe('Frigate mapper', () => {
  const m = createFrigateMapper({ baseUrl: 'http://frigate.local:5000/' });

  it('subscribes to events and availability', () => {
    expect(m.topics).toEqual(['frigate/events', 'frigate/available']);
    expect(createFrigateMapper({ topicPrefix: 'nvr' }).topics).toEqual(['nvr/events', 'nvr/available']);
  });

  it('a full new → update → end sequence: appear, each new zone, leave with the clip link', () => {
    const lines = [
      m.map('frigate/events', json({ type: 'new', before: atNew, after: atNew }), ctx()),
      m.map('frigate/events', json({ type: 'update', before: atNew, after: atYard }), ctx()),
      m.map('frigate/events', json({ type: 'update', before: atYard, after: atDriveway }), ctx()),
      m.map('frigate/events', json({ type: 'update', before: atDriveway, after: atBetterSnapshot }), ctx()),
      m.map('frigate/events', json({ type: 'end', before: atBetterSnapshot, after: atEnd }), ctx()),
    ];
    expect(lines.map((r) => r.kind)).toEqual(['event', 'event', 'event', 'ignored', 'event']);
    expect(eventsOf(lines[0]!)).toEqual([{ severity: 'info', deviceId: null, message: 'Frigate: person detected on front_door (96%)' }]);
    expect(eventsOf(lines[1]!)[0]!.message).toBe('Frigate: person entered yard on front_door (96%)');
    expect(eventsOf(lines[2]!)[0]!.message).toBe('Frigate: person (John Smith) entered driveway on front_door (96%)');
    expect(lines[3]).toEqual({ kind: 'ignored', reason: 'update without a new zone' });
    expect(eventsOf(lines[4]!)).toEqual([
      {
        severity: 'info',
        deviceId: null,
        message: 'Frigate: person (John Smith) on front_door ended after 30 s (zones: yard, driveway) (96%)',
        link: 'http://frigate.local:5000/api/events/1607123955.475377-mxklsc/clip.mp4',
      },
    ]);
  });

  it('no clip link without a configured Frigate URL or without has_clip', () => {
    const plain = createFrigateMapper();
    expect(eventsOf(plain.map('frigate/events', json({ type: 'end', before: atBetterSnapshot, after: atEnd }), ctx()))[0]!.link).toBeUndefined();
    expect(eventsOf(m.map('frigate/events', json({ type: 'end', before: atDriveway, after: { ...atEnd, has_clip: false } }), ctx()))[0]!.link).toBeUndefined();
    expect(eventsOf(createFrigateMapper({ baseUrl: 'ftp://x' }).map('frigate/events', json({ type: 'end', after: atEnd }), ctx()))[0]!.link).toBeUndefined();
  });

  it('an old-Frigate event (docs before 0.8: no type, sub_label, has_clip, snapshot…) still maps', () => {
    // Verbatim shape of the earliest docs example: before/after only.
    const before = { id: '1607123955.475377-mxklsc', camera: 'front_door', frame_time: 1607123961.837752, label: 'person', top_score: 0.958984375, false_positive: false, start_time: 1607123955.475377, end_time: null, score: 0.7890625, box: [424, 500, 536, 712], area: 23744, region: [264, 450, 667, 853], current_zones: ['driveway'], entered_zones: ['yard', 'driveway'], thumbnail: null };
    const after = { ...before, frame_time: 1607123962.082975, score: 0.87890625, box: [432, 496, 544, 854], area: 40096, region: [218, 440, 693, 915], current_zones: ['yard', 'driveway'] };
    expect(m.map('frigate/events', json({ before, after }), ctx())).toEqual({ kind: 'ignored', reason: 'update without a new zone' });
    expect(eventsOf(m.map('frigate/events', json({ after }), ctx()))[0]!.message).toBe('Frigate: person detected on front_door in yard, driveway (96%)');
    expect(eventsOf(m.map('frigate/events', json({ before: after, after: { ...after, end_time: 1607123970.5 } }), ctx()))[0]!.message).toBe('Frigate: person on front_door ended after 15 s (zones: yard, driveway) (96%)');
    // Only the essentials: id, camera, label.
    expect(eventsOf(m.map('frigate/events', json({ type: 'new', after: { id: 'x', camera: 'gate', label: 'car' } }), ctx()))[0]!.message).toBe('Frigate: car detected on gate');
  });

  it('false positives, availability, snapshots and the rest are ignored without a warning', () => {
    expect(m.map('frigate/events', json({ type: 'new', before: atNew, after: { ...atNew, false_positive: true } }), ctx())).toEqual({ kind: 'ignored', reason: 'false positive' });
    for (const [topic, payload] of [
      ['frigate/available', enc('online')],
      ['frigate/available', enc('offline')],
      ['frigate/front_door/person/snapshot', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46])],
      ['frigate/front_door/person', enc('1')],
      ['frigate/stats', enc('{"cpu_usages":{}}')],
      ['frigate/tracked_object_update', enc('{"type":"description","id":"x","description":"a person"}')],
      ['other/events', enc('{}')],
    ] as const) {
      expect(m.map(topic, payload, ctx()).kind, topic).toBe('ignored');
    }
  });

  it('malformed events are rejected with a reason', () => {
    for (const p of ['', '{', '[]', '{"type":"new"}', '{"type":"gone","after":{"id":"x","camera":"c","label":"l"}}', '{"type":"new","after":{"id":"x","camera":"c"}}', '{"type":"new","after":{"id":5,"camera":"c","label":"l"}}']) {
      expect(m.map('frigate/events', enc(p), ctx()).kind, p).toBe('rejected');
    }
  });

  it('clip URLs are escaped and base URLs checked', () => {
    expect(frigateClipUrl('http://nvr:5000///', 'a b/c')).toBe('http://nvr:5000/api/events/a%20b%2Fc/clip.mp4');
    expect(frigateBaseUrlProblem('http://nvr:5000')).toBeNull();
    expect(frigateBaseUrlProblem('nvr:5000')).not.toBeNull();
    expect(frigateBaseUrlProblem('http://nvr/?x=1')).not.toBeNull();
  });
});
