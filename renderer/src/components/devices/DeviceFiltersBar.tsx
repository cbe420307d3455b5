import { useId } from 'react';
import type { DeviceFilters } from '../../lib/device-filter.ts';
import { deviceStateLabel } from '../../lib/device-state.ts';

interface Props {
  filters: DeviceFilters;
  onChange: (next: DeviceFilters) => void;
  options: { rooms: string[]; kinds: string[]; sources: string[] };
  /** How many devices are hidden (the "show hidden" switch says so). */
  hiddenCount: number;
}

/** Search and filters for the device list: room, kind, source, state, "needs a name", hidden ones. */
export function DeviceFiltersBar({ filters, onChange, options, hiddenCount }: Props) {
  const id = useId();
  const set = <K extends keyof DeviceFilters>(key: K, value: DeviceFilters[K]) => onChange({ ...filters, [key]: value });
  const select = (key: 'room' | 'kind' | 'source', label: string, all: string, values: string[]) => (
    <div className="field devices-filters__field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={filters[key]} onChange={(e) => set(key, e.target.value)} data-testid={`filter-${key}`}>
        <option value="">{all}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="devices-filters" role="search" aria-label="Find devices" data-testid="device-filters">
      <div className="field devices-filters__search">
        <label htmlFor={`${id}-search`}>Search</label>
        <input id={`${id}-search`} type="text" value={filters.search} onChange={(e) => set('search', e.target.value)} placeholder="name, room, id, gateway…" data-testid="filter-search" />
      </div>
      {select('room', 'Room', 'All rooms', options.rooms)}
      {select('kind', 'Kind', 'All kinds', options.kinds)}
      {select('source', 'Source', 'All sources', options.sources)}
      <div className="field devices-filters__field">
        <label htmlFor={`${id}-state`}>State</label>
        <select id={`${id}-state`} value={filters.state} onChange={(e) => set('state', e.target.value as DeviceFilters['state'])} data-testid="filter-state">
          <option value="">Any state</option>
          {(['ok', 'stale', 'lost'] as const).map((s) => (
            <option key={s} value={s}>
              {deviceStateLabel[s]}
            </option>
          ))}
        </select>
      </div>
      <label className="devices-filters__check">
        <input type="checkbox" checked={filters.needsName} onChange={(e) => set('needsName', e.target.checked)} data-testid="filter-needs-name" />
        Needs a name
      </label>
      <label className="devices-filters__check">
        <input type="checkbox" checked={filters.showHidden} onChange={(e) => set('showHidden', e.target.checked)} data-testid="filter-hidden" />
        Show hidden{hiddenCount > 0 ? ` (${hiddenCount})` : ''}
      </label>
    </div>
  );
}
