import type { BadData, ProfileDevice } from './profile.ts';

/**
 * A target's health from what the poller saw, in words an operator can act on. The error is taken as a
 * plain shape so this stays pure; the names match what net-snmp 3.29 (node_modules/net-snmp/index.js) throws:
 * - `RequestTimedOutError` "Request timed out" — no answer after the retries;
 * - `RequestFailedError` with `status` = the PDU error-status (2 noSuchName, 6 noAccess, 16 authorizationError…),
 *   or without status for a varbind exception in a table walk ("NoSuchObject: <oid>");
 * - `ResponseInvalidError` with a numeric `code` (ResponseInvalidCode): 5 EAuthFailure carries the USM report
 *   as its message ("Unknown User Name", "Wrong Digest (incorrect password, community or key)", "Unknown
 *   Engine ID", "Unsupported Security Level", "Not In Time Window", "Decryption Error") or "Authentication
 *   digest … does not match …"; 4 ECouldNotDecrypt; 14 ENotInTimeWindow; 10 ECommunityNoMatch; others
 *   (OID mismatch, out of order, unknown type…) mean a malformed answer;
 * - `RequestInvalidError` — we asked for something impossible (bad OID, bad value);
 * - `ProcessingError` — an answer that could not be parsed;
 * - socket errors with a string `code` (ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, ENOTFOUND…).
 */

export type HealthState = 'ok' | 'timeout' | 'auth' | 'bad-data' | 'unreachable';

export interface TargetHealth {
  state: HealthState;
  message: string;
}

/** What the poller caught (an Error or anything shaped like one). */
export interface PollError {
  name?: string;
  message?: string;
  /** Socket errors: a string (`ECONNREFUSED`); net-snmp's ResponseInvalidError: a number (ResponseInvalidCode). */
  code?: string | number;
  status?: number;
}

export interface HealthInput {
  error?: PollError | null;
  /** What the profile made of the answer (when there was one). */
  result?: { devices: readonly ProfileDevice[]; badData: readonly BadData[] } | null;
  /** SNMP version in use: changes what a timeout most likely means. */
  version?: '1' | '2c' | '3';
  /** For messages: `10.0.0.5:161`. */
  target?: string;
}

/** net-snmp ResponseInvalidCode values that matter here. */
const responseInvalid = { couldNotDecrypt: 4, authFailure: 5, communityNoMatch: 10, notInTimeWindow: 14 } as const;

/** USM report messages (net-snmp's UsmStats texts) → what to check. */
const usmMessages: [RegExp, string][] = [
  [/unknown user name/i, 'SNMPv3 user name unknown to the agent: check the user name'],
  [/wrong digest/i, 'SNMPv3 authentication failed: wrong auth password or auth protocol (SHA/MD5)'],
  [/authentication digest/i, 'SNMPv3 authentication failed: wrong auth password or auth protocol (SHA/MD5)'],
  [/decryption error|failed to decrypt/i, 'SNMPv3 decryption failed: wrong privacy password or privacy protocol (AES/DES)'],
  [/unknown engine id/i, 'SNMPv3 engine ID unknown to the agent: check the engine ID, or the agent was reset'],
  [/unsupported security level/i, 'the agent does not accept this SNMPv3 security level: check auth/privacy settings'],
  [/not in time window|outside the time window/i, 'SNMPv3 time window check failed: the agent rebooted or its clock jumped; retrying usually fixes it'],
];

/** Error-status values (RFC 3416) → operator wording. */
const statusMessages: Record<number, ['auth' | 'bad-data', string]> = {
  1: ['bad-data', 'answer too big for one packet (tooBig): ask for fewer values at a time'],
  2: ['bad-data', 'the agent does not have a value this profile asks for (noSuchName): wrong profile, or an SNMPv1 agent without it'],
  3: ['bad-data', 'the agent rejected the request (badValue)'],
  5: ['bad-data', 'the agent reported an internal error (genErr)'],
  6: ['auth', 'access denied by the agent (noAccess): check its view/ACL for this community or user'],
  13: ['bad-data', 'the agent is out of resources (resourceUnavailable)'],
  16: ['auth', 'access denied by the agent (authorizationError): check its view/ACL for this community or user'],
};

const socketMessages: Record<string, [HealthState, string]> = {
  ECONNREFUSED: ['unreachable', 'refused: nothing is listening on that port (is SNMP enabled on the device?)'],
  ENETUNREACH: ['unreachable', 'network unreachable: no route from this computer to that address'],
  EHOSTUNREACH: ['unreachable', 'host unreachable: the device is off or not on this network'],
  EHOSTDOWN: ['unreachable', 'host is down'],
  ENETDOWN: ['unreachable', 'network interface is down'],
  ENOTFOUND: ['unreachable', 'host name not found: check the address'],
  EAI_AGAIN: ['unreachable', 'host name could not be looked up (no DNS?): use an IP address'],
  EADDRNOTAVAIL: ['unreachable', 'address not available on this computer'],
  EACCES: ['unreachable', 'not permitted to send there (a broadcast address?)'],
  EPERM: ['unreachable', 'not permitted to send there (blocked by a firewall?)'],
  EMSGSIZE: ['bad-data', 'request too large for one packet'],
};

