import { useState } from 'react';

/**
 * A device id, cut short with an ellipsis so it never stretches a row; the full id is in the tooltip
 * (hover) and a tap or click shows it in place (touch has no hover).
 */
export function DeviceId({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  return (
    <button
      type="button"
      className={open ? 'device-id device-id--open' : 'device-id'}
      title={id}
      aria-expanded={open}
      aria-label={open ? `Device id ${id} (tap to shorten)` : `Device id ${id} (tap to show in full)`}
      onClick={() => setOpen(!open)}
      data-testid="device-id"
    >
      <code>{id}</code>
    </button>
  );
}
