import { useId } from 'react';
import type { DmxSettings } from '../../../../preload/contract/index.ts';
import { fromEnttecDraft, toEnttecDraft, type EnttecDraft } from '../../lib/serial-dmx-draft.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Field, Switch, invalid, useSerialForm } from './SerialFormParts.tsx';

/**
 * The Enttec DMX USB Pro's settings: on/off, port ("find it automatically" or a path), frames a second,
 * the universe it sends and how many channels, and its DMX IN. Saved as the whole `dmx.enttec`.
 */
export function EnttecSettingsForm({ dmx, onClose }: { dmx: DmxSettings; onClose: () => void }) {
  const id = useId();
  const { draft, save, message, edit, submit } = useSerialForm({
    initial: () => toEnttecDraft(dmx.enttec),
    check: (d: EnttecDraft) => fromEnttecDraft(d, dmx),
    at: (f) => `dmx.enttec.${f}`,
    patchOf: (enttec) => ({ dmx: { enttec } }),
    onClose,
  });
  const fid = (f: string) => `${id}-${f}`;

  return (
    <form className="serial-form" onSubmit={(e) => void submit(e)} noValidate data-testid="enttec-form" aria-label="Enttec DMX USB Pro settings">
      <div className="form-row">
        <Switch label={`Enttec output ${draft.enabled ? 'on' : 'off'}`} checked={draft.enabled} onChange={(on) => edit({ enabled: on })} testId="enttec-enabled" />
      </div>
      <div className="form-row">
        <Field label="Port" htmlFor={fid('mode')}>
          <select id={fid('mode')} value={draft.auto ? 'auto' : 'path'} onChange={(e) => edit({ auto: e.target.value === 'auto' })} data-testid="enttec-port-mode">
            <option value="auto">Find it automatically</option>
            <option value="path">This port:</option>
          </select>
        </Field>
        {!draft.auto && (
          <Field label="Serial port" htmlFor={fid('path')} message={message('port')} grow>
            <input id={fid('path')} value={draft.path} placeholder="/dev/ttyUSB0 or COM3" spellCheck={false} autoCapitalize="off" onChange={(e) => edit({ path: e.target.value })} aria-invalid={invalid(message('port'))} data-testid="enttec-port" />
          </Field>
        )}
      </div>
      <div className="form-row">
        <Field label="Frames/s (1–40)" htmlFor={fid('rate')} message={message('rateHz')}>
          <input id={fid('rate')} className="input--tiny" type="number" inputMode="numeric" min={1} max={40} value={draft.rateHz} onChange={(e) => edit({ rateHz: e.target.value })} aria-invalid={invalid(message('rateHz'))} data-testid="enttec-rate" />
        </Field>
        <Field label="Engine universe sent" htmlFor={fid('universe')} message={message('universe')}>
          <input id={fid('universe')} className="input--tiny" type="number" inputMode="numeric" min={1} max={dmx.universes} value={draft.universe} onChange={(e) => edit({ universe: e.target.value })} aria-invalid={invalid(message('universe'))} data-testid="enttec-universe" />
        </Field>
        <Field label="Channels per frame" htmlFor={fid('slots')} message={message('slots')}>
          <input id={fid('slots')} className="input--tiny" type="number" inputMode="numeric" min={1} max={512} value={draft.slots} onChange={(e) => edit({ slots: e.target.value })} aria-invalid={invalid(message('slots'))} data-testid="enttec-slots" />
        </Field>
      </div>
      <h4 className="serial-form__sub">DMX IN on the widget</h4>
      <div className="form-row">
        <Switch label={`Read DMX IN ${draft.inputEnabled ? 'on' : 'off'}`} checked={draft.inputEnabled} onChange={(on) => edit({ inputEnabled: on })} testId="enttec-input-enabled" />
      </div>
      {draft.inputEnabled && (
        <div className="form-row">
          <Field label="Into universe" htmlFor={fid('in-universe')} message={message('input.universe')}>
            <input id={fid('in-universe')} className="input--tiny" type="number" inputMode="numeric" min={1} max={dmx.universes} value={draft.inputUniverse} onChange={(e) => edit({ inputUniverse: e.target.value })} aria-invalid={invalid(message('input.universe'))} data-testid="enttec-input-universe" />
          </Field>
          <Field label="Lost after (s)" htmlFor={fid('in-loss')} message={message('input.lossTimeoutMs')}>
            <input id={fid('in-loss')} className="input--tiny" inputMode="decimal" value={draft.inputLossS} onChange={(e) => edit({ inputLossS: e.target.value })} aria-invalid={invalid(message('input.lossTimeoutMs'))} />
          </Field>
          <Switch label="Merge into the output" checked={draft.inputMerge} onChange={(on) => edit({ inputMerge: on })} testId="enttec-input-merge" />
          <Switch label="Changes only" checked={draft.inputChangesOnly} onChange={(on) => edit({ inputChangesOnly: on })} testId="enttec-input-changes" />
        </div>
      )}
      <p className="muted field-note">Merge off = monitor only (see it below, use it in a channel monitor). With “changes only” the widget sends nothing while the input holds still, so it is never shown lost.</p>
      <ErrorMessage error={save.error} inline={(p) => p.startsWith('dmx.enttec.')} />
      <div className="serial-form__actions">
        <button type="submit" className="btn btn--primary" disabled={save.busy} data-testid="enttec-save">
          {save.busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={onClose} disabled={save.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
