import { ignored, rejected, type MapContext, type MapResult, type MappedEvent, type Mapper } from './mapper.ts';
import { isRecord, own, parseJsonObjectPayload, shortString, toFiniteNumber } from './payload.ts';

/**
 * Frigate NVR events on the site timeline (PROTOCOLS.md §6; Frigate docs/docs/integrations/mqtt.md @ e3fa7018):
 *   frigate/events  {"type":"new"|"update"|"end","before":{…},"after":{…}}  one message per change of a tracked object
 *                   (the earliest releases sent no "type"; it is inferred from end_time and "before")
 *   frigate/available "online"|"offline"|"stopped", frigate/<camera>/<object>/snapshot (JPEG), stats… → ignored
 * We need id, camera and label; everything else (score/top_score, zones, has_clip, start/end time, sub_label,
 * false_positive…) is read when present, so an old Frigate without the newer fields still maps.
 *
 * What reaches the timeline: `new` (an object appeared), `end` (it left, with the clip link once Frigate
 * has a clip), and an `update` only when the object entered a zone it had not entered before —
 * Frigate also sends updates for every better snapshot, which would flood the timeline.
 */

export interface FrigateOptions {
  /** e.g. http://frigate.local:5000 — enables clip links. An invalid URL is ignored (see frigateBaseUrlProblem). */
  baseUrl?: string;
  /** Frigate's mqtt.topic_prefix. Default 'frigate'. */
  topicPrefix?: string;
}

/** Why a configured Frigate base URL is unusable, or null. */
export function frigateBaseUrlProblem(url: string): string | null {
  if (typeof url !== 'string' || url.trim().length === 0) return 'the Frigate URL is empty';
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return 'the Frigate URL is not a valid URL (e.g. http://frigate.local:5000)';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'the Frigate URL must start with http:// or https://';
  if (u.search || u.hash) return 'the Frigate URL must not have a query or fragment';
  return null;
}

/** http://<frigate>/api/events/<id>/clip.mp4 */
export function frigateClipUrl(baseUrl: string, eventId: string): string {
  return `${baseUrl.trim().replace(/\/+$/, '')}/api/events/${encodeURIComponent(eventId)}/clip.mp4`;
}

function stringList(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const x of v) {
    const s = shortString(x, 64);
    if (s !== undefined && !out.includes(s)) out.push(s);
    if (out.length >= 16) break;
  }
  return out;
}

function zonesOf(obj: Record<string, unknown>): string[] {
  const entered = stringList(own(obj, 'entered_zones'));
  return entered.length > 0 ? entered : stringList(own(obj, 'current_zones'));
}

/** top_score (best over the object's life), else score; 0..1 → whole percent. */
function scorePercent(obj: Record<string, unknown>): number | undefined {
  const s = toFiniteNumber(own(obj, 'top_score')) ?? toFiniteNumber(own(obj, 'score'));
  if (s === undefined || s < 0 || s > 1) return undefined;
  return Math.round(s * 100);
}

/** sub_label is null, ["John Smith", 0.79] (newer) or a plain string (older). */
function subLabel(obj: Record<string, unknown>): string | undefined {
  const v = own(obj, 'sub_label');
  if (Array.isArray(v)) return shortString(v[0], 64);
  return shortString(v, 64);
}

export function createFrigateMapper(options: FrigateOptions = {}): Mapper {
  const prefix = options.topicPrefix && !/[+#/]/.test(options.topicPrefix) ? options.topicPrefix : 'frigate';
  const baseUrl = options.baseUrl !== undefined && frigateBaseUrlProblem(options.baseUrl) === null ? options.baseUrl.trim() : undefined;
  const eventsTopic = `${prefix}/events`;

  const map = (topic: string, payload: Uint8Array, _ctx: MapContext): MapResult => {
    if (typeof topic !== 'string') return rejected('topic is not a string');
    if (topic !== eventsTopic) {
      if (!topic.startsWith(prefix + '/')) return ignored('not a Frigate topic');
      const rest = topic.slice(prefix.length + 1);
      if (rest === 'available') return ignored('Frigate availability');
      if (rest.endsWith('/snapshot')) return ignored('snapshot image');
      return ignored('Frigate topic we do not track');
    }
    const parsed = parseJsonObjectPayload(payload);
    if (!parsed.ok) return rejected(parsed.reason);
    const msg = parsed.value;
    const after = own(msg, 'after');
    if (!isRecord(after)) return rejected('event has no "after" object');
    const before = own(msg, 'before');
    let type = own(msg, 'type');
    // The earliest Frigate releases sent no "type": an end time means end, no "before" means new.
    if (type === undefined) type = toFiniteNumber(own(after, 'end_time')) !== undefined ? 'end' : isRecord(before) ? 'update' : 'new';
    if (type !== 'new' && type !== 'update' && type !== 'end') return rejected('event type is not new, update or end');
    const id = shortString(own(after, 'id'), 128);
    const camera = shortString(own(after, 'camera'), 64);
    const label = shortString(own(after, 'label'), 64);
    if (!id || !camera || !label) return rejected('event lacks id, camera or label');
    if (own(after, 'false_positive') === true) return ignored('false positive');

    const who = subLabel(after);
    const what = who ? `${label} (${who})` : label;
    const pct = scorePercent(after);
    const score = pct === undefined ? '' : ` (${pct}%)`;
    const zones = zonesOf(after);
    const link = baseUrl !== undefined && own(after, 'has_clip') === true ? frigateClipUrl(baseUrl, id) : undefined;
    let message: string;

    if (type === 'new') {
      message = `Frigate: ${what} detected on ${camera}${zones.length ? ` in ${zones.join(', ')}` : ''}${score}`;
    } else if (type === 'update') {
      // Only a zone entered for the first time is news; without "before" we cannot tell, so stay quiet.
      if (!isRecord(before)) return ignored('update without "before"');
      const had = new Set(stringList(own(before, 'entered_zones')));
      const fresh = stringList(own(after, 'entered_zones')).filter((z) => !had.has(z));
      if (fresh.length === 0) return ignored('update without a new zone');
      message = `Frigate: ${what} entered ${fresh.join(', ')} on ${camera}${score}`;
    } else {
      const start = toFiniteNumber(own(after, 'start_time'));
      const end = toFiniteNumber(own(after, 'end_time'));
      const seconds = start !== undefined && end !== undefined && end >= start && end - start < 7 * 86400 ? Math.round(end - start) : undefined;
      message = `Frigate: ${what} on ${camera} ended${seconds !== undefined ? ` after ${seconds} s` : ''}${zones.length ? ` (zones: ${zones.join(', ')})` : ''}${score}`;
    }
    const event: MappedEvent = { severity: 'info', deviceId: null, message };
    if (link !== undefined) event.link = link;
    return { kind: 'event', events: [event] };
  };

  return { id: 'frigate', label: 'Frigate NVR events', topics: [eventsTopic, `${prefix}/available`], map };
}
