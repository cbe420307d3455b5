import { useState, type CSSProperties } from 'react';
import type { DmxScene } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useDmxLibrary, useDmxStatus } from '../../hooks/dmx-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { formatFade } from '../../lib/dmx-format.ts';
import { lookSize } from '../../lib/dmx-look.ts';
import { findPlayback, moveItem, SCENES_PLAYBACK, sceneButtonState, type SceneButtonState } from '../../lib/dmx-playback.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { SceneCreateForm } from './SceneCreateForm.tsx';

interface Props {
  canControl: boolean;
  /** Opens the scene editor on this scene. */
  onEdit: (sceneId: string) => void;
}

const colourStyle = (scene: DmxScene): CSSProperties | undefined => (scene.colour ? ({ '--scene-colour': scene.colour } as CSSProperties) : undefined);

/** The big buttons: tap = GO. "Arrange" turns them into edit/move/delete tiles, so a live tap never deletes. */
export function SceneButtons({ canControl, onEdit }: Props) {
  const api = useApi();
  const { library } = useDmxLibrary();
  const { status, apply } = useDmxStatus();
  const [arranging, setArranging] = useState(false);
  const [creating, setCreating] = useState<'new' | 'record' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const go = useAction(async (id: string) => apply(await api.call('scenes.go', { id })));
  const release = useAction(async () => apply(await api.call('scenes.release', {})));
  const reorder = useAction(async (ids: string[]) => api.call('scenes.reorder', { ids }));
  const remove = useAction(async (id: string) => {
    await api.call('scenes.delete', { id });
    setConfirmDelete(null);
  });

  const scenes = library?.scenes ?? [];
  const playback = findPlayback(status, SCENES_PLAYBACK);
  const onStage = playback?.sceneId ?? null;

  const deleting = scenes.find((s) => s.id === confirmDelete);
  const move = (index: number, to: number) => void reorder.run(moveItem(scenes, index, to).map((s) => s.id));

  return (
    <section className="card" aria-labelledby="scenes-title" data-testid="scenes-panel">
      <div className="dmx-card__head">
        <h2 className="card__title" id="scenes-title">
          Scenes
        </h2>
        {canControl && (
          <div className="dmx-toolbar">
            <button type="button" className="btn" onClick={() => void release.run()} disabled={!onStage || release.busy} data-testid="scenes-release">
              Release
            </button>
            <button type="button" className="btn" onClick={() => setCreating(creating === 'new' ? null : 'new')} aria-expanded={creating === 'new'} data-testid="scene-new">
              New scene
            </button>
            <button type="button" className="btn" onClick={() => setCreating(creating === 'record' ? null : 'record')} aria-expanded={creating === 'record'} data-testid="scene-record">
              Record from stage
            </button>
            <button type="button" className={`btn${arranging ? ' btn--primary' : ''}`} aria-pressed={arranging} onClick={() => setArranging(!arranging)} disabled={scenes.length === 0} data-testid="scenes-arrange">
              {arranging ? 'Done arranging' : 'Arrange'}
            </button>
          </div>
        )}
      </div>

      {creating && (
        <SceneCreateForm
          key={creating}
          mode={creating}
          onClose={() => setCreating(null)}
          onCreated={(scene) => {
            setCreating(null);
            if (creating === 'new') onEdit(scene.id);
          }}
        />
      )}

      {scenes.length === 0 ? (
        <p className="empty" data-testid="scenes-empty">
          No scenes yet.{canControl ? ' “New scene” sets values by hand; “Record from stage” keeps what is on stage now.' : ''}
        </p>
      ) : (
        <ul className={`scene-grid${arranging ? ' scene-grid--arranging' : ''}`} data-testid="scene-grid">
          {scenes.map((scene, index) => {
            const state = sceneButtonState(playback, scene.id);
            return (
              <li key={scene.id} className="scene-grid__item">
                {canControl && !arranging ? (
                  <button
                    type="button"
                    className={sceneClass(scene, state)}
                    style={colourStyle(scene)}
                    aria-pressed={state.active}
                    aria-label={`GO ${scene.name}${state.active ? (state.fading ? ', fading in' : ', on stage') : ''}`}
                    onClick={() => void go.run(scene.id)}
                    data-testid="scene-button"
                    data-scene-id={scene.id}
                    data-active={state.active}
                    data-fading={state.fading}
                  >
                    <SceneFace scene={scene} state={state} />
                  </button>
                ) : (
                  <div className={sceneClass(scene, state)} style={colourStyle(scene)} data-testid="scene-tile" data-scene-id={scene.id} data-active={state.active} data-fading={state.fading}>
                    <SceneFace scene={scene} state={state} />
                  </div>
                )}
                {canControl && arranging && (
                  <div className="scene-grid__tools" role="group" aria-label={`Arrange ${scene.name}`}>
                    <button type="button" className="btn btn--small" onClick={() => move(index, index - 1)} disabled={index === 0 || reorder.busy} aria-label={`Move ${scene.name} earlier`}>
                      ◀
                    </button>
                    <button type="button" className="btn btn--small" onClick={() => move(index, index + 1)} disabled={index === scenes.length - 1 || reorder.busy} aria-label={`Move ${scene.name} later`}>
                      ▶
                    </button>
                    <button type="button" className="btn btn--small" onClick={() => onEdit(scene.id)} data-testid="scene-edit">
                      Edit
                    </button>
                    <button type="button" className="btn btn--small btn--danger" onClick={() => {
                        remove.fail(null);
                        setConfirmDelete(scene.id);
                      }}
                      data-testid="scene-delete">
                      Delete
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {confirmDelete !== null && (
        <div className="confirm" role="alertdialog" aria-label={`Delete ${deleting?.name ?? 'this scene'}?`} data-testid="scene-delete-confirm">
          <p>Delete “{deleting?.name ?? confirmDelete}”? This cannot be undone.</p>
          <div className="confirm__actions">
            <button type="button" className="btn btn--danger" onClick={() => void remove.run(confirmDelete)} disabled={remove.busy} data-testid="scene-delete-yes">
              Delete
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setConfirmDelete(null);
                remove.fail(null);
              }}
            >
              Keep
            </button>
          </div>
          <ErrorMessage error={remove.error} testId="scene-delete-error" />
        </div>
      )}
      <ErrorMessage error={go.error ?? release.error ?? reorder.error} testId="scenes-error" />
    </section>
  );
}

function sceneClass(scene: DmxScene, state: SceneButtonState): string {
  let c = 'scene-btn';
  if (scene.colour) c += ' scene-btn--coloured';
  if (state.active) c += ' scene-btn--active';
  if (state.fading) c += ' scene-btn--fading';
  return c;
}

function SceneFace({ scene, state }: { scene: DmxScene; state: SceneButtonState }) {
  const channels = lookSize(scene.values);
  return (
    <>
      <span className="scene-btn__name">{scene.name}</span>
      <span className="scene-btn__meta">
        fade {formatFade(scene.fadeMs)}
        {channels === 0 && ' · empty'}
      </span>
      {state.active && (
        <span className="scene-btn__live" data-testid="scene-live">
          {state.fading ? `FADING ${Math.round(state.progress * 100)} %` : 'ON STAGE'}
        </span>
      )}
      <span className="scene-btn__bar" aria-hidden="true">
        <span className="scene-btn__bar-fill" style={{ transform: `scaleX(${state.active ? state.progress : 0})` }} />
      </span>
    </>
  );
}
