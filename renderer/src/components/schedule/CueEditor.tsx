import { useId, useState } from 'react';
import type { Cue, DmxLibrary, ScheduleEntry, ScheduleState } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { cueFromDraft, emptyCueDraft, type CueDraft } from '../../lib/schedule-draft.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

type CuedEntry = Exclude<ScheduleEntry, { type: 'delay' }>;

function describe(c: Cue, library: DmxLibrary | null): string {
  const when = c.trigger.kind === 'onStart' ? 'On start' : c.trigger.kind === 'onEnd' ? 'On end' : `${c.trigger.minutes} min before start`;
  const a = c.action;
  switch (a.type) {
    case 'scene.go':
      return `${when}: scene “${library?.scenes.find((s) => s.id === a.sceneId)?.name ?? a.sceneId}” GO`;
    case 'cuelist.go':
      return `${when}: cue list “${library?.cueLists.find((l) => l.id === a.cueListId)?.name ?? a.cueListId}” GO`;
    case 'mqtt.publish':
      return `${when}: MQTT publish “${a.payload}” to ${a.topic}${a.retain ? ' (retained)' : ''}`;
    case 'alert':
      return `${when}: ${a.severity} alert “${a.message}”`;
  }
}

/**
 * An entry's cues: a scene or cue-list GO from the DMX library, an MQTT publish or a timeline alert, on
 * the ACTUAL start or end, or N minutes before the EXPECTED (slipped) start. Each fires once a day.
 */
export function CueEditor({ entry, state, library, apply }: { entry: CuedEntry; state: ScheduleState; library: DmxLibrary | null; apply: (s: ScheduleState) => void }) {
  const api = useApi();
  const id = useId();
  const [d, setD] = useState<CueDraft>(emptyCueDraft);
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof CueDraft>(k: K, v: CueDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const save = useAction(async (cues: Cue[] | (Omit<Cue, 'id'> & { id?: string })[]) => {
    apply(await api.call('schedule.update', { id: entry.id, date: state.date, patch: { cues } }));
  });
  const scenes = library?.scenes ?? [];
  const lists = library?.cueLists ?? [];
  return (
    <div className="cue-editor" data-testid="cue-editor">
      <h3 className="cue-editor__title">Cues of “{entry.title}”</h3>
      {entry.cues.length === 0 ? (
        <p className="muted">No cues yet.</p>
      ) : (
        <ul className="cue-editor__list">
          {entry.cues.map((c) => (
            <li key={c.id} className="cue-editor__cue" data-testid="cue-item">
              <span>{describe(c, library)}</span>
              <button type="button" className="btn btn--small" disabled={save.busy} onClick={() => void save.run(entry.cues.filter((x) => x.id !== c.id))} aria-label={`Remove cue: ${describe(c, library)}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form-row cue-editor__add"
        onSubmit={(e) => {
          e.preventDefault();
          const r = cueFromDraft(d);
          if (!r.ok) return setProblem(r.error);
          setProblem(null);
          void save.run([...entry.cues, r.value]).then((ok) => ok && setD(emptyCueDraft()));
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-trigger`}>When</label>
          <select id={`${id}-trigger`} value={d.trigger} onChange={(e) => set('trigger', e.target.value as CueDraft['trigger'])} data-testid="cue-trigger">
            <option value="onStart">{entry.type === 'set' ? 'On actual start' : 'At its time'}</option>
            {entry.type === 'set' && <option value="onEnd">On actual end</option>}
            <option value="beforeStart">Minutes before start</option>
          </select>
        </div>
        {d.trigger === 'beforeStart' && (
          <div className="field">
            <label htmlFor={`${id}-minutes`}>Minutes before</label>
            <input id={`${id}-minutes`} className="input--narrow" inputMode="numeric" value={d.minutes} onChange={(e) => set('minutes', e.target.value)} data-testid="cue-minutes" />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-action`}>Do</label>
          <select id={`${id}-action`} value={d.action} onChange={(e) => set('action', e.target.value as CueDraft['action'])} data-testid="cue-action">
            <option value="scene.go">Scene GO</option>
            <option value="cuelist.go">Cue list GO</option>
            <option value="mqtt.publish">MQTT publish</option>
            <option value="alert">Timeline alert</option>
          </select>
        </div>
        {d.action === 'scene.go' && (
          <div className="field field--grow">
            <label htmlFor={`${id}-scene`}>Scene</label>
            <select id={`${id}-scene`} value={d.sceneId} onChange={(e) => set('sceneId', e.target.value)} data-testid="cue-scene">
              <option value="">{scenes.length ? 'Choose a scene…' : 'No scenes yet (Scenes page)'}</option>
              {scenes.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {d.action === 'cuelist.go' && (
          <div className="field field--grow">
            <label htmlFor={`${id}-list`}>Cue list</label>
            <select id={`${id}-list`} value={d.cueListId} onChange={(e) => set('cueListId', e.target.value)} data-testid="cue-list">
              <option value="">{lists.length ? 'Choose a cue list…' : 'No cue lists yet (Scenes page)'}</option>
              {lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {d.action === 'mqtt.publish' && (
          <>
            <div className="field field--grow">
              <label htmlFor={`${id}-topic`}>Topic</label>
              <input id={`${id}-topic`} value={d.topic} onChange={(e) => set('topic', e.target.value)} placeholder="stage/house-lights" data-testid="cue-topic" />
            </div>
            <div className="field field--grow">
              <label htmlFor={`${id}-payload`}>Payload</label>
              <input id={`${id}-payload`} value={d.payload} onChange={(e) => set('payload', e.target.value)} data-testid="cue-payload" />
            </div>
            <label className="switch cue-editor__retain">
              <input type="checkbox" checked={d.retain} onChange={(e) => set('retain', e.target.checked)} />
              <span className="switch__track" aria-hidden="true" />
              Retain
            </label>
          </>
        )}
        {d.action === 'alert' && (
          <>
            <div className="field field--grow">
              <label htmlFor={`${id}-message`}>Message</label>
              <input id={`${id}-message`} value={d.message} maxLength={500} onChange={(e) => set('message', e.target.value)} data-testid="cue-message" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-severity`}>Severity</label>
              <select id={`${id}-severity`} value={d.severity} onChange={(e) => set('severity', e.target.value as CueDraft['severity'])}>
                <option value="info">info</option>
                <option value="warn">warn</option>
                <option value="alarm">alarm</option>
              </select>
            </div>
          </>
        )}
        <button type="submit" className="btn btn--primary" disabled={save.busy} data-testid="cue-add">
          Add cue
        </button>
        {problem && <p className="field-error cue-editor__problem">{problem}</p>}
      </form>
      {d.action === 'mqtt.publish' && (
        <p className="muted field-note">Published at QoS 1 on the console’s MQTT connection (Settings → MQTT). If that is off or down, the cue is noted on the timeline as not sent.</p>
      )}
      <ErrorMessage error={save.error} />
    </div>
  );
}
