import { statusLabel, type MetricStatus } from '../lib/tile-state.ts';

/** Status in words as well as colour, so it survives colour-blindness and a dimmed screen. */
export function StatusBadge({ status, className = '' }: { status: MetricStatus; className?: string }) {
  if (status === 'ok') return null;
  return <span className={`badge badge--${status} ${className}`.trim()}>{statusLabel[status]}</span>;
}
