import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import * as map from './map.ts';
import { imports, partOf, sources, violations } from './imports.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixture', import.meta.url));
const tree = ['main', 'native', 'preload', 'renderer'];

describe('architecture boundaries (test/architecture/map.ts, from DESIGN.md "Layout" and "Process model")', () => {
  it('the tree keeps every rule of the map', () => {
    expect(sources(root, 'main').length).toBeGreaterThan(30);
    expect(violations(root, map, tree)).toEqual([]);
  });

  it('every source file belongs to a part of the map', () => {
    const unmapped = tree.flatMap((d) => sources(root, d)).filter((f) => partOf(map, f) === undefined);
    expect(unmapped).toEqual([]);
  });

  it('the check itself finds forbidden imports (a fixture tree breaking one rule of each kind)', () => {
    expect(violations(fixture, map, tree).sort()).toEqual(
      [
        'main/loose.ts is in no room: every file under main/ lives in a room (a folder); see DESIGN.md "Layout"',
        'main/telemetry/pipeline.ts imports ../api/hub.ts (capability → api): a capability never imports the transport layer (publish on the hub in main/runtime/)',
        'native/x/adapter.ts imports ../../main/devices/registry.ts (native → capability): adapters and codecs sit below the core: they hand it sightings and samples (native/ingest.ts)',
        'preload/contract/methods.ts imports lodash: the contract depends on nothing but zod',
        'renderer/App.tsx imports node:fs: the renderer runs in a browser sandbox',
        'renderer/App.tsx imports ../main/core/app.ts (renderer → core): the renderer talks to the core only through the contract',
        'main/api/handlers.ts imports electron: only main/electron/ and the preload import electron: the core must run under plain Node',
      ].sort(),
    );
  });

  it('the import scanner sees every form of import', () => {
    const text = `import a from './a.ts';\nimport type { B } from "../b.ts";\nexport * from './c.ts';\nimport './d.ts';\nconst e = await import('./e.ts');\nconst f = require('f');`;
    expect(imports(text)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts', './e.ts', 'f']);
  });
});
