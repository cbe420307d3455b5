import type { ResponseMessage } from '../../preload/contract/index.ts';
import { RequestEnvelope } from '../../preload/contract/index.ts';
import { invalidParams } from './errors.ts';
import type { Session } from './session.ts';

/**
 * One inbound WebSocket frame → one reply. Malformed frames get an invalid_request error with the id
 * when it could be read (else null); nothing reaches the core unvalidated.
 */
export async function handleSocketMessage(session: Session, text: string | null): Promise<ResponseMessage> {
  if (text === null) return { id: null, error: { code: 'invalid_request', message: 'binary frames are not accepted; send JSON text' } };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { id: null, error: { code: 'invalid_request', message: 'message is not valid JSON' } };
  }
  const envelope = RequestEnvelope.safeParse(raw);
  if (!envelope.success) {
    const id = RequestEnvelope.shape.id.safeParse((raw as { id?: unknown } | null)?.id);
    const { message, issues } = invalidParams(envelope.error).toBody();
    return { id: id.success ? id.data : null, error: { code: 'invalid_request', message: `malformed request: ${message}`, issues } };
  }
  const { id, method, params } = envelope.data;
  return { id, ...(await session.call(method, params)) };
}
