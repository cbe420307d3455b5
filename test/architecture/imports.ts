import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import type { Part } from './map.ts';

export interface BoundaryMap {
  parts: Part[];
  forbiddenEdges: [string, string, string][];
  forbiddenModules: [string, RegExp, string][];
  forbiddenParts: [string, string][];
}

/** TypeScript sources under dir (relative to root, with forward slashes). */
export function sources(root: string, dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, dir));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return sources(root, path);
    return /\.(ts|tsx|mts|cts)$/.test(name) ? [path] : [];
  });
}

/** Module specifiers a file imports or requires (static, dynamic, re-export, side-effect). */
export function imports(text: string): string[] {
  const found = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)];
  return found.map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
}

export const partOf = (map: BoundaryMap, path: string): string | undefined => map.parts.find((p) => p.pattern.test(path))?.name;

/** Every import in the tree that the map forbids, as "file imports spec: why". */
export function violations(root: string, map: BoundaryMap, dirs: string[]): string[] {
  const found: string[] = [];
  for (const file of dirs.flatMap((d) => sources(root, d))) {
    const from = partOf(map, file);
    if (!from) continue;
    for (const [part, why] of map.forbiddenParts) if (part === from) found.push(`${file} is in no room: ${why}`);
    for (const spec of imports(readFileSync(join(root, file), 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = relative(root, normalize(join(root, dirname(file), spec))).split(sep).join('/');
        const to = partOf(map, target);
        const edge = map.forbiddenEdges.find(([f, t]) => f === from && t === to);
        if (edge) found.push(`${file} imports ${spec} (${from} → ${to}): ${edge[2]}`);
      } else {
        const rule = map.forbiddenModules.find(([p, test]) => p === from && test.test(spec));
        if (rule) found.push(`${file} imports ${spec}: ${rule[2]}`);
      }
    }
  }
  return found;
}
