import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { DmxFixture, DmxLookValues, DmxScene } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useDmxLibrary, useDmxStatus } from '../../hooks/dmx-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { dmxPercent, formatLevel, parseSeconds, parseWhole, secondsText } from '../../lib/dmx-format.ts';
import {
  controlValue,
  fixtureControls,
  fixtureInLook,
  hexToRgb,
  includeFixture,
  lookFromStage,
  lookGet,
  lookSet,
  lookSize,
  rgbAddresses,
  rgbToHex,
  setControl,
  universesToLoad,
  unpatchedEntries,
} from '../../lib/dmx-look.ts';
import { channelTypeLabel } from '../../lib/dmx-patch-draft.ts';
import { ErrorMessage, fieldError } from '../ErrorMessage.tsx';
import { ValueControl } from './ValueControl.tsx';
import { SaveBar } from '../SaveBar.tsx';

interface Props {
  sceneId: string;
  onClose: () => void;
}

interface Draft {
  name: string;
  colour: string | undefined;
  fade: string;
  values: DmxLookValues;
}

const toDraft = (s: DmxScene): Draft => ({ name: s.name, colour: s.colour, fade: secondsText(s.fadeMs), values: s.values });

/** A scene's name, colour, fade and values: per patched fixture (with a colour picker for RGB ones) and raw channels. */
export function SceneEditor({ sceneId, onClose }: Props) {
  const api = useApi();
  const id = useId();
  const { library } = useDmxLibrary();
  const { status } = useDmxStatus();
  const scene = library?.scenes.find((s) => s.id === sceneId);
  const patch = useMemo(() => library?.patch ?? [], [library]);
  const universes = status?.universes ?? 64;

  const storedKey = scene ? JSON.stringify(scene) : '';
  const [basis, setBasis] = useState(storedKey);
  const [draft, setDraft] = useState<Draft | null>(() => (scene ? toDraft(scene) : null));
  const dirty = scene !== undefined && draft !== null && JSON.stringify(toDraftKey(draft)) !== JSON.stringify(toDraftKey(toDraft(scene)));
  // A change saved elsewhere (another tablet) replaces an untouched draft; a draft being edited is kept.
  if (basis !== storedKey) {
    setBasis(storedKey);
    if (scene && (!dirty || draft === null)) setDraft(toDraft(scene));
  }

  const head = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    head.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    head.current?.focus({ preventScroll: true });
  }, [sceneId]);

  const save = useAction(async (d: Draft, fadeMs: number) => {
    await api.call('scenes.update', { id: sceneId, name: d.name.trim(), colour: d.colour, fadeMs, values: d.values });
  });
  const load = useAction(async () => {
    if (!draft) return;
    const list = universesToLoad(draft.values, patch, 1);
    // Output after grand master and blackout: the note beside the button says so when they are not neutral.
    const frames = new Map<number, number[]>();
    for (const u of list) frames.set(u, (await api.call('dmx.universe', { universe: u })).channels);
    setDraft({ ...draft, values: lookFromStage(draft.values, patch, frames) });
  });

  if (!scene || !draft) {
    return (
      <section className="card" aria-label="Scene editor">
        <p className="muted">This scene no longer exists.</p>
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </section>
    );
  }

  const fadeParsed = parseSeconds(draft.fade);
  const typingFade = fadeParsed.ok ? undefined : fadeParsed.message;
  const nameMissing = draft.name.trim() === '' ? 'Give the scene a name' : undefined;
  const setValues = (values: DmxLookValues) => {
    if (save.error) save.fail(null);
    setDraft({ ...draft, values });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!fadeParsed.ok || nameMissing) return;
    void save.run(draft, fadeParsed.value);
  };

  const byUniverse = new Map<number, DmxFixture[]>();
  for (const f of patch) byUniverse.set(f.universe, [...(byUniverse.get(f.universe) ?? []), f]);
  const raw = unpatchedEntries(draft.values, patch);
  const stageScaled = status && (status.grandMaster < 1 || status.blackout.on);
  const loadUniverses = universesToLoad(draft.values, patch, 1);

  return (
    <section className="card scene-editor" aria-labelledby={`${id}-title`} data-testid="scene-editor" data-scene-id={sceneId}>
      <form onSubmit={submit} noValidate>
        <div className="dmx-card__head">
          <h2 className="card__title" id={`${id}-title`} ref={head} tabIndex={-1}>
            Edit scene: {scene.name}
          </h2>
          <button type="button" className="btn" onClick={onClose} data-testid="scene-editor-close">
            Close
          </button>
        </div>

        <div className="form-row">
          <div className="field dmx-form__name">
            <label htmlFor={`${id}-name`}>Name</label>
            <input id={`${id}-name`} value={draft.name} maxLength={80} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-invalid={nameMissing || fieldError(save.error, 'name') ? true : undefined} data-testid="editor-name" />
            {(nameMissing ?? fieldError(save.error, 'name')) && <p className="field-error">{nameMissing ?? fieldError(save.error, 'name')}</p>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-fade`}>Fade (s)</label>
            <input id={`${id}-fade`} className="input--time" inputMode="decimal" value={draft.fade} onChange={(e) => setDraft({ ...draft, fade: e.target.value })} aria-invalid={typingFade ? true : undefined} data-testid="editor-fade" />
            {(typingFade ?? fieldError(save.error, 'fadeMs')) && <p className="field-error">{typingFade ?? fieldError(save.error, 'fadeMs')}</p>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-colour`}>Button colour</label>
            <input id={`${id}-colour`} type="color" value={draft.colour ?? '#3a6ea5'} onChange={(e) => setDraft({ ...draft, colour: e.target.value })} data-testid="editor-colour" />
          </div>
        </div>

        <div className="form-row scene-editor__stage">
          <button type="button" className="btn" onClick={() => void load.run()} disabled={load.busy} data-testid="editor-load-stage">
            {load.busy ? 'Loading…' : 'Load what is on stage'}
          </button>
          <p className="muted field-note">
            Takes every channel above 0 on stage (universe{loadUniverses.length === 1 ? '' : 's'} {loadUniverses.join(', ')}), and every channel of the fixtures already in this scene.
            {stageScaled && ` The stage is at grand master ${formatLevel(status.grandMaster)}${status.blackout.on ? ' with blackout on' : ''}: values are read as they go out.`}
          </p>
          <ErrorMessage error={load.error} />
        </div>

        <h3 className="scene-editor__group">Fixtures</h3>
        {patch.length === 0 && <p className="muted">Nothing is patched: add fixtures in “Patch” below to edit them by name, or use raw channels.</p>}
        {[...byUniverse.entries()]
          .sort(([a], [b]) => a - b)
          .map(([universe, fixtures]) => (
            <div key={universe} className="scene-editor__universe">
              <h4 className="scene-editor__universe-title">Universe {universe}</h4>
              {fixtures.map((f) => (
                <FixtureValues key={f.id} fixture={f} values={draft.values} onChange={setValues} />
              ))}
            </div>
          ))}

        <h3 className="scene-editor__group">Raw channels</h3>
        <p className="muted field-note">Channels no fixture is patched on. They act as intensity (HTP).</p>
        {raw.length === 0 && <p className="muted">None in this scene.</p>}
        <ul className="raw-list" data-testid="raw-list">
          {raw.map((r) => (
            <li key={`${r.universe}.${r.channel}`} className="raw-row" data-testid="raw-row" data-universe={r.universe} data-channel={r.channel}>
              <ValueControl
                label={
                  <>
                    U{r.universe} · ch {r.channel}
                  </>
                }
                name={`Universe ${r.universe} channel ${r.channel}`}
                value={r.value}
                max={255}
                note={`${dmxPercent(r.value)} %`}
                onChange={(v) => setValues(lookSet(draft.values, r.universe, r.channel, v))}
                testId="raw-value"
              />
              <button type="button" className="btn btn--small" onClick={() => setValues(lookSet(draft.values, r.universe, r.channel, undefined))} aria-label={`Remove universe ${r.universe} channel ${r.channel} from the scene`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <AddRawChannels universes={universes} onAdd={(u, from, to, v) => {
          let next = draft.values;
          for (let c = from; c <= to; c++) next = lookSet(next, u, c, v);
          setValues(next);
        }} />

        <SaveBar className="form-row dmx-form__actions scene-editor__actions" label="Save scene" busy={save.busy} dirty={dirty} done={save.done} onUndo={() => setDraft(toDraft(scene))} testIds={{ save: 'editor-save', undo: 'editor-undo' }}>
          <span className="dmx-count">{lookSize(draft.values)} channels</span>
        </SaveBar>
        <ErrorMessage error={save.error} testId="editor-error" inline={(p) => p === 'name' || p === 'fadeMs'} />
      </form>
    </section>
  );
}

const toDraftKey = (d: Draft) => ({ ...d, fade: d.fade.trim() });

function FixtureValues({ fixture, values, onChange }: { fixture: DmxFixture; values: DmxLookValues; onChange: (v: DmxLookValues) => void }) {
  const included = fixtureInLook(values, fixture);
  const rgb = rgbAddresses(fixture);
  const controls = fixtureControls(fixture);
  const last = fixture.address + fixture.channels.length - 1;
  const u = fixture.universe;
  const hex = rgb ? rgbToHex(lookGet(values, u, rgb.red) ?? 0, lookGet(values, u, rgb.green) ?? 0, lookGet(values, u, rgb.blue) ?? 0) : null;
  return (
    <div className={`fixture-values${included ? '' : ' fixture-values--out'}`} data-testid="fixture-values" data-fixture-id={fixture.id}>
      <div className="fixture-values__head">
        <label className="check">
          <input type="checkbox" checked={included} onChange={(e) => onChange(includeFixture(values, fixture, e.target.checked))} data-testid="fixture-include" />
          <span className="fixture-values__name">{fixture.name}</span>
        </label>
        <span className="muted">
          {fixture.address === last ? `ch ${fixture.address}` : `ch ${fixture.address}–${last}`}
          {!included && ' · not in this scene (other layers decide)'}
        </span>
        {included && rgb && hex && (
          <label className="colour-pick">
            <span>Colour</span>
            <input
              type="color"
              value={hex}
              onChange={(e) => {
                const c = hexToRgb(e.target.value);
                if (!c) return;
                let next = lookSet(values, u, rgb.red, c[0]);
                next = lookSet(next, u, rgb.green, c[1]);
                onChange(lookSet(next, u, rgb.blue, c[2]));
              }}
              data-testid="fixture-colour"
            />
          </label>
        )}
      </div>
      {included && (
        <div className="fixture-values__controls">
          {controls.map((c) => {
            const v = controlValue(values, u, c) ?? 0;
            const max = c.kind === 'pair' ? 65535 : 255;
            const label = `${channelTypeLabel[c.type]}${c.kind === 'pair' ? ' (16-bit)' : ''}`;
            return (
              <ValueControl
                key={c.index}
                label={
                  <>
                    {label} <span className="muted">{c.address}</span>
                  </>
                }
                name={`${fixture.name} ${label}`}
                value={v}
                max={max}
                note={`${Math.round((v / max) * 100)} %`}
                onChange={(nv) => onChange(setControl(values, u, c, nv))}
                testId="fixture-control"
              />
            );
          })}
        </div>
      )}
    </div>
  );
}

/** Adds a raw channel (or a range, "1–12") at one value. */
function AddRawChannels({ universes, onAdd }: { universes: number; onAdd: (universe: number, from: number, to: number, value: number) => void }) {
  const id = useId();
  const [universe, setUniverse] = useState('1');
  const [channels, setChannels] = useState('');
  const [value, setValue] = useState('255');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const u = parseWhole(universe, 1, universes, 'The universe');
    const range = /^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$/.exec(channels);
    const v = parseWhole(value, 0, 255, 'A DMX value');
    if (!u.ok) return setError(u.message);
    if (!range) return setError('Give a channel (e.g. 12) or a range (e.g. 1-12), 1–512');
    const from = Number(range[1]);
    const to = range[2] ? Number(range[2]) : from;
    if (from < 1 || to > 512 || to < from) return setError('Channels are 1–512, the first no higher than the last');
    if (!v.ok) return setError(v.message);
    setError(null);
    onAdd(u.value, from, to, v.value);
    setChannels('');
  };
  return (
    <div className="form-row raw-add" data-testid="raw-add">
      <div className="field">
        <label htmlFor={`${id}-u`}>Universe</label>
        <input id={`${id}-u`} className="input--tiny" type="number" min={1} max={universes} value={universe} onChange={(e) => setUniverse(e.target.value)} data-testid="raw-add-universe" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-c`}>Channel(s)</label>
        <input
          id={`${id}-c`}
          className="input--time"
          inputMode="numeric"
          placeholder="1 or 1-12"
          value={channels}
          onChange={(e) => setChannels(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          data-testid="raw-add-channel"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-v`}>Value</label>
        <input id={`${id}-v`} className="input--tiny" type="number" min={0} max={255} value={value} onChange={(e) => setValue(e.target.value)} data-testid="raw-add-value" />
      </div>
      <button type="button" className="btn" onClick={add} data-testid="raw-add-button">
        Add channels
      </button>
      {error && <p className="field-error raw-add__error">{error}</p>}
    </div>
  );
}
