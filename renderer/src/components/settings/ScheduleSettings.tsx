import { useId, useMemo, useState, type FormEvent } from 'react';
import type { ScheduleTimeSource, Settings } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useCanControl } from '../../hooks/useCanControl.ts';
import { useSchedule } from '../../hooks/useSchedule.ts';
import { venueClock } from '../../lib/schedule-format.ts';
import { fromScheduleDraft, knownZones, schedulePatch, toScheduleDraft, type ScheduleSettingsDraft } from '../../lib/schedule-settings-draft.ts';
import { ErrorMessage, fieldError } from '../ErrorMessage.tsx';
import { Field } from './Field.tsx';
import { SaveBar } from '../SaveBar.tsx';

interface Props {
  settings: Settings;
  apply: (s: Settings) => void;
}

const labels: Record<string, string> = {
  'schedule.zone': 'Venue time zone',
  'schedule.dayStartsAt': 'Show day starts at',
  'schedule.timeSource': 'Time source',
  'schedule.timecodeLossMs': 'Timecode lost after',
  'schedule.warnMarginMin': 'Curfew warning margin',
  'schedule.dangerMarginMin': 'Curfew danger margin',
  'schedule.cueToleranceS': 'Cue tolerance',
};

// A message under one box must not push its neighbours' boxes down (the shared rows align to the bottom).
const topAligned = { alignItems: 'flex-start' } as const;

const same = (a: ScheduleSettingsDraft, b: ScheduleSettingsDraft) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Settings → Schedule: where the running order's "now" comes from (this computer or Art-Net timecode),
 * the venue's zone and when its show day rolls over, the curfew's warning and danger margins, and how late
 * a cue may still fire. Checked with the contract's own schema while typing; Save sends only what changed.
 */
