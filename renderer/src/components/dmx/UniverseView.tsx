import { memo, useCallback, useId, useMemo, useState } from 'react';
import { useApi } from '../../hooks/api-context.tsx';
import { useDmxLibrary, useDmxStatus } from '../../hooks/dmx-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useDmxFrame, useLatestSender, type FrameSource } from '../../hooks/useDmx.ts';
import { dmxPercent } from '../../lib/dmx-format.ts';
import { channelTypeLabel } from '../../lib/dmx-patch-draft.ts';
import { activeRanges, universeChannelMap, type ChannelInfo } from '../../lib/dmx-universe.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { ValueControl } from './ValueControl.tsx';

const zeros: readonly number[] = new Array<number>(512).fill(0);

/** 512 channels of one universe, live: the output after merge, or what one input receives. */
export function UniverseView({ canControl }: { canControl: boolean }) {
  const id = useId();
  const { status } = useDmxStatus();
  const { library } = useDmxLibrary();
  const [universe, setUniverse] = useState(1);
  const [input, setInput] = useState<number | null>(null);
  const [percent, setPercent] = useState(false);
  const [channel, setChannel] = useState(1);

  const inputs = status?.inputs ?? [];
  const inputStatus = input === null ? undefined : inputs.find((i) => i.index === input);
  const source: FrameSource = input === null || !inputStatus ? { kind: 'output', universe } : { kind: 'input', index: input };
  const { frame, error, apply } = useDmxFrame(source, status?.running);
  const channels = frame?.channels ?? zeros;
  const shownUniverse = source.kind === 'output' ? universe : (inputStatus?.universe ?? universe);
  const patch = library?.patch;
  const map = useMemo(() => universeChannelMap(patch ?? [], shownUniverse), [patch, shownUniverse]);
  const universeCount = status?.universes ?? 64;
  const pick = useCallback((ch: number) => setChannel(ch), []);

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="universe-view" data-universe={shownUniverse} data-source={source.kind === 'output' ? 'output' : `input-${source.index}`}>
      <div className="dmx-card__head">
        <h2 className="card__title" id={`${id}-title`}>
          Universe view
        </h2>
        <div className="form-row universe-view__pick">
          <div className="field">
            <label htmlFor={`${id}-source`}>Show</label>
            <select id={`${id}-source`} value={input === null ? 'output' : String(input)} onChange={(e) => setInput(e.target.value === 'output' ? null : Number(e.target.value))} data-testid="universe-source">
              <option value="output">Output (after merge)</option>
              {inputs.map((i) => (
                <option key={i.index} value={i.index}>
                  Input {i.index + 1}: {i.source}
                </option>
              ))}
            </select>
          </div>
          {source.kind === 'output' && (
            <div className="field">
              <label htmlFor={`${id}-universe`}>Universe</label>
              <select id={`${id}-universe`} value={universe} onChange={(e) => setUniverse(Number(e.target.value))} data-testid="universe-pick">
                {Array.from({ length: universeCount }, (_, i) => i + 1).map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
            </div>
          )}
          <label className="check">
            <input type="checkbox" checked={percent} onChange={(e) => setPercent(e.target.checked)} data-testid="universe-percent" />
            <span>Percent</span>
          </label>
        </div>
      </div>
      <p className="muted universe-view__caption" aria-live="off">
        {source.kind === 'input' ? `Input ${source.index + 1} (${inputStatus?.source ?? ''}) for universe ${shownUniverse}` : `Universe ${shownUniverse} as it goes out`}: {frame ? activeRanges(channels) : 'waiting for the first frame…'}
      </p>
      {/* With the engine down the page says so once, at the top. */}
      {status?.running !== false && <ErrorMessage error={error} />}
      <div className="dmx-grid" role="img" aria-label={`Universe ${shownUniverse}: ${activeRanges(channels)}`} data-testid="dmx-grid" data-loaded={frame !== null}>
        {map.map((info, i) => (
          <Cell key={i} channel={i + 1} value={channels[i] ?? 0} info={info} percent={percent} selected={canControl && source.kind === 'output' && channel === i + 1} onPick={canControl && source.kind === 'output' ? pick : undefined} />
        ))}
      </div>
      <p className="muted universe-view__legend">
        Bars: <span className="legend-swatch legend-swatch--raw" /> unpatched (intensity) · <span className="legend-swatch legend-swatch--intensity" /> intensity · <span className="legend-swatch legend-swatch--colour" /> colour · <span className="legend-swatch legend-swatch--other" /> pan, tilt, generic. A fixture starts where a cell has a bright left edge.
      </p>
      {canControl && source.kind === 'output' && <ManualControl universe={universe} channel={channel} setChannel={setChannel} current={channels[channel - 1] ?? 0} info={map[channel - 1] ?? null} applyFrame={apply} />}
    </section>
  );
}

