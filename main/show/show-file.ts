import type { ShowFile } from '../../preload/contract/show.ts';
import { CoreError } from '../runtime/errors.ts';

/** One capability's part of a show file. */
export interface ShowPart<T = unknown> {
  /** Its key in the file: `settings`, `dmx`, `schedule`, `dashboards`… */
  name: string;
  export(): T;
  /** Check a part from a file; throw CoreError('invalid', …) naming what is wrong. Must change nothing. */
  check(value: unknown): T;
  /** Apply a part that passed `check`. */
  apply(value: T): void;
}

/**
 * Show files: each capability registers its part; export gathers them, import checks every part before
 * applying any (in registration order, inside one store transaction where the store allows).
 */
export class ShowFiles {
  private readonly parts: ShowPart[] = [];
  private readonly transaction: (fn: () => void) => void;
  private readonly now: () => number;

  constructor(transaction: (fn: () => void) => void, now: () => number) {
    this.transaction = transaction;
    this.now = now;
  }

  register<T>(part: ShowPart<T>): void {
    if (this.parts.some((p) => p.name === part.name)) throw new Error(`show part "${part.name}" registered twice`);
    this.parts.push(part as ShowPart);
  }

  export(): ShowFile {
    return { format: 'showsite-show', version: 1, exportedAt: new Date(this.now()).toISOString(), parts: Object.fromEntries(this.parts.map((p) => [p.name, p.export()])) };
  }

  import(file: ShowFile, only?: readonly string[]): string[] {
    for (const name of only ?? []) if (!this.parts.some((p) => p.name === name)) throw new CoreError('invalid', `a show file has no part called "${name}" (it knows ${this.parts.map((p) => p.name).join(', ')})`);
    const unknown = Object.keys(file.parts).filter((k) => !this.parts.some((p) => p.name === k));
    if (unknown.length) throw new CoreError('invalid', `this show file has parts this console does not know: ${unknown.join(', ')} — is it from a newer version?`);
    const chosen = this.parts.filter((p) => p.name in file.parts && (!only || only.includes(p.name)));
    if (chosen.length === 0) throw new CoreError('invalid', 'the show file has none of the parts asked for');
    // Check everything first: a bad scene must not leave the settings half-imported.
    const checked = chosen.map((p) => {
      try {
        return { part: p, value: p.check(file.parts[p.name]) };
      } catch (error) {
        if (error instanceof CoreError) throw new CoreError(error.kind, `${p.name}: ${error.message}`, error.issues?.map((i) => ({ path: `${p.name}.${i.path}`, message: i.message })));
        throw error;
      }
    });
    this.transaction(() => {
      for (const { part, value } of checked) part.apply(value);
    });
    return checked.map((c) => c.part.name);
  }
}