export function ScheduleSettings({ settings, apply }: Props) {
  const api = useApi();
  const id = useId();
  const canControl = useCanControl();
  const saved = settings.schedule;
  const [basis, setBasis] = useState(saved);
  const [draft, setDraft] = useState(() => toScheduleDraft(saved));
  // Changed elsewhere (another tablet, an import): an untouched form follows.
  if (basis !== saved) {
    if (same(draft, toScheduleDraft(basis))) setDraft(toScheduleDraft(saved));
    setBasis(saved);
  }
  const zones = useMemo(knownZones, []);
  const save = useAction(async (patch: Partial<Settings['schedule']>) => apply(await api.call('settings.update', { schedule: patch })));

  const checked = fromScheduleDraft(draft);
  const patch = checked.ok ? schedulePatch(checked.value, saved) : {};
  const dirty = !same(draft, toScheduleDraft(saved));
  const typingCount = Object.keys(checked.errors).length;
  const message = (key: keyof ScheduleSettingsDraft) => {
    const m = checked.errors[`schedule.${key}`] ?? fieldError(save.error, `schedule.${key}`);
    // The contract's sentences start lower-case (they also end up after "field: "); beside a box they open a sentence.
    return m && m.charAt(0).toUpperCase() + m.slice(1);
  };

  const edit = (change: Partial<ScheduleSettingsDraft>) => {
    if (save.error) save.fail(null);
    setDraft({ ...draft, ...change });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (checked.ok && Object.keys(patch).length > 0) void save.run(patch);
  };

  const input = (key: keyof ScheduleSettingsDraft, label: string, extra: { className?: string; inputMode?: 'numeric' | 'text'; placeholder?: string; list?: string } = {}) => {
    const fid = `${id}-${key}`;
    const m = message(key);
    return (
      <Field label={label} htmlFor={fid} message={m} messageId={`${fid}-err`}>
        <input
          id={fid}
          type="text"
          className={extra.className}
          inputMode={extra.inputMode}
          placeholder={extra.placeholder}
          list={extra.list}
          value={draft[key]}
          onChange={(e) => edit({ [key]: e.target.value })}
          aria-invalid={m ? true : undefined}
          aria-describedby={m ? `${fid}-err` : undefined}
          data-testid={`schedule-settings-${key}`}
        />
      </Field>
    );
  };

  return (
    <div className="schedule-settings" data-testid="schedule-settings">
      <p className="muted field-note">The running order (Schedule page): its clock, the venue’s time zone, and when the curfew bar turns amber and red.</p>
      <LiveClock />
      <form onSubmit={submit} noValidate>
        <h3 className="thresholds__group">Clock</h3>
        <div className="form-row" style={topAligned}>
          <Field label="Time source" htmlFor={`${id}-source`} message={message('timeSource')}>
            <select id={`${id}-source`} value={draft.timeSource} onChange={(e) => edit({ timeSource: e.target.value as ScheduleTimeSource })} data-testid="schedule-settings-timeSource">
              <option value="system">This computer’s clock</option>
              <option value="artnet-timecode">Art-Net timecode (time of day)</option>
            </select>
          </Field>
          {draft.timeSource === 'artnet-timecode' && input('timecodeLossMs', 'Timecode lost after (ms)', { className: 'input--narrow', inputMode: 'numeric' })}
          {input('zone', 'Venue time zone', { placeholder: 'this computer’s zone', list: `${id}-zones` })}
          {input('dayStartsAt', 'Show day starts at', { className: 'input--narrow', placeholder: 'HH:MM' })}
          <datalist id={`${id}-zones`}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
        <p className="muted field-note">
          {draft.timeSource === 'artnet-timecode'
            ? 'Timecode is read as the time of day in the venue’s zone; it arrives on the DMX engine’s Art-Net port. While none arrives the running order follows this computer’s clock and says so.'
            : 'Planned times are wall-clock times in the venue’s zone (empty = this computer’s). Before the day start, the evening before is still “today”.'}
        </p>

        <h3 className="thresholds__group">Curfew</h3>
        <div className="form-row" style={topAligned}>
          {input('warnMarginMin', 'Warning when less than (min) to spare', { className: 'input--narrow', inputMode: 'numeric' })}
          {input('dangerMarginMin', 'Danger when less than (min) to spare', { className: 'input--narrow', inputMode: 'numeric' })}
        </div>
        <p className="muted field-note">The projected end of the day against the curfew: amber inside the warning margin, red inside the danger margin (0 = only once past curfew).</p>

        <h3 className="thresholds__group">Cues</h3>
        <div className="form-row" style={topAligned}>{input('cueToleranceS', 'Fire a cue up to (s) late', { className: 'input--narrow', inputMode: 'numeric' })}</div>
        <p className="muted field-note">A cue found later than this after its time (the console was down, a start was backdated) is reported as missed, never fired late.</p>

        {canControl && (
          <SaveBar label="Save schedule settings" busy={save.busy} dirty={dirty} done={save.done} onUndo={() => setDraft(toScheduleDraft(saved))} typing={typingCount} testIds={{ save: 'schedule-settings-save', saved: 'schedule-settings-saved' }} />
        )}
        <ErrorMessage error={save.error} testId="schedule-settings-error" labelFor={(p) => labels[p]} inline={(p) => p in labels} />
      </form>
    </div>
  );
}

/** What the running order is on right now (the stored settings, as the core applies them). */
function LiveClock() {
  const { state } = useSchedule(null);
  if (!state) return null;
  const { clock, view } = state;
  let source: string;
  if (clock.source === 'system') source = 'this computer’s clock';
  else if (clock.lost) source = clock.lostForMs === null ? 'waiting for Art-Net timecode (this computer’s clock meanwhile)' : 'Art-Net timecode LOST (this computer’s clock meanwhile)';
  else source = `Art-Net timecode ${clock.timecode?.text ?? ''}`;
  return (
    <p className="notice" data-testid="schedule-settings-live" data-zone={view.zone} data-source={clock.source} data-lost={clock.lost ? 'true' : 'false'}>
      Now {venueClock(clock.now, view.zone)} in {view.zone}, on {source}.
    </p>
  );
}
