import { useId, useState, type FormEvent } from 'react';
import type { DmxScene } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useDmxLibrary } from '../../hooks/dmx-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { parseSeconds } from '../../lib/dmx-format.ts';
import { ErrorMessage, fieldError } from '../ErrorMessage.tsx';

interface Props {
  /** new: an empty scene, then its editor; record: what is on stage now. */
  mode: 'new' | 'record';
  onClose: () => void;
  onCreated: (scene: DmxScene) => void;
}

const defaultColour = '#3a6ea5';

/** "New scene" and "Record from stage": name, fade, colour (and for a recording, which fixtures). */
export function SceneCreateForm({ mode, onClose, onCreated }: Props) {
  const api = useApi();
  const id = useId();
  const { library } = useDmxLibrary();
  const patch = library?.patch ?? [];
  const [name, setName] = useState('');
  const [fade, setFade] = useState('3');
  const [useColour, setUseColour] = useState(false);
  const [colour, setColour] = useState(defaultColour);
  const [which, setWhich] = useState<'all' | 'fixtures'>('all');
  const [fixtures, setFixtures] = useState<ReadonlySet<string>>(() => new Set());
  const [typing, setTyping] = useState<Record<string, string>>({});

  const create = useAction(async (params: { name: string; fadeMs: number; colour?: string; fixtures?: string[] }) => {
    const scene =
      mode === 'new'
        ? await api.call('scenes.create', { name: params.name, fadeMs: params.fadeMs, colour: params.colour, values: {} })
        : await api.call('scenes.record', { name: params.name, fadeMs: params.fadeMs, colour: params.colour, fixtures: params.fixtures });
    onCreated(scene);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const fadeMs = parseSeconds(fade);
    if (!fadeMs.ok) errors.fadeMs = fadeMs.message;
    if (name.trim() === '') errors.name = 'Give the scene a name';
    if (mode === 'record' && which === 'fixtures' && fixtures.size === 0) errors.fixtures = 'Pick at least one fixture, or record all channels';
    setTyping(errors);
    if (Object.keys(errors).length > 0 || !fadeMs.ok) return;
    void create.run({
      name: name.trim(),
      fadeMs: fadeMs.value,
      colour: useColour ? colour : undefined,
      fixtures: mode === 'record' && which === 'fixtures' ? [...fixtures] : undefined,
    });
  };

  const message = (field: string) => typing[field] ?? fieldError(create.error, field);
  const toggleFixture = (fid: string, on: boolean) => {
    const next = new Set(fixtures);
    if (on) next.add(fid);
    else next.delete(fid);
    setFixtures(next);
  };

  return (
    <form className="dmx-form" onSubmit={submit} noValidate data-testid={mode === 'new' ? 'scene-new-form' : 'scene-record-form'} aria-label={mode === 'new' ? 'New scene' : 'Record from stage'}>
      <h3 className="dmx-form__title">{mode === 'new' ? 'New scene' : 'Record what is on stage'}</h3>
      <div className="form-row">
        <div className="field dmx-form__name">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={message('name') ? true : undefined}
            data-testid="scene-name"
            autoFocus
          />
          {message('name') && <p className="field-error">{message('name')}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-fade`}>Fade (s)</label>
          <input
            id={`${id}-fade`}
            className="input--time"
            inputMode="decimal"
            value={fade}
            onChange={(e) => setFade(e.target.value)}
            aria-invalid={message('fadeMs') ? true : undefined}
            data-testid="scene-fade"
          />
          {message('fadeMs') && <p className="field-error">{message('fadeMs')}</p>}
        </div>
        <div className="field">
          <span className="field__label" id={`${id}-colour-label`}>
            Colour
          </span>
          <span className="colour-pick">
            <label className="check">
              <input type="checkbox" checked={useColour} onChange={(e) => setUseColour(e.target.checked)} data-testid="scene-use-colour" />
              <span>Tint</span>
            </label>
            <input type="color" value={colour} onChange={(e) => {
              setColour(e.target.value);
              setUseColour(true);
            }} aria-labelledby={`${id}-colour-label`} data-testid="scene-colour" />
          </span>
        </div>
      </div>

      {mode === 'record' && (
        <fieldset className="dmx-form__which">
          <legend>Record</legend>
          <label className="check">
            <input type="radio" name={`${id}-which`} checked={which === 'all'} onChange={() => setWhich('all')} />
            <span>Every channel that is not 0 (before grand master and blackout)</span>
          </label>
          <label className="check">
            <input type="radio" name={`${id}-which`} checked={which === 'fixtures'} onChange={() => setWhich('fixtures')} disabled={patch.length === 0} />
            <span>Only these fixtures (all their channels){patch.length === 0 ? ' — nothing is patched yet' : ''}</span>
          </label>
          {which === 'fixtures' && (
            <ul className="fixture-picks">
              {patch.map((f) => (
                <li key={f.id}>
                  <label className="check">
                    <input type="checkbox" checked={fixtures.has(f.id)} onChange={(e) => toggleFixture(f.id, e.target.checked)} />
                    <span>
                      {f.name} <span className="muted">U{f.universe}·{f.address}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {message('fixtures') && <p className="field-error">{message('fixtures')}</p>}
        </fieldset>
      )}

      <div className="form-row dmx-form__actions">
        <button type="submit" className="btn btn--primary" disabled={create.busy} data-testid="scene-create">
          {mode === 'new' ? 'Create and edit values' : 'Record'}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={create.error} inline={(p) => p === 'name' || p === 'fadeMs'} />
    </form>
  );
}