const colourTypes = new Set(['red', 'green', 'blue', 'white', 'amber', 'uv']);

function cellKind(info: ChannelInfo | null): string {
  if (!info) return 'raw';
  if (info.type === 'intensity') return 'intensity';
  if (colourTypes.has(info.type)) return `colour dmx-cell--${info.type}`;
  return 'other';
}

const Cell = memo(function Cell({ channel, value, info, percent, selected, onPick }: { channel: number; value: number; info: ChannelInfo | null; percent: boolean; selected: boolean; onPick?: (channel: number) => void }) {
  const what = info ? `${info.fixtureName} ${channelTypeLabel[info.type]}${info.fine ? ' fine' : ''}` : 'unpatched';
  return (
    <div
      className={`dmx-cell dmx-cell--${cellKind(info)}${info?.first ? ' dmx-cell--first' : ''}${value > 0 ? ' dmx-cell--on' : ''}${selected ? ' dmx-cell--selected' : ''}${onPick ? ' dmx-cell--pick' : ''}`}
      title={`Channel ${channel} · ${what} · ${value} (${dmxPercent(value)} %)`}
      onClick={onPick ? () => onPick(channel) : undefined}
      data-testid="dmx-cell"
      data-channel={channel}
      data-value={value}
      data-type={info ? info.type : 'raw'}
    >
      <span className="dmx-cell__n">{channel}</span>
      <span className="dmx-cell__v">{percent ? dmxPercent(value) : value}</span>
      <span className="dmx-cell__bar" style={{ height: `${(value / 255) * 100}%` }} />
    </div>
  );
});

interface ManualProps {
  universe: number;
  channel: number;
  setChannel: (ch: number) => void;
  current: number;
  info: ChannelInfo | null;
  applyFrame: (frame: { universe: number; channels: number[] }) => void;
}

/** The manual layer for one channel: a fader with exact entry, and release (channel or universe). */
function ManualControl({ universe, channel, setChannel, current, info, applyFrame }: ManualProps) {
  const api = useApi();
  const id = useId();
  const [channelText, setChannelText] = useState(String(channel));
  const [basis, setBasis] = useState(channel);
  if (basis !== channel) {
    setBasis(channel);
    setChannelText(String(channel));
  }
  // While dragging, the fader shows the finger's value; the view's value lags a frame.
  const [draft, setDraft] = useState<{ key: string; value: number } | null>(null);
  const key = `${universe}.${channel}`;
  const shown = draft?.key === key ? draft.value : current;
  const send = useCallback(async (v: { universe: number; channel: number; value: number }) => applyFrame(await api.call('dmx.set', { universe: v.universe, channels: { [String(v.channel)]: v.value } })), [api, applyFrame]);
  const sender = useLatestSender(send);
  const release = useAction(async (what: 'channel' | 'universe') => {
    await api.call('dmx.release', what === 'channel' ? { universe, channels: [channel] } : { universe });
    setDraft(null);
  });

  return (
    <div className="manual" data-testid="manual-control">
      <h3 className="dmx-sub">Manual</h3>
      <div className="form-row manual__row">
        <div className="field">
          <label htmlFor={`${id}-ch`}>Channel</label>
          <input
            id={`${id}-ch`}
            className="input--tiny"
            type="number"
            inputMode="numeric"
            min={1}
            max={512}
            value={channelText}
            onChange={(e) => {
              setChannelText(e.target.value);
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 512) {
                setBasis(n);
                setChannel(n);
              }
            }}
            data-testid="manual-channel"
          />
        </div>
        <ValueControl
          label={
            <>
              Level <span className="muted">{info ? `${info.fixtureName} · ${channelTypeLabel[info.type]}` : 'unpatched'}</span>
            </>
          }
          name={`Universe ${universe} channel ${channel}`}
          value={shown}
          max={255}
          note={`${dmxPercent(shown)} %`}
          onChange={(value) => {
            setDraft({ key, value });
            sender.push({ universe, channel, value });
          }}
          onCommit={() => setDraft(null)}
          testId="manual-level"
        />
        <div className="manual__release">
          <button type="button" className="btn" onClick={() => void release.run('channel')} disabled={release.busy} data-testid="manual-release-channel">
            Release ch {channel}
          </button>
          <button type="button" className="btn" onClick={() => void release.run('universe')} disabled={release.busy} data-testid="manual-release-universe">
            Release universe {universe}
          </button>
        </div>
      </div>
      <p className="muted field-note">Manual levels merge with the scenes (the highest intensity wins; for other channels the latest change wins) until released. Tap a cell above to pick its channel.</p>
      <ErrorMessage error={sender.error ?? release.error} />
    </div>
  );
}
