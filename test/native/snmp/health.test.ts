import { describe, expect, it } from 'vitest';
import { classifyHealth, type HealthInput, type HealthState } from '../../../native/snmp/health.ts';

/** Errors shaped exactly as net-snmp 3.29 builds them (name, message, code, status). */
const table: [string, HealthInput, HealthState, RegExp][] = [
  ['v2c timeout', { version: '2c', error: { name: 'RequestTimedOutError', message: 'Request timed out' } }, 'timeout', /no answer.*wrong community or unreachable/],
  ['v1 timeout', { version: '1', error: { name: 'RequestTimedOutError', message: 'Request timed out' } }, 'timeout', /wrong community or unreachable/],
  ['v3 timeout', { version: '3', error: { name: 'RequestTimedOutError', message: 'Request timed out' } }, 'timeout', /no answer/],
  ['v3 unknown user (USM report)', { version: '3', error: { name: 'ResponseInvalidError', message: 'Unknown User Name', code: 5 } }, 'auth', /user name/],
  ['v3 wrong digest (USM report)', { version: '3', error: { name: 'ResponseInvalidError', message: 'Wrong Digest (incorrect password, community or key)', code: 5 } }, 'auth', /auth password/],
  ['v3 digest mismatch on the answer', { version: '3', error: { name: 'ResponseInvalidError', message: 'Authentication digest 00ff received in message does not match digest 1234 calculated for message', code: 5 } }, 'auth', /auth password/],
  ['v3 unknown engine id', { version: '3', error: { name: 'ResponseInvalidError', message: 'Unknown Engine ID', code: 5 } }, 'auth', /engine ID/],
  ['v3 decryption error (USM report)', { version: '3', error: { name: 'ResponseInvalidError', message: 'Decryption Error', code: 5 } }, 'auth', /privacy password/],
  ['v3 cannot decrypt the answer', { version: '3', error: { name: 'ResponseInvalidError', message: 'Failed to decrypt PDU: bad decrypt', code: 4 } }, 'auth', /privacy password/],
  ['v3 security level', { version: '3', error: { name: 'ResponseInvalidError', message: 'Unsupported Security Level', code: 5 } }, 'auth', /security level/],
  ['v3 time window', { version: '3', error: { name: 'ResponseInvalidError', message: "Message with engineBoots '3' and engineTime '9' is outside the time window", code: 14 } }, 'auth', /time window/],
  ['noAccess status', { error: { name: 'RequestFailedError', message: 'NoAccess: 1.3.6.1.2.1.1.5.0', status: 6 } }, 'auth', /access denied/],
  ['authorizationError status', { error: { name: 'RequestFailedError', message: 'AuthorizationError', status: 16 } }, 'auth', /access denied/],
  ['v1 noSuchName', { version: '1', error: { name: 'RequestFailedError', message: 'NoSuchName: 1.3.6.1.4.1.21239.5.1.1.7.0', status: 2 } }, 'bad-data', /noSuchName/],
  ['tooBig', { error: { name: 'RequestFailedError', message: 'TooBig', status: 1 } }, 'bad-data', /too big/],
  ['walk hit an exception', { error: { name: 'RequestFailedError', message: 'NoSuchObject: 1.3.6.1.2.1.31.1.1.1.6' } }, 'bad-data', /does not have/],
  ['OIDs out of order', { error: { name: 'ResponseInvalidError', message: "OID '1.3.6.1.2.1.2.2.1.10.2' in request at position '0' does not precede OID", code: 8 } }, 'bad-data', /invalid answer/],
  ['community mismatch', { error: { name: 'ResponseInvalidError', message: "Community 'public' in request does not match community 'x' in response", code: 10 } }, 'bad-data', /different community/],
  ['unparseable packet', { error: { name: 'ProcessingError', message: 'Failed to process message' } }, 'bad-data', /could not be decoded/],
  ['bad request', { error: { name: 'RequestInvalidError', message: "Unknown type '99' in request" } }, 'bad-data', /configured OIDs/],
  ['refused', { target: '10.0.0.5:161', error: { name: 'Error', message: 'send ECONNREFUSED 10.0.0.5:161', code: 'ECONNREFUSED' } }, 'unreachable', /nothing is listening.*10\.0\.0\.5:161/],
  ['no route', { error: { name: 'Error', message: 'send ENETUNREACH', code: 'ENETUNREACH' } }, 'unreachable', /no route/],
  ['host unreachable', { error: { name: 'Error', message: 'send EHOSTUNREACH', code: 'EHOSTUNREACH' } }, 'unreachable', /host unreachable/],
  ['DNS', { error: { name: 'Error', message: 'getaddrinfo ENOTFOUND switch.local', code: 'ENOTFOUND' } }, 'unreachable', /host name not found/],
  ['something else', { error: { message: 'socket closed' } }, 'unreachable', /socket closed/],
  ['clean answer', { result: { devices: [{ sighting: { id: 'snmp:x', kind: 'other', model: 'm', source: 'snmp' }, samples: [{ metric: 'a', unit: '', value: 1, ts: 1 }] }], badData: [] } }, 'ok', /1 device, 1 reading/],
  ['only notices', { result: { devices: [{ sighting: { id: 'snmp:x', kind: 'other', model: 'm', source: 'snmp' }, samples: [] }], badData: [{ reason: 'sensor "x" reports itself unavailable', notice: true }] } }, 'ok', /unavailable/],
  ['a garbled value', { result: { devices: [{ sighting: { id: 'snmp:x', kind: 'other', model: 'm', source: 'snmp' }, samples: [] }], badData: [{ oid: '1.2', reason: 'temperature: OctetString "x" is not a valid INTEGER' }] } }, 'bad-data', /1 value was unusable: temperature/],
  ['nothing understood', { result: { devices: [], badData: [] } }, 'bad-data', /wrong profile/],
];

describe('target health', () => {
  it.each(table)('%s', (_label, input, state, message) => {
    const h = classifyHealth(input);
    expect(h.state).toBe(state);
    expect(h.message).toMatch(message);
  });

  it('the error wins over a result', () => {
    expect(classifyHealth({ error: { name: 'RequestTimedOutError' }, result: { devices: [], badData: [] } }).state).toBe('timeout');
  });
});
