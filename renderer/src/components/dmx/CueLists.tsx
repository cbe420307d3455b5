import { useState } from 'react';
import type { DmxCueList } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useDmxLibrary, useDmxStatus } from '../../hooks/dmx-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { formatCountdown, formatFade } from '../../lib/dmx-format.ts';
import { cueListPlaybackId, cueListView, cueView, findPlayback, type CueView } from '../../lib/dmx-playback.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { CueListEditor } from './CueListEditor.tsx';

interface Props {
  canControl: boolean;
  /** The list Space GOes on. */
  selectedId: string | null;
  onSelect: (listId: string) => void;
}

/** Every cue list: what is playing and what GO plays next, BIG; GO / BACK / jump / release; the list editor. */
export function CueLists({ canControl, selectedId, onSelect }: Props) {
  const { library } = useDmxLibrary();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const lists = library?.cueLists ?? [];
  const scenes = library?.scenes ?? [];

  return (
    <section className="card" aria-labelledby="cuelists-title" data-testid="cuelists-panel">
      <div className="dmx-card__head">
        <h2 className="card__title" id="cuelists-title">
          Cue lists
        </h2>
        {canControl && (
          <div className="dmx-toolbar">
            <button type="button" className="btn" onClick={() => setEditing('new')} disabled={scenes.length === 0} data-testid="cuelist-new" title={scenes.length === 0 ? 'Create a scene first: cues play scenes' : undefined}>
              New cue list
            </button>
          </div>
        )}
      </div>
      {editing === 'new' && <CueListEditor key="new" list={null} onClose={() => setEditing(null)} onSaved={(l) => {
            setEditing(null);
            onSelect(l.id);
          }} />}
      {lists.length === 0 && editing !== 'new' && (
        <p className="empty">No cue lists yet.{canControl ? (scenes.length === 0 ? ' Create a scene first: cues play scenes.' : ' A cue list plays scenes in order with GO, and can follow on by itself.') : ''}</p>
      )}
      <div className="cuelists">
        {lists.map((list) =>
          editing === list.id ? (
            <CueListEditor key={list.id} list={list} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />
          ) : (
            <CueListPlayer key={list.id} list={list} canControl={canControl} selected={canControl && selectedId === list.id} several={lists.length > 1} onSelect={() => onSelect(list.id)} onEdit={() => setEditing(list.id)} />
          ),
        )}
      </div>
    </section>
  );
}

interface PlayerProps {
  list: DmxCueList;
  canControl: boolean;
  selected: boolean;
  several: boolean;
  onSelect: () => void;
  onEdit: () => void;
}

