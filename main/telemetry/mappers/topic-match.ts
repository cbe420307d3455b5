/**
 * MQTT topic filters with the 3.1.1 wildcard rules (spec §4.7): `+` is exactly one level (possibly
 * empty), `#` is the parent level and everything below it and must be the last level, both must fill a
 * whole level, and a filter starting with a wildcard never matches a `$…` topic (`$SYS/…`).
 * Pure and dependency-free so the broker, the connections and every mapper share one reading of the rules.
 */

/** Why a subscription filter is invalid, or null when it is fine. */
export function filterProblem(filter: string): string | null {
  if (typeof filter !== 'string' || filter.length === 0) return 'a topic filter cannot be empty';
  if (filter.length > 65535) return 'a topic filter is at most 65535 characters';
  if (filter.includes('\u0000')) return 'a topic filter cannot contain a NUL character';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return "'#' must be a whole level and the last one (e.g. 'home/#')";
    if (level.includes('+') && level !== '+') return "'+' must be a whole level (e.g. 'home/+/temp')";
  }
  return null;
}

/** Why a published topic name is invalid, or null when it is fine (no wildcards, not empty). */
export function topicProblem(topic: string): string | null {
  if (typeof topic !== 'string' || topic.length === 0) return 'a topic cannot be empty';
  if (topic.length > 65535) return 'a topic is at most 65535 characters';
  if (topic.includes('+') || topic.includes('#')) return 'a published topic cannot contain + or #';
  if (topic.includes('\u0000')) return 'a topic cannot contain a NUL character';
  return null;
}

/** A filter split once, matched many times. */
export interface CompiledFilter {
  readonly filter: string;
  readonly levels: readonly string[];
  /** True when `topic` (a valid topic name) is delivered to a subscription on this filter. */
  matches(topic: string): boolean;
}

/** Compile a filter; an invalid filter compiles to one that matches nothing (check `filterProblem` first to tell the user). */
export function compileFilter(filter: string): CompiledFilter {
  const invalid = filterProblem(filter) !== null;
  const levels = invalid ? [] : filter.split('/');
  const wildFirst = levels[0] === '+' || levels[0] === '#';
  return {
    filter,
    levels,
    matches(topic: string): boolean {
      if (invalid || typeof topic !== 'string' || topic.length === 0) return false;
      if (wildFirst && topic.charCodeAt(0) === 36 /* $ */) return false;
      return matchLevels(levels, topic);
    },
  };
}

/** One-off match; prefer `compileFilter` on hot paths. */
export function topicMatches(filter: string, topic: string): boolean {
  return compileFilter(filter).matches(topic);
}

/** Walk the topic level by level without splitting it (no allocation on the hot path). */
function matchLevels(levels: readonly string[], topic: string): boolean {
  let pos = 0; // start of the current topic level
  for (let i = 0; i < levels.length; i++) {
    const f = levels[i]!;
    if (f === '#') return true; // also matches the parent: 'a/#' matches 'a'
    if (pos > topic.length) return false; // topic ran out of levels
    let end = topic.indexOf('/', pos);
    if (end === -1) end = topic.length;
    if (f !== '+') {
      if (end - pos !== f.length || !topic.startsWith(f, pos)) return false;
    }
    pos = end + 1;
  }
  return pos > topic.length; // every topic level consumed
}

/** The topic's levels (`a//b` → ['a', '', 'b']). */
export function topicLevels(topic: string): string[] {
  return topic.split('/');
}
