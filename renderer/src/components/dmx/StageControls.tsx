import { useCallback, useId, useState } from 'react';
import type { DmxStatus } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useDmxStatus } from '../../hooks/dmx-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useLatestSender } from '../../hooks/useDmx.ts';
import { formatFade, formatLevel } from '../../lib/dmx-format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

/** Fade choices for a timed blackout; 0 = instant. */
const blackoutFades = [0, 1000, 2000, 3000, 5000, 10_000];

/** Blackout and grand master: the two controls that override every scene. */
export function StageControls({ canControl }: { canControl: boolean }) {
  const api = useApi();
  const { status, apply } = useDmxStatus();
  const fadeId = useId();
  const masterId = useId();
  const masterLabelId = useId();
  const [fadeMs, setFadeMs] = useState(0);
  const blackout = useAction(async (on: boolean) => apply(await api.call('dmx.blackout', fadeMs > 0 ? { on, fadeMs } : { on })));

  const sendMaster = useCallback(async (level: number) => apply(await api.call('dmx.master', { level })), [api, apply]);
  const master = useLatestSender<number>(sendMaster);
  // While a finger is on the fader it shows the finger's level, not the last status (which lags by a tick).
  const [draft, setDraft] = useState<number | null>(null);

  if (!status) return null;
  const on = status.blackout.on;
  const fading = status.blackout.fading;
  const level = draft ?? Math.round(status.grandMaster * 100);

  return (
    <section className="card stage" aria-label="Blackout and grand master" data-testid="stage-controls">
      <div className="stage__blackout">
        {canControl ? (
          <button
            type="button"
            className={`blackout-btn${on ? ' blackout-btn--on' : ''}`}
            aria-pressed={on}
            data-testid="blackout"
            data-on={on}
            disabled={blackout.busy}
            onClick={() => void blackout.run(!on)}
          >
            <span className="blackout-btn__title">{on ? 'BLACKOUT ON' : 'Blackout'}</span>
            <span className="blackout-btn__hint">{blackoutHint(status, fadeMs)}</span>
          </button>
        ) : (
          <div className={`blackout-btn blackout-btn--readonly${on ? ' blackout-btn--on' : ''}`} data-testid="blackout-state" data-on={on}>
            <span className="blackout-btn__title">{on ? 'BLACKOUT ON' : 'No blackout'}</span>
            {fading && <span className="blackout-btn__hint">fading · output at {formatLevel(status.blackout.level)}</span>}
          </div>
        )}
        {canControl && (
          <div className="field stage__fade">
            <label htmlFor={fadeId}>Blackout fade</label>
            <select id={fadeId} value={fadeMs} onChange={(e) => setFadeMs(Number(e.target.value))} data-testid="blackout-fade">
              {blackoutFades.map((ms) => (
                <option key={ms} value={ms}>
                  {ms === 0 ? 'Instant' : formatFade(ms)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>

      <div className="stage__master">
        <label className="stage__master-label" id={masterLabelId} htmlFor={canControl ? masterId : undefined}>
          Grand master <span className="stage__master-value" data-testid="master-value">{level}&nbsp;%</span>
        </label>
        {canControl ? (
          <input
            id={masterId}
            className="dmx-fader dmx-fader--master"
            type="range"
            min={0}
            max={100}
            step={1}
            value={level}
            onChange={(e) => {
              const v = Number(e.target.value);
              setDraft(v);
              master.push(v / 100);
            }}
            onPointerUp={() => setDraft(null)}
            onBlur={() => setDraft(null)}
            aria-valuetext={`${level} %`}
            data-testid="master-fader"
          />
        ) : (
          <div className="level-bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={level} aria-labelledby={masterLabelId} data-testid="master-meter">
            <span className="level-bar__fill" style={{ width: `${level}%` }} />
          </div>
        )}
        <p className="muted stage__note">Scales intensity only (and the colour of fixtures without an intensity channel).</p>
      </div>
      <ErrorMessage error={blackout.error ?? master.error} />
    </section>
  );
}

function blackoutHint(status: DmxStatus, fadeMs: number): string {
  const b = status.blackout;
  if (b.fading) return `fading · output at ${formatLevel(b.level)}`;
  if (b.on) return 'Stage is dark · tap to restore';
  return fadeMs > 0 ? `tap: fade to black in ${formatFade(fadeMs)}` : 'tap: everything to 0 now';
}