function CueListPlayer({ list, canControl, selected, several, onSelect, onEdit }: PlayerProps) {
  const api = useApi();
  const { status, apply } = useDmxStatus();
  const { scenesById } = useDmxLibrary();
  const playback = findPlayback(status, cueListPlaybackId(list.id));
  const view = cueListView(list, playback, scenesById);
  const act = useAction(async (what: 'go' | 'back' | 'release' | number) => {
    onSelect();
    if (what === 'go') apply(await api.call('cues.go', { id: list.id }));
    else if (what === 'back') apply(await api.call('cues.back', { id: list.id }));
    else if (what === 'release') apply(await api.call('cues.release', { id: list.id }));
    else apply(await api.call('cues.jump', { id: list.id, cue: what + 1 }));
  });
  const currentIndex = view.released ? -1 : (view.current?.index ?? -1);

  return (
    <article
      className={`cuelist${selected ? ' cuelist--selected' : ''}`}
      aria-label={`Cue list ${list.name}`}
      data-testid="cuelist"
      data-list-id={list.id}
      data-selected={selected}
      data-current={view.current && !view.released ? view.current.index + 1 : 0}
      data-next={view.next ? view.next.index + 1 : 0}
    >
      <div className="cuelist__head">
        <h3 className="cuelist__name">
          {list.name}
          {list.loop && <span className="badge badge--muted cuelist__loop">LOOP</span>}
        </h3>
        {canControl && several && (
          <button type="button" className={`btn btn--small${selected ? ' btn--primary' : ''}`} aria-pressed={selected} onClick={onSelect} data-testid="cuelist-select">
            {selected ? 'Space GOes this list' : 'Use Space here'}
          </button>
        )}
        {canControl && (
          <button type="button" className="btn btn--small" onClick={onEdit} data-testid="cuelist-edit">
            Edit
          </button>
        )}
      </div>

      <div className="cuelist__big">
        <CueBig kind="now" cue={view.released ? null : view.current} empty={view.released ? (view.current ? `Released (was ${view.current.label})` : 'Nothing played yet') : '—'} testId="cue-current" fading={view.fading} progress={view.progress} />
        <CueBig kind="next" cue={view.next} empty={list.cues.length === 0 ? 'The list is empty' : 'End of the list'} testId="cue-next" followInMs={view.followInMs} />
      </div>

      {canControl && (
        <div className="cuelist__actions">
          <button type="button" className="btn cuelist__back" onClick={() => void act.run('back')} disabled={act.busy || currentIndex < 0} data-testid="cue-back">
            BACK
          </button>
          <button type="button" className="btn cuelist__go" onClick={() => void act.run('go')} disabled={act.busy || !view.next} data-testid="cue-go">
            GO{view.next ? ` · ${view.next.label}` : ''}
          </button>
          <button type="button" className="btn" onClick={() => void act.run('release')} disabled={act.busy || view.released} data-testid="cue-release">
            Release
          </button>
        </div>
      )}
      <ErrorMessage error={act.error} testId="cue-error" />

      <ol className="cue-rows" aria-label={`Cues of ${list.name}`}>
        {list.cues.map((cue, i) => {
          const c = cueView(list, i, scenesById)!;
          const isCurrent = i === currentIndex;
          const isNext = view.next?.index === i;
          return (
            <li key={cue.id} className={`cue-row${isCurrent ? ' cue-row--current' : ''}${isNext ? ' cue-row--next' : ''}`} data-testid="cue-row" data-cue={i + 1}>
              <span className="cue-row__n">{i + 1}</span>
              <span className="cue-row__scene">{c.sceneName}</span>
              <span className="cue-row__times muted">
                fade {formatFade(c.fadeMs)}
                {c.followMs !== undefined && ` · follow ${formatFade(c.followMs)}`}
              </span>
              <span className="cue-row__state">{isCurrent ? 'NOW' : isNext ? 'NEXT' : ''}</span>
              {canControl && (
                <button type="button" className="btn btn--small" onClick={() => void act.run(i)} disabled={act.busy} aria-label={`Jump to cue ${i + 1}, ${c.sceneName}`} data-testid="cue-jump">
                  Jump
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </article>
  );
}

function CueBig({ kind, cue, empty, testId, fading, progress, followInMs }: { kind: 'now' | 'next'; cue: CueView | null; empty: string; testId: string; fading?: boolean; progress?: number; followInMs?: number | null }) {
  return (
    <div className={`cue-big cue-big--${kind}`} data-testid={testId} data-cue={cue ? cue.index + 1 : 0}>
      <span className="cue-big__kind">{kind === 'now' ? 'Now' : 'Next'}</span>
      {cue ? (
        <>
          <span className="cue-big__label">{cue.label}</span>
          <span className="cue-big__scene">{cue.sceneName}</span>
          <span className="cue-big__meta muted">
            fade {formatFade(cue.fadeMs)}
            {kind === 'next' && followInMs !== null && followInMs !== undefined && (
              <span className="cue-big__follow" data-testid="cue-follow">
                {' '}
                · auto-follow in {formatCountdown(followInMs)}
              </span>
            )}
          </span>
          {kind === 'now' && (
            <span className="cue-big__bar" aria-hidden="true">
              <span className="cue-big__bar-fill" style={{ transform: `scaleX(${fading ? (progress ?? 0) : 1})` }} />
            </span>
          )}
        </>
      ) : (
        <span className="cue-big__empty">{empty}</span>
      )}
    </div>
  );
}
