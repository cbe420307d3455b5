import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useCanControl } from '../../hooks/useCanControl.ts';
import { parseWhole } from '../../lib/dmx-format.ts';
import {
  fromInputDrafts,
  fromOutputDrafts,
  newInputDraft,
  newOutputDraft,
  toInputDrafts,
  toOutputDrafts,
  type InputDraft,
  type OutputDraft,
  type Protocol,
} from '../../lib/dmx-settings-draft.ts';
import { fieldLabel } from '../../lib/human-error.ts';
import { ErrorMessage, fieldError } from '../ErrorMessage.tsx';
import '../../styles/dmx.css';
import { SaveBar } from '../SaveBar.tsx';
import { Field, Switch } from '../FormParts.tsx';

type Dmx = Settings['dmx'];

interface Props {
  settings: Settings;
  apply: (s: Settings) => void;
}

interface NetInterface {
  name: string;
  address: string;
  internal: boolean;
}

/** The form's text fields (switches apply at once; everything else waits for Save). */
interface Draft {
  universes: string;
  artnetInterface: string;
  artnetShortName: string;
  artnetBroadcast: string;
  artnetRefreshHz: string;
  sacnInterface: string;
  sacnSourceName: string;
  outputs: OutputDraft[];
  inputs: InputDraft[];
}