function where(input: HealthInput): string {
  return input.target ? ` (${input.target})` : '';
}

/** Classify one poll. An error wins over a result; no error and no result is "ok" with nothing to say. */
export function classifyHealth(input: HealthInput): TargetHealth {
  const err = input.error;
  if (err) return classifyError(err, input);
  const result = input.result;
  if (!result) return { state: 'ok', message: 'answering' };
  const faults = result.badData.filter((b) => !b.notice);
  const samples = result.devices.reduce((n, d) => n + d.samples.length, 0);
  if (result.devices.length === 0) {
    const why = faults[0]?.reason ?? result.badData[0]?.reason;
    return { state: 'bad-data', message: `answering, but with nothing this profile understands (wrong profile?)${why ? `: ${why}` : ''}` };
  }
  if (faults.length > 0) {
    return { state: 'bad-data', message: `answering, but ${faults.length} value${faults.length === 1 ? ' was' : 's were'} unusable: ${faults[0]!.reason}${faults.length > 1 ? ' …' : ''}` };
  }
  const notes = result.badData.length;
  return {
    state: 'ok',
    message: `ok: ${result.devices.length} device${result.devices.length === 1 ? '' : 's'}, ${samples} reading${samples === 1 ? '' : 's'}${notes ? `; ${notes} note${notes === 1 ? '' : 's'} (${result.badData[0]!.reason})` : ''}`,
  };
}

function classifyError(err: PollError, input: HealthInput): TargetHealth {
  const name = typeof err.name === 'string' ? err.name : '';
  const message = typeof err.message === 'string' ? err.message : '';
  const at = where(input);

  if (typeof err.code === 'string' && socketMessages[err.code]) {
    const [state, text] = socketMessages[err.code]!;
    return { state, message: `${text}${at}` };
  }

  if (name === 'RequestTimedOutError' || /timed? ?out/i.test(message)) {
    // An agent that cannot decrypt a v3 request (wrong privacy password or protocol) drops it without a word (net-snmp 5.9's snmpd does).
    if (input.version === '3') return { state: 'timeout', message: `no answer${at}: agent unreachable, SNMP off, or wrong SNMPv3 privacy password/protocol` };
    // v1/v2c agents drop requests with a wrong community silently: it looks exactly like a dead host.
    return { state: 'timeout', message: `no answer${at}: wrong community or unreachable` };
  }

  if (name === 'ResponseInvalidError') {
    const usm = usmMessages.find(([re]) => re.test(message));
    if (err.code === responseInvalid.authFailure || err.code === responseInvalid.couldNotDecrypt || err.code === responseInvalid.notInTimeWindow || usm) {
      return { state: 'auth', message: `${usm ? usm[1] : `SNMPv3 security failure: ${message || 'authentication failed'}`}${at}` };
    }
    if (err.code === responseInvalid.communityNoMatch) return { state: 'bad-data', message: `the answer carried a different community than asked${at}: another agent answering?` };
    return { state: 'bad-data', message: `the agent sent an invalid answer${at}: ${message || 'malformed response'}` };
  }

  if (name === 'RequestFailedError') {
    const known = typeof err.status === 'number' ? statusMessages[err.status] : undefined;
    if (known) return { state: known[0], message: `${known[1]}${at}` };
    if (/^(NoSuchObject|NoSuchInstance|EndOfMibView)\b/.test(message)) return { state: 'bad-data', message: `the agent does not have part of what this profile reads${at}: ${message}` };
    const usm = usmMessages.find(([re]) => re.test(message));
    if (usm) return { state: 'auth', message: `${usm[1]}${at}` };
    return { state: 'bad-data', message: `the agent refused the request${at}: ${message || `error status ${String(err.status)}`}` };
  }

  if (name === 'RequestInvalidError') return { state: 'bad-data', message: `request could not be sent${at}: ${message || 'invalid request'} (check the configured OIDs)` };
  if (name === 'ProcessingError') return { state: 'bad-data', message: `the answer could not be decoded${at}: ${message || 'malformed packet'}` };

  const usm = usmMessages.find(([re]) => re.test(message));
  if (usm) return { state: 'auth', message: `${usm[1]}${at}` };
  return { state: 'unreachable', message: `poll failed${at}: ${message || name || String(err.code ?? 'unknown error')}` };
}
