import { useId, useState, type FormEvent } from 'react';
import type { DmxCue, DmxCueList } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useDmxLibrary } from '../../hooks/dmx-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { formatFade, parseSeconds, secondsText } from '../../lib/dmx-format.ts';
import { moveItem } from '../../lib/dmx-playback.ts';
import { ErrorMessage, fieldError } from '../ErrorMessage.tsx';

interface Props {
  /** null = a new list. */
  list: DmxCueList | null;
  onClose: () => void;
  onSaved: (list: DmxCueList) => void;
}

interface CueDraft {
  /** Kept from the stored cue, so the list keeps its place when it is saved while playing. */
  id: string;
  sceneId: string;
  /** Seconds as typed; '' = the scene's own fade. */
  fade: string;
  /** Seconds as typed; '' = wait for GO. */
  follow: string;
}

const toCueDraft = (c: DmxCue): CueDraft => ({ id: c.id, sceneId: c.sceneId, fade: c.fadeMs === undefined ? '' : secondsText(c.fadeMs), follow: c.followMs === undefined ? '' : secondsText(c.followMs) });

const freshId = (prefix: string, taken: ReadonlySet<string>) => {
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
};

/** Name, loop, and the cues (scene, fade, auto-follow) of one list; saved whole with cues.save. */
export function CueListEditor({ list, onClose, onSaved }: Props) {
  const api = useApi();
  const id = useId();
  const { library, scenesById } = useDmxLibrary();
  const scenes = library?.scenes ?? [];
  const [name, setName] = useState(list?.name ?? '');
  const [loop, setLoop] = useState(list?.loop ?? false);
  const [cues, setCues] = useState<CueDraft[]>(() => (list ? list.cues.map(toCueDraft) : scenes.slice(0, 1).map((s) => ({ id: 'c1', sceneId: s.id, fade: '', follow: '' }))));
  const [typing, setTyping] = useState<Record<string, string>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);

  const save = useAction(async (next: DmxCueList) => onSaved(await api.call('cues.save', { list: next })));
  const remove = useAction(async () => {
    if (list) await api.call('cues.delete', { id: list.id });
    onClose();
  });

  const edit = (i: number, patch: Partial<CueDraft>) => {
    if (save.error) save.fail(null);
    setCues(cues.map((c, n) => (n === i ? { ...c, ...patch } : c)));
  };
  const addCue = () => {
    const taken = new Set(cues.map((c) => c.id));
    const lastScene = cues.at(-1)?.sceneId;
    const nextScene = scenes[(scenes.findIndex((s) => s.id === lastScene) + 1) % Math.max(1, scenes.length)]?.id ?? '';
    setCues([...cues, { id: freshId('c', taken), sceneId: nextScene, fade: '', follow: '' }]);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (name.trim() === '') errors['list.name'] = 'Give the list a name';
    const out: DmxCue[] = cues.map((c, i) => {
      const cue: DmxCue = { id: c.id, sceneId: c.sceneId };
      if (c.fade.trim() !== '') {
        const f = parseSeconds(c.fade);
        if (f.ok) cue.fadeMs = f.value;
        else errors[`list.cues.${i}.fadeMs`] = f.message;
      }
      if (c.follow.trim() !== '') {
        const f = parseSeconds(c.follow);
        if (f.ok) cue.followMs = f.value;
        else errors[`list.cues.${i}.followMs`] = f.message;
      }
      if (!scenesById.has(c.sceneId)) errors[`list.cues.${i}.sceneId`] = 'Pick a scene';
      return cue;
    });
    setTyping(errors);
    if (Object.keys(errors).length > 0) return;
    const taken = new Set((library?.cueLists ?? []).map((l) => l.id));
    void save.run({ id: list?.id ?? freshId('list-', taken), name: name.trim(), loop, cues: out });
  };
  const message = (path: string) => typing[path] ?? fieldError(save.error, path);

  return (
    <form className="cuelist cuelist--editing dmx-form" onSubmit={submit} noValidate aria-label={list ? `Edit cue list ${list.name}` : 'New cue list'} data-testid="cuelist-editor">
      <h3 className="dmx-form__title">{list ? `Edit “${list.name}”` : 'New cue list'}</h3>
      <div className="form-row">
        <div className="field dmx-form__name">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} aria-invalid={message('list.name') ? true : undefined} data-testid="cuelist-name" />
          {message('list.name') && <p className="field-error">{message('list.name')}</p>}
        </div>
        <label className="check cuelist-editor__loop">
          <input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} data-testid="cuelist-loop" />
          <span>Loop (GO after the last cue plays the first)</span>
        </label>
      </div>
      <p className="muted field-note">Fade empty = the scene’s own fade. Follow = start the next cue by itself this long after this cue’s fade ends (empty = wait for GO).</p>

      <ol className="cue-edit-list">
        {cues.map((c, i) => {
          const scene = scenesById.get(c.sceneId);
          return (
            <li key={c.id} className="cue-edit" data-testid="cue-edit-row">
              <span className="cue-edit__n" aria-hidden="true">
                {i + 1}
              </span>
              <div className="field cue-edit__scene">
                <label htmlFor={`${id}-${c.id}-scene`}>Cue {i + 1} scene</label>
                <select id={`${id}-${c.id}-scene`} value={c.sceneId} onChange={(e) => edit(i, { sceneId: e.target.value })} aria-invalid={message(`list.cues.${i}.sceneId`) ? true : undefined} data-testid="cue-edit-scene">
                  {!scene && <option value={c.sceneId}>(missing scene)</option>}
                  {scenes.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-${c.id}-fade`}>Fade (s)</label>
                <input id={`${id}-${c.id}-fade`} className="input--time" inputMode="decimal" placeholder={scene ? formatFade(scene.fadeMs) : ''} value={c.fade} onChange={(e) => edit(i, { fade: e.target.value })} aria-invalid={message(`list.cues.${i}.fadeMs`) ? true : undefined} data-testid="cue-edit-fade" />
              </div>
              <div className="field">
                <label htmlFor={`${id}-${c.id}-follow`}>Follow (s)</label>
                <input id={`${id}-${c.id}-follow`} className="input--time" inputMode="decimal" placeholder="GO" value={c.follow} onChange={(e) => edit(i, { follow: e.target.value })} aria-invalid={message(`list.cues.${i}.followMs`) ? true : undefined} data-testid="cue-edit-follow" />
              </div>
              <div className="cue-edit__tools">
                <button type="button" className="btn btn--small" onClick={() => setCues(moveItem(cues, i, i - 1))} disabled={i === 0} aria-label={`Move cue ${i + 1} up`}>
                  ▲
                </button>
                <button type="button" className="btn btn--small" onClick={() => setCues(moveItem(cues, i, i + 1))} disabled={i === cues.length - 1} aria-label={`Move cue ${i + 1} down`}>
                  ▼
                </button>
                <button type="button" className="btn btn--small" onClick={() => setCues(cues.filter((_, n) => n !== i))} aria-label={`Remove cue ${i + 1}`}>
                  Remove
                </button>
              </div>
              {['sceneId', 'fadeMs', 'followMs'].map((f) =>
                message(`list.cues.${i}.${f}`) ? (
                  <p key={f} className="field-error cue-edit__error">
                    {message(`list.cues.${i}.${f}`)}
                  </p>
                ) : null,
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" onClick={addCue} disabled={scenes.length === 0} data-testid="cue-add">
        Add cue
      </button>

      <div className="form-row dmx-form__actions">
        <button type="submit" className="btn btn--primary" disabled={save.busy} data-testid="cuelist-save">
          {save.busy ? 'Saving…' : 'Save cue list'}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        {list && !confirmDelete && (
          <button type="button" className="btn btn--danger dmx-form__delete" onClick={() => setConfirmDelete(true)} data-testid="cuelist-delete">
            Delete list
          </button>
        )}
        {list && confirmDelete && (
          <span className="confirm confirm--inline" role="alertdialog" aria-label={`Delete ${list.name}?`}>
            <span>Delete “{list.name}”?</span>
            <button type="button" className="btn btn--danger" onClick={() => void remove.run()} disabled={remove.busy} data-testid="cuelist-delete-yes">
              Delete
            </button>
            <button type="button" className="btn" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </span>
        )}
      </div>
      <ErrorMessage error={save.error ?? remove.error} inline={(p) => p === 'list.name' || /^list\.cues\.\d+\.(sceneId|fadeMs|followMs)$/.test(p)} />
    </form>
  );
}
