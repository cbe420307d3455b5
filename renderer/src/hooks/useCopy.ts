import { useCallback, useState } from 'react';
import { copyText } from '../lib/browser.ts';

/** Copy buttons that say how it went: "Copied", or how to copy by hand when the browser refuses. */
export function useCopy() {
  const [last, setLast] = useState<{ key: string; ok: boolean } | null>(null);
  const copy = useCallback(async (key: string, text: string) => setLast({ key, ok: await copyText(text) }), []);
  const status = (key: string): string => (last?.key !== key ? '' : last.ok ? 'Copied' : 'Copy failed — select the text instead');
  return { copy, status };
}
