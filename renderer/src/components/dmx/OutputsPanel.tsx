import type { ArtNetNode, DmxInputStatus, DmxOutputStatus } from '../../../../preload/contract/index.ts';
import { useDmxStatus } from '../../hooks/dmx-context.tsx';
import { formatFrameAge, formatPortAddress } from '../../lib/dmx-format.ts';
import { outputName, outputStateLabel, troubledOutputs } from '../../lib/dmx-playback.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

const inputStateLabel: Record<DmxInputStatus['state'], string> = { waiting: 'Waiting', receiving: 'Receiving', lost: 'LOST', error: 'ERROR' };

/** Where the DMX goes and comes from: each output's health, the Art-Net nodes on the network, each input. */
export function OutputsPanel() {
  const { status, error } = useDmxStatus();
  if (!status) return <ErrorMessage error={error} />;
  return (
    <section className="card" aria-labelledby="outputs-title" data-testid="outputs-panel">
      <div className="dmx-card__head">
        <h2 className="card__title" id="outputs-title">
          Outputs and inputs
        </h2>
        <p className="muted dmx-clock" data-testid="dmx-clock">
          Frame clock {Math.round(status.clock.hz)}&nbsp;Hz · late p99 {status.clock.lateP99Ms.toFixed(1)}&nbsp;ms
          {status.timecode && ` · timecode ${status.timecode.text} (${status.timecode.type})`}
        </p>
      </div>

      <h3 className="dmx-sub">Outputs</h3>
      {status.outputs.length === 0 ? (
        <p className="muted">No outputs: add one in Settings → DMX, or nothing leaves this computer.</p>
      ) : (
        <ul className="io-list">
          {status.outputs.map((o) => (
            <OutputRow key={o.index} o={o} />
          ))}
        </ul>
      )}

      <h3 className="dmx-sub">Art-Net nodes</h3>
      {status.nodes.length === 0 ? (
        <p className="muted">No Art-Net node has answered a poll{status.outputs.some((o) => o.protocol === 'artnet' && o.state !== 'off') ? ' yet' : ' (Art-Net is off)'}.</p>
      ) : (
        <ul className="io-list">
          {status.nodes.map((n) => (
            <NodeRow key={`${n.ip}-${n.mac}`} n={n} />
          ))}
        </ul>
      )}

      <h3 className="dmx-sub">Inputs</h3>
      {status.inputs.length === 0 ? (
        <p className="muted">No inputs configured (Settings → DMX).</p>
      ) : (
        <ul className="io-list">
          {status.inputs.map((i) => (
            <InputRow key={i.index} i={i} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function OutputRow({ o }: { o: DmxOutputStatus }) {
  return (
    <li className={`io-row io-row--${o.state}`} data-testid="output-row" data-state={o.state} data-index={o.index}>
      <span className={`io-badge io-badge--${o.state}`}>{outputStateLabel[o.state]}</span>
      <div className="io-row__main">
        <span className="io-row__name">{outputName(o)}</span>
        <span className="io-row__dest">{o.destination}</span>
        {o.message && <span className="io-row__msg">{o.message}</span>}
      </div>
      <dl className="io-stats">
        <Stat label="fps" value={String(Math.round(o.fps))} />
        <Stat label="frames" value={o.framesSent.toLocaleString('en-GB')} />
        <Stat label="errors" value={String(o.errors)} warn={o.errors > 0} />
        <Stat label="last frame" value={formatFrameAge(o.lastFrameAgeMs)} />
      </dl>
    </li>
  );
}

export function NodeRow({ n }: { n: ArtNetNode }) {
  const ports = n.ports.map((p) => {
    const parts = [p.output !== null ? `out ${formatPortAddress(p.output)}` : '', p.input !== null ? `in ${formatPortAddress(p.input)}` : ''].filter(Boolean);
    return `${p.index + 1}: ${parts.join(', ') || '—'}`;
  });
  return (
    <li className={`io-row io-row--node${n.state === 'lost' ? ' io-row--node-lost' : ''}`} data-testid="node-row" data-state={n.state} data-ip={n.ip}>
      <span className={`io-badge io-badge--${n.state === 'ok' ? 'ok' : 'lost'}`}>{n.state === 'ok' ? 'OK' : 'LOST'}</span>
      <div className="io-row__main">
        <span className="io-row__name">
          {n.shortName || n.ip} <span className="muted">{n.longName}</span>
        </span>
        <span className="io-row__dest">
          {n.ip} · {n.mac}
        </span>
        <span className="io-row__msg">Ports {ports.join(' · ') || 'none'}</span>
        {n.nodeReport && <span className="io-row__msg muted">{n.nodeReport}</span>}
      </div>
      <dl className="io-stats">
        <Stat label="last reply" value={formatFrameAge(n.lastReplyAgeMs)} />
      </dl>
    </li>
  );
}

function InputRow({ i }: { i: DmxInputStatus }) {
  const state = i.state === 'receiving' ? 'ok' : i.state === 'waiting' ? 'idle' : i.state;
  return (
    <li className={`io-row io-row--${state}`} data-testid="input-row" data-state={i.state} data-index={i.index}>
      <span className={`io-badge io-badge--${state}`}>{inputStateLabel[i.state]}</span>
      <div className="io-row__main">
        <span className="io-row__name">
          {i.source} → universe {i.universe}
        </span>
        <span className="io-row__dest">{i.merge ? 'merged into the output' : 'monitor only'}</span>
        <span className="io-row__msg">{i.sender ? `from ${i.sender}` : 'no sender yet'}</span>
      </div>
      <dl className="io-stats">
        <Stat label="fps" value={String(Math.round(i.fps))} />
        <Stat label="frames" value={i.framesReceived.toLocaleString('en-GB')} />
        <Stat label="rejected" value={String(i.rejected)} warn={i.rejected > 0} />
        <Stat label="last frame" value={formatFrameAge(i.lastFrameAgeMs)} />
      </dl>
    </li>
  );
}

function Stat({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className={`io-stat${warn ? ' io-stat--warn' : ''}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** At the top of the page whenever an output is lost or failing: impossible to miss, names what and why. */
export function OutputAlarm() {
  const { status } = useDmxStatus();
  return <OutputAlarmView outputs={troubledOutputs(status)} />;
}

/** The banner for these (lost or failing) outputs; nothing when there are none. */
export function OutputAlarmView({ outputs: bad }: { outputs: readonly DmxOutputStatus[] }) {
  if (bad.length === 0) return null;
  return (
    <div className="output-alarm" role="alert" data-testid="output-alarm">
      <p className="output-alarm__title">
        {bad.length === 1 ? 'DMX output ' : `${bad.length} DMX outputs `}
        {bad.every((o) => o.state === 'lost') ? 'LOST' : 'FAILING'}
      </p>
      <ul className="output-alarm__list">
        {bad.map((o) => (
          <li key={o.index}>
            <strong>
              {outputName(o)} {o.state === 'lost' ? 'lost' : 'error'}
            </strong>{' '}
            — {o.destination}
            {o.message ? `: ${o.message}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
