import type { SettingsRepo } from '../store/settings-repo.ts';
import type { CredentialStore, ForwardingCredentials } from './forwarder.ts';

const key = 'forwarding.credentials';
const none: ForwardingCredentials = { username: null, password: null, token: null };
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * The forwarding target's user/password/token, in their own row of the settings table: not part of the
 * settings (which viewers can read and exports carry), like the access tokens.
 */
export function forwardingCredentials(repo: SettingsRepo): CredentialStore {
  return {
    get() {
      const v = repo.read(key);
      if (typeof v !== 'object' || v === null) return none;
      const o = v as Record<string, unknown>;
      return { username: text(o.username), password: text(o.password), token: text(o.token) };
    },
    set(next) {
      repo.writeAll({ [key]: next });
    },
  };
}
