import { describe, expect, it } from 'vitest';
import { compileFilter, filterProblem, topicMatches, topicProblem } from '../../../../main/telemetry/mappers/topic-match.ts';
import { mqttFilterProblem } from '../../../../main/telemetry/mappers/user-mapping-schema.ts';
import { seededRandom } from '../../../../native/sim/random.ts';

describe('topic filters (MQTT 3.1.1 §4.7 examples)', () => {
  it('multi-level wildcard', () => {
    const f = 'sport/tennis/player1/#';
    expect(topicMatches(f, 'sport/tennis/player1')).toBe(true);
    expect(topicMatches(f, 'sport/tennis/player1/ranking')).toBe(true);
    expect(topicMatches(f, 'sport/tennis/player1/score/wimbledon')).toBe(true);
    expect(topicMatches(f, 'sport/tennis/player2')).toBe(false);
    expect(topicMatches('sport/#', 'sport')).toBe(true);
    expect(topicMatches('#', 'anything/at/all')).toBe(true);
  });

  it('single-level wildcard', () => {
    expect(topicMatches('sport/tennis/+', 'sport/tennis/player1')).toBe(true);
    expect(topicMatches('sport/tennis/+', 'sport/tennis/player2')).toBe(true);
    expect(topicMatches('sport/tennis/+', 'sport/tennis/player1/ranking')).toBe(false);
    expect(topicMatches('sport/+', 'sport')).toBe(false);
    expect(topicMatches('sport/+', 'sport/')).toBe(true);
    expect(topicMatches('+/+', '/finance')).toBe(true);
    expect(topicMatches('/+', '/finance')).toBe(true);
    expect(topicMatches('+', '/finance')).toBe(false);
    expect(topicMatches('+/tennis/#', 'sport/tennis/player1/ranking')).toBe(true);
  });

  it('$ topics are not matched by a leading wildcard', () => {
    expect(topicMatches('#', '$SYS/broker/uptime')).toBe(false);
    expect(topicMatches('+/monitor/Clients', '$SYS/monitor/Clients')).toBe(false);
    expect(topicMatches('$SYS/#', '$SYS/monitor/Clients')).toBe(true);
    expect(topicMatches('$SYS/monitor/+', '$SYS/monitor/Clients')).toBe(true);
  });

  it('exact levels are case-sensitive and whole', () => {
    expect(topicMatches('home/+/BTtoMQTT/#', 'home/OMG/BTtoMQTT/A4C138DDDBF8')).toBe(true);
    expect(topicMatches('home/+/BTtoMQTT/#', 'home/OMG/bttomqtt/A4C138DDDBF8')).toBe(false);
    expect(topicMatches('home/+/BTtoMQTT/#', 'home/OMG/BTtoMQTTx/A')).toBe(false);
    expect(topicMatches('a/b', 'a/b/')).toBe(false);
    expect(topicMatches('a/b', 'a/bc')).toBe(false);
  });

  it('invalid filters are explained and match nothing', () => {
    for (const f of ['sport/tennis#', 'sport/tennis/#/ranking', 'sport+', '', 'a/#/b', '+a']) {
      expect(filterProblem(f), f).not.toBeNull();
      expect(compileFilter(f).matches('sport/tennis'), f).toBe(false);
    }
    for (const f of ['#', '+', '/', 'a//b', '+/+/#', '$SYS/#']) expect(filterProblem(f), f).toBeNull();
  });

  it('published topics may not hold wildcards', () => {
    expect(topicProblem('a/+/b')).not.toBeNull();
    expect(topicProblem('a/#')).not.toBeNull();
    expect(topicProblem('')).not.toBeNull();
    expect(topicProblem('a/b')).toBeNull();
  });

  it('agrees with an independent regex reading of the rules on random filters and topics', () => {
    // Reference: translate the filter into a regex the textbook way.
    const reference = (filter: string, topic: string): boolean => {
      if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
      const levels = filter.split('/');
      let re = '^';
      levels.forEach((l, i) => {
        if (l === '#') re = i === 0 ? '^.*' : re.slice(0, -1) + '(?:/.*)?';
        else re += (l === '+' ? '[^/]*' : l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) + (i < levels.length - 1 ? '/' : '');
      });
      return new RegExp(re + '$').test(topic);
    };
    const rnd = seededRandom(4711);
    const words = ['a', 'b', 'home', '', '$SYS', 'x y'];
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      const fl = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => (rnd() < 0.3 ? '+' : pick(words)));
      if (rnd() < 0.3) fl.push('#');
      const filter = fl.join('/');
      const topic = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => pick(words)).join('/');
      if (topic === '') continue; // not a valid topic name: never delivered
      const got = topicMatches(filter, topic);
      expect(got, `${filter} ~ ${topic}`).toBe(reference(filter, topic));
      if (got) matched++;
    }
    expect(matched).toBeGreaterThan(500);
  });

  it('the user-mapping schema applies the same wildcard rule', () => {
    const rnd = seededRandom(99);
    const parts = ['a', '+', '#', 'b+', '#c', '', 'x'];
    for (let i = 0; i < 5000; i++) {
      const f = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => parts[Math.floor(rnd() * parts.length)]!).join('/');
      expect(mqttFilterProblem(f) === null, f).toBe(filterProblem(f) === null);
    }
  });
});
