import { useId, useMemo, useState, type FormEvent } from 'react';
import { dmxChannelTypes, type DmxChannelType, type DmxFixture } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useDmxLibrary, useDmxStatus } from '../../hooks/dmx-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { channelTypeLabel, fixtureTemplates, formatFinePairs, fromFixtureDrafts, newFixtureId, nextFreeAddress, toFixtureDrafts, type FixtureDraft } from '../../lib/dmx-patch-draft.ts';
import { ErrorMessage, fieldError } from '../ErrorMessage.tsx';
import { SaveBar } from '../SaveBar.tsx';

/** Fixtures: name, universe, start address, channel types (16-bit pairs optional). Saved whole with dmx.patch. */
export function PatchEditor({ canControl }: { canControl: boolean }) {
  const api = useApi();
  const id = useId();
  const { library, apply } = useDmxLibrary();
  const { status } = useDmxStatus();
  const universes = status?.universes ?? 64;
  const saved = useMemo<DmxFixture[]>(() => library?.patch ?? [], [library]);
  const savedKey = JSON.stringify(saved);
  const [basis, setBasis] = useState(savedKey);
  const [drafts, setDrafts] = useState<FixtureDraft[]>(() => toFixtureDrafts(saved));
  if (basis !== savedKey) {
    setBasis(savedKey);
    setDrafts(toFixtureDrafts(saved));
  }
  const { patch, errors: typing } = useMemo(() => fromFixtureDrafts(drafts, universes), [drafts, universes]);
  const dirty = JSON.stringify(patch) !== savedKey;
  const save = useAction(async (next: DmxFixture[]) => apply(await api.call('dmx.patch', { patch: next })));

  const edit = (key: number, change: Partial<FixtureDraft>) => {
    if (save.error) save.fail(null);
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...change } : d)));
  };
  const add = () => {
    const key = drafts.reduce((n, d) => Math.max(n, d.key + 1), 0);
    const universe = Number(drafts.at(-1)?.universe ?? 1) || 1;
    setDrafts([...drafts, { key, id: newFixtureId(drafts), name: `Fixture ${drafts.length + 1}`, universe: String(universe), address: String(nextFreeAddress(drafts, universe)), channels: ['intensity'], fine: '' }]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(typing).length > 0) return;
    void save.run(patch);
  };
  const message = (i: number, field: string) => typing[`patch.${i}.${field}`] ?? fieldError(save.error, `patch.${i}.${field}`);

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="patch-editor">
      <h2 className="card__title" id={`${id}-title`}>
        Patch
      </h2>
      <p className="muted field-note">
        Which fixture sits where. Intensity channels merge highest-wins (HTP); every other type follows the latest change (LTP). Unpatched channels act as intensity. 16-bit pairs: coarse+fine channel positions in the fixture, e.g. “1+2, 3+4”.
      </p>
      {!canControl && <PatchTable patch={saved} />}
      {canControl && (
        <form onSubmit={submit} noValidate>
          <fieldset className="patch-fields">
            <ol className="patch-list">
              {drafts.map((d, i) => {
                const f = (name: string) => `${id}-${d.key}-${name}`;
                const notes = ['name', 'universe', 'address', 'channels', 'fine', 'id'].flatMap((name) => {
                  const m = message(i, name);
                  return m ? [<p key={name} className="field-error patch-row__error" data-testid="patch-error" data-field={name}>{m}</p>] : [];
                });
                return (
                  <li key={d.key} className="patch-row" data-testid="patch-row" data-fixture-id={d.id}>
                    <div className="field patch-row__name">
                      <label htmlFor={f('name')}>Name</label>
                      <input id={f('name')} value={d.name} maxLength={80} onChange={(e) => edit(d.key, { name: e.target.value })} aria-invalid={message(i, 'name') ? true : undefined} data-testid="patch-name" />
                    </div>
                    <div className="field">
                      <label htmlFor={f('universe')}>Universe</label>
                      <input id={f('universe')} className="input--tiny" type="number" inputMode="numeric" min={1} max={universes} value={d.universe} onChange={(e) => edit(d.key, { universe: e.target.value })} aria-invalid={message(i, 'universe') ? true : undefined} data-testid="patch-universe" />
                    </div>
                    <div className="field">
                      <label htmlFor={f('address')}>Address</label>
                      <input id={f('address')} className="input--tiny" type="number" inputMode="numeric" min={1} max={512} value={d.address} onChange={(e) => edit(d.key, { address: e.target.value })} aria-invalid={message(i, 'address') ? true : undefined} data-testid="patch-address" />
                    </div>
                    <div className="field">
                      <label htmlFor={f('template')}>Type</label>
                      <select
                        id={f('template')}
                        className="patch-row__template"
                        value=""
                        onChange={(e) => {
                          const t = fixtureTemplates[Number(e.target.value)];
                          if (t) edit(d.key, { channels: [...t.channels], fine: t.fine ?? '' });
                        }}
                        data-testid="patch-template"
                      >
                        <option value="">Fill from…</option>
                        {fixtureTemplates.map((t, n) => (
                          <option key={t.label} value={n}>
                            {t.label}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field patch-row__fine">
                      <label htmlFor={f('fine')}>16-bit pairs</label>
                      <input id={f('fine')} className="input--time" value={d.fine} placeholder="none" onChange={(e) => edit(d.key, { fine: e.target.value })} aria-invalid={message(i, 'fine') ? true : undefined} data-testid="patch-fine" />
                    </div>
                    <button type="button" className="btn patch-row__remove" onClick={() => setDrafts(drafts.filter((x) => x.key !== d.key))} aria-label={`Remove ${d.name || 'this fixture'}`} data-testid="patch-remove">
                      Remove
                    </button>
                    <ChannelList draft={d} onChange={(channels) => edit(d.key, { channels })} />
                    {notes}
                  </li>
                );
              })}
            </ol>
            <button type="button" className="btn" onClick={add} data-testid="patch-add">
              Add fixture
            </button>
            <SaveBar className="form-row dmx-form__actions" label="Save patch" busy={save.busy} dirty={dirty} done={save.done} onUndo={() => setDrafts(toFixtureDrafts(saved))} testIds={{ save: 'patch-save' }} />
          </fieldset>
          <ErrorMessage error={save.error} testId="patch-save-error" inline={(p) => /^patch\.\d+\.(name|universe|address|channels|fine|id)$/.test(p)} labelFor={patchLabel(drafts)} />
        </form>
      )}
    </section>
  );
}

/** "patch.2.address" → "Par 3, address" in messages that are not beside a field. */
const patchLabel = (drafts: readonly FixtureDraft[]) => (path: string) => {
  const m = /^patch\.(\d+)(?:\.(\w+))?/.exec(path);
  if (!m) return undefined;
  const d = drafts[Number(m[1])];
  const who = d?.name || `Fixture ${Number(m[1]) + 1}`;
  return m[2] ? `${who}, ${m[2]}` : who;
};

function ChannelList({ draft, onChange }: { draft: FixtureDraft; onChange: (channels: DmxChannelType[]) => void }) {
  const id = useId();
  const start = Number(draft.address) || 1;
  return (
    <div className="channel-list" role="group" aria-label={`Channels of ${draft.name}`}>
      {draft.channels.map((type, i) => (
        <span key={i} className="channel-chip">
          <label className="channel-chip__n" htmlFor={`${id}-${i}`}>
            {i + 1}
            <span className="sr-only"> (address {start + i})</span>
          </label>
          <select id={`${id}-${i}`} value={type} onChange={(e) => onChange(draft.channels.map((t, n) => (n === i ? (e.target.value as DmxChannelType) : t)))} data-testid="patch-channel">
            {dmxChannelTypes.map((t) => (
              <option key={t} value={t}>
                {channelTypeLabel[t]}
              </option>
            ))}
          </select>
        </span>
      ))}
      <button type="button" className="btn btn--small" onClick={() => onChange([...draft.channels, 'generic'])} disabled={draft.channels.length >= 512} data-testid="patch-channel-add">
        + channel
      </button>
      <button type="button" className="btn btn--small" onClick={() => onChange(draft.channels.slice(0, -1))} disabled={draft.channels.length <= 1} aria-label="Remove the last channel">
        − channel
      </button>
    </div>
  );
}

/** The patch for a viewer: what sits where, nothing to edit. */
function PatchTable({ patch }: { patch: readonly DmxFixture[] }) {
  if (patch.length === 0) return <p className="muted">Nothing is patched.</p>;
  return (
    <div className="table-wrap">
      <table className="table patch-table" data-testid="patch-table">
        <thead>
          <tr>
            <th>Fixture</th>
            <th>Universe</th>
            <th>Addresses</th>
            <th>Channels</th>
          </tr>
        </thead>
        <tbody>
          {patch.map((f) => (
            <tr key={f.id}>
              <td>{f.name}</td>
              <td className="cell-num">{f.universe}</td>
              <td className="cell-num">{f.channels.length === 1 ? f.address : `${f.address}–${f.address + f.channels.length - 1}`}</td>
              <td>
                {f.channels.map((t) => channelTypeLabel[t]).join(', ')}
                {f.fine && f.fine.length > 0 && <span className="muted"> · 16-bit {formatFinePairs(f.fine)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
