import { useState } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { draftFrom, isFailing, newDraft, type TargetDraft } from '../components/network/format.ts';
import { SwitchCard } from '../components/network/SwitchCard.tsx';
import { TargetForm } from '../components/network/TargetForm.tsx';
import { TargetList } from '../components/network/TargetList.tsx';
import { TrapsCard } from '../components/network/TrapsCard.tsx';
import { useCanControl } from '../hooks/useCanControl.ts';
import { useServerNow } from '../hooks/server-clock.tsx';
import { useSettings } from '../hooks/useSettings.ts';
import { useSnmpSwitches, useSnmpTargets } from '../hooks/useSnmp.ts';
import '../styles/network.css';

/**
 * The show network: each polled switch's ports as a grid (up/down, speed, traffic, errors), and every SNMP
 * target with its health, with Add / Edit / Test now for operators.
 */
export function NetworkPage() {
  const { targets, loaded, error } = useSnmpTargets();
  const { switches, error: switchError } = useSnmpSwitches();
  const { settings, apply } = useSettings();
  const canControl = useCanControl();
  const serverNow = useServerNow(1000);
  const [editing, setEditing] = useState<{ index: number | null; draft: TargetDraft; key: number } | null>(null);

  const byId = new Map(targets.map((t) => [t.id, t]));
  const failing = targets.filter((t) => isFailing(t.state)).length;
  const open = (index: number | null) => {
    const saved = index === null ? undefined : settings?.snmp.targets[index];
    setEditing({ index, draft: saved ? draftFrom(saved) : newDraft(), key: Date.now() });
  };

  return (
    <div className="page network-page">
      <div className="page__bar">
        <h1 className="page__title">Network</h1>
        <p className="summary" aria-label="SNMP summary">
          <span>
            {targets.length} SNMP target{targets.length === 1 ? '' : 's'}
          </span>
          {failing > 0 && <span className="summary__alarm">{failing} not answering</span>}
        </p>
      </div>
      <ErrorMessage error={error ?? switchError} />

      {switches.length > 0 && (
        <>
          <h2 className="section-title">Switches</h2>
          {switches.map((s) => (
            <SwitchCard key={s.deviceId} sw={s} status={byId.get(s.targetId)} />
          ))}
        </>
      )}

      <div className="network-page__targets-bar">
        <h2 className="section-title">SNMP targets</h2>
        {canControl && settings && (
          <button type="button" className="btn btn--primary" data-testid="snmp-add" onClick={() => open(null)} disabled={editing?.index === null}>
            Add target
          </button>
        )}
      </div>
      {loaded && targets.length === 0 && (settings?.snmp.targets.length ?? 0) === 0 && (
        <p className="empty" data-testid="snmp-empty">
          No SNMP targets yet. Add a switch or a Geist Watchdog{canControl ? ' with “Add target”' : ''}, or turn on the demo site in Settings to see a simulated one.
        </p>
      )}
      {(targets.length > 0 || (settings?.snmp.targets.length ?? 0) > 0) && (
        <TargetList targets={targets} settings={settings} apply={apply} serverNow={serverNow} canControl={canControl} onEdit={(i) => open(i)} />
      )}
      {settings && <TrapsCard settings={settings} apply={apply} canControl={canControl} />}
      {editing && settings && <TargetForm key={editing.key} settings={settings} apply={apply} initial={editing.draft} index={editing.index} onDone={() => setEditing(null)} />}
    </div>
  );
}
