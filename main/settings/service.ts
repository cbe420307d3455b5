import { randomBytes } from 'node:crypto';
import type { Settings } from '../../preload/contract/index.ts';
import { Settings as SettingsSchema, SettingsPatch as PatchSchema, changedSections, defaultSettings, mergeSettings, settingsSectionNames } from '../../preload/contract/index.ts';
import { CoreError, invalidInput } from '../runtime/errors.ts';
import type { Logger } from '../runtime/logger.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';

export { changedSections };
const tokenKey = 'auth.token';
const viewerTokenKey = 'auth.viewerToken';
const validToken = /^[\x21-\x7e]{1,256}$/;

/**
 * Settings live as one row per section. Reading falls back to defaults section by section, so one
 * damaged row never loses the others. Writing validates the whole result first: invalid input changes nothing.
 */
export class SettingsService {
  private current: Settings;
  private readonly listeners = new Set<(next: Settings, previous: Settings) => void>();

  private readonly repo: SettingsRepo;
  private readonly logger: Logger;
  constructor(repo: SettingsRepo, logger: Logger) {
    this.repo = repo;
    this.logger = logger;
    const loaded: Record<string, unknown> = {};
    for (const s of settingsSectionNames) {
      const stored = this.repo.read(`settings.${s}`);
      const parsed = SettingsSchema.shape[s].safeParse(stored);
      if (stored !== undefined && !parsed.success) logger.warn('stored setting section is invalid; using defaults', { section: s });
      loaded[s] = parsed.success ? parsed.data : defaultSettings[s];
    }
    this.current = SettingsSchema.parse(loaded);
  }

  get(): Settings {
    return this.current;
  }

  /** What settings would become with this patch (throws CoreError when refused); changes nothing. */
  check(patch: unknown): Settings {
    const parsed = PatchSchema.safeParse(patch);
    if (!parsed.success) throw invalidInput(parsed.error, 'settings');
    const next = mergeSettings(this.current, parsed.data);
    const checked = SettingsSchema.safeParse(next);
    if (!checked.success) throw invalidInput(checked.error, 'settings');
    return checked.data;
  }

  /** Merge a patch (already shaped like SettingsPatch, or raw from a file) and persist. */
  update(patch: unknown): Settings {
    const checked = { data: this.check(patch) };
    const changed = changedSections(checked.data, this.current);
    if (changed.length === 0) return this.current;
    this.repo.writeAll(Object.fromEntries(changed.map((s) => [`settings.${s}`, checked.data[s]])));
    const previous = this.current;
    this.current = checked.data;
    this.logger.info('settings changed', { sections: changed });
    for (const l of this.listeners) l(this.current, previous);
    return this.current;
  }

  onChange(listener: (next: Settings, previous: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The control token (LAN and automation): made on first run, kept out of settings exports. */
  token(): string {
    return this.storedOrNew(tokenKey);
  }

  /** The viewer token: watches everything, changes nothing (the stage manager's tablet). */
  viewerToken(): string {
    return this.storedOrNew(viewerTokenKey);
  }

  private storedOrNew(key: string): string {
    const stored = this.repo.read(key);
    if (typeof stored === 'string' && validToken.test(stored)) return stored;
    const token = randomBytes(18).toString('base64url');
    this.repo.writeAll({ [key]: token });
    return token;
  }

  /** Throws the reason a token would be refused, without saving anything. */
  checkToken(token: string): void {
    if (!validToken.test(token)) throw new CoreError('invalid', 'token must be 1–256 printable characters without spaces');
    if (token === this.viewerToken()) throw new CoreError('conflict', 'the control token must differ from the viewer token');
  }

  /** The operator's choice wins; a short one is allowed (it's their venue) but warned about. */
  setToken(token: string): void {
    this.checkToken(token);
    if (token.length < 12) this.logger.warn('the access token is short: anyone on the venue network could guess it; use 12 or more characters when LAN access is on');
    this.repo.writeAll({ [tokenKey]: token });
  }
}
