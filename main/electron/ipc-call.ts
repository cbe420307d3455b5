// The main-process side of `showsite:call`: who may call, and what reaches the core. Electron-free for tests.
import type { CallOutcome } from '../../preload/contract/api.ts';
import type { Session } from '../api/session.ts';
import { isAppUrl } from './security.ts';

/** The parts of IpcMainInvokeEvent we look at (the real event satisfies this structurally). */
export interface CallerInfo {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

const maxMethodLength = 100;

/** A call is trusted only from a live frame showing our own app:// origin (not a navigated-away or foreign frame). */
export function isTrustedCaller(caller: CallerInfo): boolean {
  return caller.senderFrame !== null && isAppUrl(caller.senderFrame.url);
}

function failure(code: 'forbidden' | 'invalid_request' | 'unavailable' | 'internal', message: string): CallOutcome {
  return { error: { code, message } };
}

/**
 * Builds the ipcMain.handle listener. `sessionFor` finds the session of the window that sent the call.
 * Never throws: every failure becomes an outcome, because Errors lose their fields crossing contextBridge.
 */
export function createCallHandler(sessionFor: (webContentsId: number) => Session | undefined) {
  return async (caller: CallerInfo, method: unknown, params: unknown): Promise<CallOutcome> => {
    if (!isTrustedCaller(caller)) return failure('forbidden', 'calls are accepted only from the Showsite Console window');
    if (typeof method !== 'string' || method.length === 0 || method.length > maxMethodLength) {
      return failure('invalid_request', 'method must be a non-empty string of at most 100 characters');
    }
    const session = sessionFor(caller.sender.id);
    if (!session) return failure('unavailable', 'this window has no session with the core (it may be closing)');
    try {
      return await session.call(method, params);
    } catch (err) {
      // session.call promises never to throw; if it does, the renderer still gets an answer.
      return failure('internal', err instanceof Error ? err.message : String(err));
    }
  };
}
