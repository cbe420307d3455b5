import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../main/api/session.ts';
import { handleSocketMessage } from '../../../main/api/ws-protocol.ts';

const session: Session = { call: vi.fn(async (method: string) => ({ result: method })), close: () => {} };

describe('websocket message handling', () => {
  it('answers a request with its id', async () => {
    expect(await handleSocketMessage(session, '{"id":7,"method":"devices.list"}')).toEqual({ id: 7, result: 'devices.list' });
    expect(await handleSocketMessage(session, '{"id":"a-1","method":"x","params":{}}')).toEqual({ id: 'a-1', result: 'x' });
  });

  it.each([
    ['not JSON', '{"id":1,"method":', null, 'not valid JSON'],
    ['a JSON array', '[1,2]', null, 'malformed'],
    ['null', 'null', null, 'malformed'],
    ['no method', '{"id":3}', 3, 'method'],
    ['a numeric method', '{"id":4,"method":12}', 4, 'method'],
    ['a negative id', '{"id":-1,"method":"x"}', null, 'id'],
    ['an unknown envelope key', '{"id":5,"method":"x","extra":1}', 5, 'extra'],
  ])('%s gets invalid_request and never reaches the core', async (_what, text, id, mention) => {
    vi.mocked(session.call).mockClear();
    const reply = await handleSocketMessage(session, text);
    expect(reply).toMatchObject({ id, error: { code: 'invalid_request' } });
    expect('error' in reply && reply.error.message).toContain(mention);
    expect(session.call).not.toHaveBeenCalled();
  });

  it('binary frames are refused', async () => {
    expect(await handleSocketMessage(session, null)).toMatchObject({ id: null, error: { code: 'invalid_request' } });
  });
});
