import { sparklinePath, type SparkPoint } from '../../lib/sparkline.ts';

interface Props {
  points: readonly SparkPoint[];
  /** Gaps longer than this break the line. */
  gapMs?: number;
  from?: number;
  to?: number;
  color?: string;
  className?: string;
  label?: string;
}

const W = 100;
const H = 28;

/** A tiny line without axes; stretches to its box (preserveAspectRatio none, non-scaling stroke). */
export function Sparkline({ points, gapMs, from, to, color = 'currentColor', className = '', label }: Props) {
  const d = sparklinePath(points, W, H, { gapMs, from, to });
  return (
    <svg className={`sparkline ${className}`} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label ?? 'trend'} data-testid="sparkline" data-points={points.length}>
      {d && <path d={d} fill="none" stroke={color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" strokeLinejoin="round" strokeLinecap="round" />}
    </svg>
  );
}
