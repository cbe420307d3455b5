/**
 * The rooms of the code and the doors between them, as data: the rules of DESIGN.md "Layout" and
 * "Process model" in one place. boundaries.test.ts checks the tree against this map, so adding a rule
 * is one line here. A file belongs to the first part whose pattern matches its path.
 */
export interface Part {
  name: string;
  pattern: RegExp;
}

export const parts: Part[] = [
  { name: 'contract', pattern: /^preload\/contract\// },
  { name: 'bridge', pattern: /^preload\// },
  { name: 'renderer', pattern: /^renderer\// },
  { name: 'native', pattern: /^native\// },
  { name: 'electron', pattern: /^main\/electron\// },
  { name: 'core', pattern: /^main\/core\// },
  { name: 'cli', pattern: /^main\/cli\// },
  { name: 'api', pattern: /^main\/api\// },
  { name: 'runtime', pattern: /^main\/runtime\// },
  { name: 'store', pattern: /^main\/store\// },
  // Every other folder under main/ is a capability (devices, telemetry, settings, demo, dmx, schedule…).
  { name: 'capability', pattern: /^main\/[^/]+\// },
  // A file loose at main/'s root belongs to no room.
  { name: 'loose', pattern: /^main\/[^/]+$/ },
];

/** [from, to, why]: files of `from` must not import files of `to`. */
export const forbiddenEdges: [string, string, string][] = [
  ['contract', 'bridge', 'the contract depends on nothing but zod'],
  ['contract', 'renderer', 'the contract depends on nothing but zod'],
  ['contract', 'native', 'the contract depends on nothing but zod'],
  ...(['electron', 'core', 'cli', 'api', 'runtime', 'store', 'capability'] as const).map((to): [string, string, string] => ['contract', to, 'the contract depends on nothing but zod']),
  ...(['electron', 'core', 'cli', 'api', 'runtime', 'store', 'capability', 'native', 'bridge'] as const).map((to): [string, string, string] => ['renderer', to, 'the renderer talks to the core only through the contract']),
  ...(['electron', 'core', 'cli', 'api', 'runtime', 'store', 'capability', 'renderer', 'bridge'] as const).map((to): [string, string, string] => ['native', to, 'adapters and codecs sit below the core: they hand it sightings and samples (native/ingest.ts)']),
  ...(['electron', 'core', 'cli', 'api', 'runtime', 'store', 'capability', 'native', 'renderer'] as const).map((to): [string, string, string] => ['bridge', to, 'the preload is sandboxed: it carries the contract, nothing else']),
  ['capability', 'api', 'a capability never imports the transport layer (publish on the hub in main/runtime/)'],
  ['capability', 'core', 'a capability never imports the composition root'],
  ['capability', 'cli', 'a capability never imports a command'],
  ['capability', 'electron', 'only the shell imports the shell'],
  ['runtime', 'capability', 'the runtime is what capabilities lean on, not the other way round'],
  ['runtime', 'api', 'the runtime is below the transport layer'],
  ['runtime', 'core', 'the runtime is below the composition root'],
  ['runtime', 'cli', 'the runtime is below the commands'],
  ['runtime', 'electron', 'only the shell imports the shell'],
  ['store', 'capability', 'the store knows tables, not capabilities'],
  ['store', 'runtime', 'the store knows tables, not capabilities'],
  ['store', 'api', 'the store knows tables, not transports'],
  ['store', 'core', 'the store is below the composition root'],
  ['store', 'electron', 'only the shell imports the shell'],
  ['api', 'core', 'the transport layer is wired by the composition root, not the reverse'],
  ['api', 'cli', 'the transport layer never imports a command'],
  ['api', 'electron', 'only the shell imports the shell'],
  ['core', 'cli', 'the composition root is used by the commands, not the reverse'],
  ['core', 'electron', 'the core runs under plain Node; the shell wraps it'],
  ['cli', 'electron', 'serve runs under plain Node'],
];

/** [part, module test, why]: bare module imports a part must not make. */
export const forbiddenModules: [string, RegExp, string][] = [
  ...(['contract', 'renderer', 'native', 'core', 'cli', 'api', 'runtime', 'store', 'capability'] as const).map((p): [string, RegExp, string] => [p, /^electron(\/|$)/, 'only main/electron/ and the preload import electron: the core must run under plain Node']),
  ['contract', /^(?!zod$)/, 'the contract depends on nothing but zod'],
  ['renderer', /^node:/, 'the renderer runs in a browser sandbox'],
  ['native', /^(better-sqlite3|ws)$/, 'adapters never open the store or serve the API'],
];

/** Parts no file may belong to. */
export const forbiddenParts: [string, string][] = [['loose', 'every file under main/ lives in a room (a folder); see DESIGN.md "Layout"']];
