/** Bluetooth SIG company ids an operator meets at a venue (the rest show as hex). */
const companies: Readonly<Record<number, string>> = {
  0x0001: 'Govee (Nokia’s id)',
  0x0006: 'Microsoft',
  0x004c: 'Apple',
  0x0075: 'Samsung',
  0x00e0: 'Google',
  0x8801: 'Govee (old H5179)',
  0xec88: 'Govee',
};

/** `0xEC88 Govee`, `0x1C4B` — the id as the spec writes it, with a name when it is a well-known one. */
export function companyText(id: number | null): string {
  if (id === null) return '—';
  const hex = `0x${id.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = companies[id];
  return name ? `${hex} ${name}` : hex;
}

