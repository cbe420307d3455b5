import { useCallback, useState } from 'react';
import { ApiError, describeError } from '../api/errors.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { CueLists } from '../components/dmx/CueLists.tsx';
import { OutputAlarm, OutputsPanel } from '../components/dmx/OutputsPanel.tsx';
import { PatchEditor } from '../components/dmx/PatchEditor.tsx';
import { SceneButtons } from '../components/dmx/SceneButtons.tsx';
import { SceneEditor } from '../components/dmx/SceneEditor.tsx';
import { SerialDmxPanel } from '../components/dmx/SerialDmx.tsx';
import { StageControls } from '../components/dmx/StageControls.tsx';
import { UniverseView } from '../components/dmx/UniverseView.tsx';
import { useApi } from '../hooks/api-context.tsx';
import { DmxProvider, useDmxLibrary, useDmxStatus } from '../hooks/dmx-context.tsx';
import { useCanControl } from '../hooks/useCanControl.ts';
import { useDmxKeys } from '../hooks/useDmxKeys.ts';
import { useSettings } from '../hooks/useSettings.ts';
import type { DmxKeyAction } from '../lib/dmx-keys.ts';
import '../styles/dmx.css';

/** The lighting tech's screen: blackout and master, scene buttons, cue lists, the live universe, outputs, patch. */
export function ScenesPage() {
  return (
    <DmxProvider>
      <ScenesScreen />
    </DmxProvider>
  );
}

function ScenesScreen() {
  const api = useApi();
  const canControl = useCanControl();
  const { status, error: statusError, apply } = useDmxStatus();
  const { library, error: libraryError } = useDmxLibrary();
  const [editing, setEditing] = useState<string | null>(null);
  const [chosenList, setChosenList] = useState<string | null>(null);
  const [keyNote, setKeyNote] = useState<{ text: string; bad: boolean } | null>(null);

  const lists = library?.cueLists ?? [];
  // Space GOes the list last touched (or chosen), else the first one.
  const selectedList = lists.find((l) => l.id === chosenList) ?? lists[0] ?? null;

  const onKey = useCallback(
    (action: DmxKeyAction) => {
      const run = async () => {
        if (action === 'blackout') {
          const on = !(status?.blackout.on ?? false);
          apply(await api.call('dmx.blackout', { on }));
          setKeyNote({ text: on ? 'B: blackout on' : 'B: blackout off', bad: false });
        } else if (!selectedList) {
          setKeyNote({ text: 'Space: there is no cue list to GO on yet', bad: true });
        } else {
          apply(await api.call('cues.go', { id: selectedList.id }));
          setKeyNote({ text: `Space: GO on “${selectedList.name}”`, bad: false });
        }
      };
      run().catch((err: unknown) => setKeyNote({ text: describeError(ApiError.wrap(err)), bad: true }));
    },
    [api, apply, status?.blackout.on, selectedList],
  );
  useDmxKeys(canControl && status !== null, onKey);

  return (
    <div className="page dmx-page">
      <div className="page__bar">
        <h1 className="page__title">Scenes</h1>
        {canControl && (
          <p className="kbd-hint muted" data-testid="dmx-keys-hint">
            <kbd>Space</kbd> GO{selectedList ? ` on “${selectedList.name}”` : ' on the selected cue list'} · <kbd>B</kbd> blackout on/off · not while typing in a field
            {keyNote && (
              <span className={`kbd-hint__note${keyNote.bad ? ' kbd-hint__note--bad' : ''}`} role="status" data-testid="dmx-key-note">
                {' '}
                — {keyNote.text}
              </span>
            )}
          </p>
        )}
      </div>
      <OutputAlarm />
      <ErrorMessage error={statusError ?? libraryError} />
      {!status && !statusError && <p className="muted">Loading…</p>}
      {status && !status.running && <EngineNotRunning canControl={canControl} />}
      {status && !canControl && (
        <p className="notice" data-testid="dmx-read-only">
          View only: you see the stage live; GO, blackout and editing need the control token.
        </p>
      )}
      {status && (
        <>
          <StageControls canControl={canControl} />
          <SceneButtons canControl={canControl} onEdit={setEditing} />
          {canControl && editing && <SceneEditor key={editing} sceneId={editing} onClose={() => setEditing(null)} />}
          <CueLists canControl={canControl} selectedId={selectedList?.id ?? null} onSelect={setChosenList} />
          <UniverseView canControl={canControl} />
          <OutputsPanel />
          <SerialDmxPanel canControl={canControl} />
          <PatchEditor canControl={canControl} />
        </>
      )}
    </div>
  );
}

/** Why nothing is on stage: switched off (the operator's choice), or failing (the service says why). */
function EngineNotRunning({ canControl }: { canControl: boolean }) {
  const { settings } = useSettings();
  const { service } = useDmxStatus();
  const off = settings?.dmx.enabled === false;
  return (
    <div className={`notice dmx-engine-note${off ? '' : ' dmx-engine-note--bad'}`} data-testid="dmx-off" data-reason={off ? 'off' : 'failing'}>
      <p>
        {off
          ? `The DMX engine is switched off: nothing is sent.${canControl ? '' : ' The operator can turn it on.'}`
          : `The DMX engine is not running${service?.message ? `: ${service.message}` : ''}. Nothing is sent until it recovers.`}
      </p>
      <a className="btn btn--small" href={off ? '#/settings/dmx' : '#/settings/services'}>
        {off ? 'Settings → DMX' : 'Settings → Services'}
      </a>
    </div>
  );
}