const toDraft = (d: Dmx): Draft => ({
  universes: String(d.universes),
  artnetInterface: d.artnet.interface,
  artnetShortName: d.artnet.shortName,
  artnetBroadcast: d.artnet.broadcast,
  artnetRefreshHz: String(d.artnet.refreshHz),
  sacnInterface: d.sacn.interface,
  sacnSourceName: d.sacn.sourceName,
  outputs: toOutputDrafts(d.outputs),
  inputs: toInputDrafts(d.inputs),
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** "dmx.outputs.1.portAddress" → "Output 2, Port-Address" for messages not shown beside their field. */
function dmxLabel(path: string): string | undefined {
  const words: Record<string, string> = {
    portAddress: 'Port-Address',
    sacnUniverse: 'sACN universe',
    universe: 'universe',
    target: 'target',
    priority: 'priority',
    lossTimeoutMs: 'loss timeout',
    merge: 'merge',
  };
  const m = /^dmx\.(outputs|inputs)\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (m) return `${m[1] === 'outputs' ? 'Output' : 'Input'} ${Number(m[2]) + 1}${m[3] ? `, ${words[m[3]] ?? m[3]}` : ''}`;
  const known: Record<string, string> = {
    'dmx.universes': 'Universes',
    'dmx.artnet.interface': 'Art-Net interface',
    'dmx.artnet.shortName': 'Art-Net short name',
    'dmx.artnet.broadcast': 'Art-Net broadcast',
    'dmx.artnet.refreshHz': 'Art-Net refresh',
    'dmx.sacn.interface': 'sACN interface',
    'dmx.sacn.sourceName': 'sACN source name',
  };
  return known[path] ?? (path.startsWith('dmx.') ? fieldLabel(path) : undefined);
}

/**
 * Settings → DMX: the engine, Art-Net and sACN (each with its network interface), the outputs (engine universe
 * → Port-Address / sACN universe / target) and the inputs (and whether they merge). Saved as a partial `dmx`
 * patch: only the parts that changed are sent; outputs and inputs go as whole lists.
 */
export function DmxSettings({ settings, apply }: Props) {
  const api = useApi();
  const id = useId();
  const canControl = useCanControl();
  const saved = settings.dmx;
  const [basis, setBasis] = useState(saved);
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  // Settings changed elsewhere (a switch here, another tablet, an import): an untouched form follows them.
  if (basis !== saved) {
    if (same(draft, toDraft(basis))) setDraft(toDraft(saved));
    setBasis(saved);
  }

  const [interfaces, setInterfaces] = useState<NetInterface[] | null>(null);
  const [interfacesError, setInterfacesError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.call('dmx.interfaces').then(
      (list) => live && setInterfaces(list),
      (e: unknown) => live && setInterfacesError(e),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const toggle = useAction(async (patch: { enabled?: boolean; artnet?: { enabled: boolean }; sacn?: { enabled: boolean } }) => apply(await api.call('settings.update', { dmx: patch })));
  const save = useAction(async (patch: Record<string, unknown>) => apply(await api.call('settings.update', { dmx: patch })));

  const universesParsed = parseWhole(draft.universes, 1, 512, 'The number of universes');
  const universeCount = universesParsed.ok ? universesParsed.value : saved.universes;
  const outs = fromOutputDrafts(draft.outputs, universeCount);
  const ins = fromInputDrafts(draft.inputs, universeCount);
  const typing: Record<string, string> = { ...outs.errors, ...ins.errors };
  if (!universesParsed.ok) typing['dmx.universes'] = universesParsed.message;
  const refresh = parseWhole(draft.artnetRefreshHz, 1, 44, 'The refresh rate');
  if (!refresh.ok) typing['dmx.artnet.refreshHz'] = refresh.message;

  // The patch: only what differs from what is stored.
  const patch: Record<string, unknown> = {};
  if (universesParsed.ok && universesParsed.value !== saved.universes) patch.universes = universesParsed.value;
  const artnet: Record<string, unknown> = {};
  if (draft.artnetInterface !== saved.artnet.interface) artnet.interface = draft.artnetInterface;
  if (draft.artnetShortName !== saved.artnet.shortName) artnet.shortName = draft.artnetShortName;
  if (draft.artnetBroadcast.trim() !== saved.artnet.broadcast) artnet.broadcast = draft.artnetBroadcast.trim();
  if (refresh.ok && refresh.value !== saved.artnet.refreshHz) artnet.refreshHz = refresh.value;
  if (Object.keys(artnet).length > 0) patch.artnet = artnet;
  const sacn: Record<string, unknown> = {};
  if (draft.sacnInterface !== saved.sacn.interface) sacn.interface = draft.sacnInterface;
  if (draft.sacnSourceName !== saved.sacn.sourceName) sacn.sourceName = draft.sacnSourceName;
  if (Object.keys(sacn).length > 0) patch.sacn = sacn;
  if (!same(outs.outputs, saved.outputs)) patch.outputs = outs.outputs;
  if (!same(ins.inputs, saved.inputs)) patch.inputs = ins.inputs;
  const dirty = !same(draft, toDraft(saved));

  const edit = (change: Partial<Draft>) => {
    if (save.error) save.fail(null);
    setDraft({ ...draft, ...change });
  };
  const editOutput = (key: number, change: Partial<OutputDraft>) => edit({ outputs: draft.outputs.map((o) => (o.key === key ? { ...o, ...change } : o)) });
  const editInput = (key: number, change: Partial<InputDraft>) => edit({ inputs: draft.inputs.map((o) => (o.key === key ? { ...o, ...change } : o)) });
  const nextKey = (list: readonly { key: number }[]) => list.reduce((n, d) => Math.max(n, d.key + 1), 0);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(typing).length > 0 || Object.keys(patch).length === 0) return;
    void save.run(patch);
  };
  const message = (path: string) => typing[path] ?? fieldError(save.error, path);
  const typingCount = Object.keys(typing).length;

  const interfaceSelect = (which: 'artnet' | 'sacn', value: string, onChange: (v: string) => void) => {
    const fid = `${id}-${which}-if`;
    const known = interfaces?.some((i) => i.address === value) ?? false;
    return (
      <Field label="Network interface" htmlFor={fid} message={message(`dmx.${which}.interface`)}>
        <select id={fid} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={message(`dmx.${which}.interface`) ? true : undefined} data-testid={`dmx-${which}-interface`}>
          <option value="">None chosen — nothing is sent</option>
          {value !== '' && !known && <option value={value}>{value} (not on this computer now)</option>}
          {(interfaces ?? []).map((i) => (
            <option key={`${i.name}-${i.address}`} value={i.address}>
              {i.name} — {i.address}
              {i.internal ? ' (this computer only)' : ''}
            </option>
          ))}
        </select>
      </Field>
    );
  };

  return (
    <div className="dmx-settings" data-testid="dmx-settings">
      <div className="dmx-settings__switches">
        <Switch label={`DMX engine ${saved.enabled ? 'on' : 'off'}`} checked={saved.enabled} disabled={toggle.busy} onChange={(on) => void toggle.run({ enabled: on })} testId="dmx-engine-toggle" />
        <Switch label={`Art-Net ${saved.artnet.enabled ? 'on' : 'off'}`} checked={saved.artnet.enabled} disabled={toggle.busy} onChange={(on) => void toggle.run({ artnet: { enabled: on } })} testId="dmx-artnet-toggle" />
        <Switch label={`sACN ${saved.sacn.enabled ? 'on' : 'off'}`} checked={saved.sacn.enabled} disabled={toggle.busy} onChange={(on) => void toggle.run({ sacn: { enabled: on } })} testId="dmx-sacn-toggle" />
      </div>
      <p className="muted field-note">
        The engine runs scenes, cue lists and the universe view. Art-Net and sACN send only on the network interface chosen below: until one is chosen <strong>nothing is sent</strong>, so a laptop never sprays DMX onto whatever network it joins.
      </p>
      {saved.artnet.enabled && saved.artnet.interface === '' && (
        <p className="notice dmx-settings__warn" data-testid="dmx-artnet-no-interface">
          Art-Net is on but no interface is chosen: nothing is sent until you pick one and save.
        </p>
      )}
      {saved.sacn.enabled && saved.sacn.interface === '' && <p className="notice dmx-settings__warn">sACN is on but no interface is chosen: nothing is sent until you pick one and save.</p>}
      <ErrorMessage error={toggle.error} />
      <ErrorMessage error={interfacesError} />

      <form onSubmit={submit} noValidate className="dmx-settings__form">
        <div className="form-row">
          <Field label="Universes" htmlFor={`${id}-universes`} message={message('dmx.universes')}>
            <input id={`${id}-universes`} className="input--tiny" type="number" inputMode="numeric" min={1} max={512} value={draft.universes} onChange={(e) => edit({ universes: e.target.value })} aria-invalid={message('dmx.universes') ? true : undefined} data-testid="dmx-universes" />
          </Field>
        </div>

        <h3 className="thresholds__group">Art-Net</h3>
        <div className="form-row">
          {interfaceSelect('artnet', draft.artnetInterface, (v) => edit({ artnetInterface: v }))}
          <Field label="Short name (in other consoles' node lists)" htmlFor={`${id}-an-name`} message={message('dmx.artnet.shortName')}>
            <input id={`${id}-an-name`} value={draft.artnetShortName} maxLength={17} onChange={(e) => edit({ artnetShortName: e.target.value })} aria-invalid={message('dmx.artnet.shortName') ? true : undefined} />
          </Field>
          <Field label="Broadcast (empty = the interface's)" htmlFor={`${id}-an-bc`} message={message('dmx.artnet.broadcast')}>
            <input id={`${id}-an-bc`} className="input--ip" value={draft.artnetBroadcast} placeholder="automatic" onChange={(e) => edit({ artnetBroadcast: e.target.value })} aria-invalid={message('dmx.artnet.broadcast') ? true : undefined} />
          </Field>
          <Field label="Frames/s per universe" htmlFor={`${id}-an-hz`} message={message('dmx.artnet.refreshHz')}>
            <input id={`${id}-an-hz`} className="input--tiny" type="number" inputMode="numeric" min={1} max={44} value={draft.artnetRefreshHz} onChange={(e) => edit({ artnetRefreshHz: e.target.value })} aria-invalid={message('dmx.artnet.refreshHz') ? true : undefined} />
          </Field>
        </div>

        <h3 className="thresholds__group">sACN (E1.31)</h3>
        <div className="form-row">
          {interfaceSelect('sacn', draft.sacnInterface, (v) => edit({ sacnInterface: v }))}
          <Field label="Source name" htmlFor={`${id}-sacn-name`} message={message('dmx.sacn.sourceName')}>
            <input id={`${id}-sacn-name`} value={draft.sacnSourceName} maxLength={63} onChange={(e) => edit({ sacnSourceName: e.target.value })} aria-invalid={message('dmx.sacn.sourceName') ? true : undefined} />
          </Field>
        </div>

        <h3 className="thresholds__group">Outputs</h3>
        <p className="muted field-note">Each output sends one engine universe. Art-Net Port-Address as net:sub-net:universe (0:0:0 is the first) or a number; an empty target sends to the nodes that claim it (else broadcast) or, for sACN, multicast.</p>
        {draft.outputs.length === 0 && <p className="muted">No outputs: nothing leaves this computer.</p>}
        <ol className="dmx-settings__list">
          {draft.outputs.map((o, i) => {
            const at = (f: string) => `dmx.outputs.${i}.${f}`;
            const fid = (f: string) => `${id}-out-${o.key}-${f}`;
            return (
              <li key={o.key} className="rule dmx-settings__row" data-testid="dmx-output-row">
                <Field label={`Output ${i + 1}`} htmlFor={fid('protocol')}>
                  <select id={fid('protocol')} value={o.protocol} onChange={(e) => editOutput(o.key, { protocol: e.target.value as Protocol })} data-testid="dmx-output-protocol">
                    <option value="artnet">Art-Net</option>
                    <option value="sacn">sACN</option>
                  </select>
                </Field>
                <Field label="Engine universe" htmlFor={fid('universe')} message={message(at('universe'))}>
                  <input id={fid('universe')} className="input--tiny" type="number" inputMode="numeric" min={1} max={universeCount} value={o.universe} onChange={(e) => editOutput(o.key, { universe: e.target.value })} aria-invalid={message(at('universe')) ? true : undefined} data-testid="dmx-output-universe" />
                </Field>
                {o.protocol === 'artnet' ? (
                  <Field label="Port-Address" htmlFor={fid('pa')} message={message(at('portAddress'))}>
                    <input id={fid('pa')} className="input--time" value={o.portAddress} placeholder="0:0:0" onChange={(e) => editOutput(o.key, { portAddress: e.target.value })} aria-invalid={message(at('portAddress')) ? true : undefined} data-testid="dmx-output-pa" />
                  </Field>
                ) : (
                  <>
                    <Field label="sACN universe" htmlFor={fid('su')} message={message(at('sacnUniverse'))}>
                      <input id={fid('su')} className="input--tiny" type="number" inputMode="numeric" min={1} max={63999} value={o.sacnUniverse} onChange={(e) => editOutput(o.key, { sacnUniverse: e.target.value })} aria-invalid={message(at('sacnUniverse')) ? true : undefined} data-testid="dmx-output-sacn-universe" />
                    </Field>
                    <Field label="Priority" htmlFor={fid('prio')} message={message(at('priority'))}>
                      <input id={fid('prio')} className="input--tiny" type="number" inputMode="numeric" min={0} max={200} value={o.priority} onChange={(e) => editOutput(o.key, { priority: e.target.value })} aria-invalid={message(at('priority')) ? true : undefined} />
                    </Field>
                  </>
                )}
                <Field label="Target (empty = automatic)" htmlFor={fid('target')} message={message(at('target'))}>
                  <input id={fid('target')} className="input--ip" value={o.target} placeholder={o.protocol === 'artnet' ? 'nodes / broadcast' : 'multicast'} onChange={(e) => editOutput(o.key, { target: e.target.value })} aria-invalid={message(at('target')) ? true : undefined} data-testid="dmx-output-target" />
                </Field>
                <button type="button" className="btn rule__remove" onClick={() => edit({ outputs: draft.outputs.filter((x) => x.key !== o.key) })} aria-label={`Remove output ${i + 1}`}>
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
        <button type="button" className="btn" onClick={() => edit({ outputs: [...draft.outputs, newOutputDraft(draft.outputs, nextKey(draft.outputs))] })} data-testid="dmx-output-add">
          Add output
        </button>

        <h3 className="thresholds__group">Inputs</h3>
        <p className="muted field-note">Art-Net or sACN received from another console. Merged inputs join the output as a layer (HTP/LTP by patch); a silent input is released after its loss timeout.</p>
        {draft.inputs.length === 0 && <p className="muted">No inputs.</p>}
        <ol className="dmx-settings__list">
          {draft.inputs.map((o, i) => {
            const at = (f: string) => `dmx.inputs.${i}.${f}`;
            const fid = (f: string) => `${id}-in-${o.key}-${f}`;
            return (
              <li key={o.key} className="rule dmx-settings__row" data-testid="dmx-input-row">
                <Field label={`Input ${i + 1}`} htmlFor={fid('protocol')}>
                  <select id={fid('protocol')} value={o.protocol} onChange={(e) => editInput(o.key, { protocol: e.target.value as Protocol })}>
                    <option value="artnet">Art-Net</option>
                    <option value="sacn">sACN</option>
                  </select>
                </Field>
                {o.protocol === 'artnet' ? (
                  <Field label="Port-Address" htmlFor={fid('pa')} message={message(at('portAddress'))}>
                    <input id={fid('pa')} className="input--time" value={o.portAddress} placeholder="0:0:0" onChange={(e) => editInput(o.key, { portAddress: e.target.value })} aria-invalid={message(at('portAddress')) ? true : undefined} />
                  </Field>
                ) : (
                  <Field label="sACN universe" htmlFor={fid('su')} message={message(at('sacnUniverse'))}>
                    <input id={fid('su')} className="input--tiny" type="number" inputMode="numeric" min={1} max={63999} value={o.sacnUniverse} onChange={(e) => editInput(o.key, { sacnUniverse: e.target.value })} aria-invalid={message(at('sacnUniverse')) ? true : undefined} />
                  </Field>
                )}
                <Field label="Engine universe" htmlFor={fid('universe')} message={message(at('universe'))}>
                  <input id={fid('universe')} className="input--tiny" type="number" inputMode="numeric" min={1} max={universeCount} value={o.universe} onChange={(e) => editInput(o.key, { universe: e.target.value })} aria-invalid={message(at('universe')) ? true : undefined} />
                </Field>
                <Field label="Loss timeout (s)" htmlFor={fid('loss')} message={message(at('lossTimeoutMs'))}>
                  <input id={fid('loss')} className="input--tiny" inputMode="decimal" value={o.lossTimeoutS} onChange={(e) => editInput(o.key, { lossTimeoutS: e.target.value })} aria-invalid={message(at('lossTimeoutMs')) ? true : undefined} />
                </Field>
                <label className="check dmx-settings__merge">
                  <input type="checkbox" checked={o.merge} onChange={(e) => editInput(o.key, { merge: e.target.checked })} />
                  <span>Merge into the output</span>
                </label>
                <button type="button" className="btn rule__remove" onClick={() => edit({ inputs: draft.inputs.filter((x) => x.key !== o.key) })} aria-label={`Remove input ${i + 1}`}>
                  Remove
                </button>
                {message(`dmx.inputs.${i}`) && <p className="field-error rule__message">{message(`dmx.inputs.${i}`)}</p>}
              </li>
            );
          })}
        </ol>
        <button type="button" className="btn" onClick={() => edit({ inputs: [...draft.inputs, newInputDraft(draft.inputs, nextKey(draft.inputs))] })} data-testid="dmx-input-add">
          Add input
        </button>

        {canControl && (
          <SaveBar label="Save DMX settings" busy={save.busy} dirty={dirty} done={save.done} onUndo={() => setDraft(toDraft(saved))} typing={typingCount} testIds={{ save: 'dmx-settings-save' }} />
        )}
        <ErrorMessage error={save.error} testId="dmx-settings-error" labelFor={dmxLabel} inline={(p) => p in typing || /^dmx\.(outputs|inputs)\.\d+\.\w+$/.test(p) || /^dmx\.(universes|artnet\.\w+|sacn\.\w+)$/.test(p)} />
      </form>
    </div>
  );
}

