import { useId } from 'react';
import type { DmxSettings } from '../../../../preload/contract/index.ts';
import { fromSerialInputDraft, listWith, type SerialInputDraft } from '../../lib/serial-dmx-draft.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Field, Switch, invalid, useSerialForm } from './SerialFormParts.tsx';

/**
 * One DMX text input (a SparkFun shield printing "DMX: read value from channel N: V"): port, baud rate,
 * the channels taken, the universe they land in, monitor only or merged. Saved as the whole
 * `dmx.serialInputs` list with this one replaced (index) or added (index = length).
 */
export function SerialInputForm({ dmx, index, initial, onClose }: { dmx: DmxSettings; index: number; initial: SerialInputDraft; onClose: () => void }) {
  const id = useId();
  const { draft, save, message, edit, submit } = useSerialForm({
    initial,
    check: (d: SerialInputDraft) => fromSerialInputDraft(d, index, dmx),
    at: (f) => `dmx.serialInputs.${index}.${f}`,
    patchOf: (value) => ({ dmx: { serialInputs: listWith(dmx.serialInputs, index, value) } }),
    onClose,
  });
  const fid = (f: string) => `${id}-${f}`;
  const isNew = index >= dmx.serialInputs.length;

  return (
    <form className="serial-form" onSubmit={(e) => void submit(e)} noValidate data-testid="serial-input-form" aria-label={isNew ? 'New DMX text input' : `DMX text input ${index + 1}`}>
      <div className="form-row">
        <Field label="Serial port" htmlFor={fid('port')} message={message('port')} grow>
          <input id={fid('port')} value={draft.port} placeholder="/dev/ttyACM0 or COM4" spellCheck={false} autoCapitalize="off" onChange={(e) => edit({ port: e.target.value })} aria-invalid={invalid(message('port'))} data-testid="serial-input-port" />
        </Field>
        <Field label="Baud rate" htmlFor={fid('baud')} message={message('baudRate')}>
          <input id={fid('baud')} className="input--narrow" type="number" inputMode="numeric" value={draft.baudRate} onChange={(e) => edit({ baudRate: e.target.value })} aria-invalid={invalid(message('baudRate'))} data-testid="serial-input-baud" />
        </Field>
      </div>
      <div className="form-row">
        <Field label="First channel" htmlFor={fid('first')} message={message('firstChannel')}>
          <input id={fid('first')} className="input--tiny" type="number" inputMode="numeric" min={1} max={512} value={draft.firstChannel} onChange={(e) => edit({ firstChannel: e.target.value })} aria-invalid={invalid(message('firstChannel'))} />
        </Field>
        <Field label="Last channel" htmlFor={fid('last')} message={message('lastChannel')}>
          <input id={fid('last')} className="input--tiny" type="number" inputMode="numeric" min={1} max={512} value={draft.lastChannel} onChange={(e) => edit({ lastChannel: e.target.value })} aria-invalid={invalid(message('lastChannel'))} data-testid="serial-input-last" />
        </Field>
        <Field label="Into universe" htmlFor={fid('universe')} message={message('universe')}>
          <input id={fid('universe')} className="input--tiny" type="number" inputMode="numeric" min={1} max={dmx.universes} value={draft.universe} onChange={(e) => edit({ universe: e.target.value })} aria-invalid={invalid(message('universe'))} data-testid="serial-input-universe" />
        </Field>
        <Field label="Lost after (s)" htmlFor={fid('loss')} message={message('lossTimeoutMs')}>
          <input id={fid('loss')} className="input--tiny" inputMode="decimal" value={draft.lossTimeoutS} onChange={(e) => edit({ lossTimeoutS: e.target.value })} aria-invalid={invalid(message('lossTimeoutMs'))} />
        </Field>
      </div>
      <div className="form-row">
        <Switch label={draft.merge ? 'Merged into the output' : 'Monitor only'} checked={draft.merge} onChange={(on) => edit({ merge: on })} testId="serial-input-merge" />
      </div>
      <ErrorMessage error={save.error} inline={(p) => p.startsWith(`dmx.serialInputs.${index}.`)} />
      <div className="serial-form__actions">
        <button type="submit" className="btn btn--primary" disabled={save.busy} data-testid="serial-input-save">
          {save.busy ? 'Saving…' : isNew ? 'Add input' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={onClose} disabled={save.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
