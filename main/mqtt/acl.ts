import { createHash, timingSafeEqual } from 'node:crypto';
import type { MqttBrokerUser } from '../../preload/contract/index.ts';
import { compileFilter } from '../telemetry/mappers/topic-match.ts';

/**
 * Who may connect to the embedded broker and what each user may read and write (pure apart from a
 * hash). With no users configured the broker is open to anyone who can reach the port.
 */

/**
 * True when every topic `sub` can match is also matched by `acl` — a subscription is allowed only if it
 * lies inside one of the user's read filters (`home/#` covers `home/+/BTtoMQTT/#`, not `#`).
 */
export function filterCovers(acl: string, sub: string): boolean {
  const a = acl.split('/');
  const s = sub.split('/');
  for (let i = 0; i < a.length; i++) {
    const al = a[i]!;
    if (al === '#') return true;
    if (i >= s.length) return false;
    const sl = s[i]!;
    if (sl === '#') return false;
    if (al === '+') continue;
    if (sl === '+' || al !== sl) return false;
  }
  return a.length === s.length;
}

/** Drop filters another filter in the list already covers (so a broker never delivers one message twice to us). */
export function minimalFilters(filters: readonly string[]): string[] {
  const unique = [...new Set(filters)];
  return unique.filter((f, i) => !unique.some((g, j) => j !== i && filterCovers(g, f) && !(filterCovers(f, g) && j > i)));
}

const digest = (s: string | Buffer) => createHash('sha256').update(s).digest();

export interface BrokerAccess {
  /** The user a CONNECT authenticates as; null = refused; undefined = the broker is open (no users). */
  authenticate(username: string | undefined, password: Buffer | string | undefined): MqttBrokerUser | null | undefined;
  mayPublish(user: MqttBrokerUser | undefined, topic: string): boolean;
  maySubscribe(user: MqttBrokerUser | undefined, filter: string): boolean;
}

export function brokerAccess(users: readonly MqttBrokerUser[]): BrokerAccess {
  const compiled = new Map(users.map((u) => [u.username, { user: u, hash: digest(u.password), write: u.write.map((f) => compileFilter(f)) }]));
  return {
    authenticate(username, password) {
      if (compiled.size === 0) return undefined;
      const entry = username === undefined ? undefined : compiled.get(username);
      const given = digest(password === undefined ? '' : password);
      // Compare even for an unknown user, so timing does not say which names exist.
      const ok = timingSafeEqual(given, entry?.hash ?? digest('\u0000no such user'));
      return entry && ok ? entry.user : null;
    },
    mayPublish(user, topic) {
      if (topic.startsWith('$SYS')) return false;
      if (compiled.size === 0) return true;
      const entry = user && compiled.get(user.username);
      return entry !== undefined && entry.write.some((f) => f.matches(topic));
    },
    maySubscribe(user, filter) {
      if (compiled.size === 0) return true;
      const entry = user && compiled.get(user.username);
      return entry !== undefined && entry.user.read.some((acl) => filterCovers(acl, filter));
    },
  };
}
