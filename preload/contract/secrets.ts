/**
 * Secrets in settings (broker passwords, SNMP communities and v3 keys). A viewer sees whether one is set,
 * never what it is: every result and event a view session receives passes through `redactSecrets`.
 * A new secret setting only needs its key here (test/preload/contract/secrets.test.ts lists them from the schema).
 */
export const secretKeys: ReadonlySet<string> = new Set(['password', 'authKey', 'privKey', 'community']);

/** What a viewer sees in place of a secret that is set (eight characters, so results still match their schema: SNMPv3 keys are at least 8). */
export const redacted = '••••••••';

/** A copy of `value` with every non-empty string under a secret key replaced by `redacted`; shares untouched branches. */
export function redactSecrets<T>(value: T): T {
  return redact(value) as T;
}

function redact(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'object' || item === null) continue; // numbers (a DMX universe) cost one check each
      const next = redact(item);
      if (next !== item) (copy ??= value.slice())[i] = next;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = secretKeys.has(key) && typeof item === 'string' ? (item === '' ? item : redacted) : redact(item);
    if (next !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return copy ?? value;
}
