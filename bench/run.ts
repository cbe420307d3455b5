// Runs every bench/*.bench.ts and prints one JSON object. Asserts nothing: figures are for people.
//   npm run bench                  all of them
//   npm run bench -- dmx ble       only the modules whose file name contains one of these words
// Each module's default export is an async function returning its figures. The result is also written
// to test-results/bench-<time>.json, and the previous run's figures are printed beside it.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareFigures, previousRunOf } from './compare.ts';

const dir = new URL('.', import.meta.url).pathname;
const filters = process.argv.slice(2);
const modules = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

const outDir = 'test-results';
mkdirSync(outDir, { recursive: true });
const earlierRuns = readdirSync(outDir)
  .filter((f) => /^bench-.*\.json$/.test(f))
  .sort()
  .flatMap((file) => {
    try {
      return [{ file, figures: JSON.parse(readFileSync(join(outDir, file), 'utf8')) as Record<string, unknown> }];
    } catch {
      return []; // a run cut short leaves half a file; it just has nothing to compare
    }
  });

const result: Record<string, unknown> = { machine: { node: process.versions.node, platform: `${process.platform}-${process.arch}`, at: new Date().toISOString() } };
for (const file of modules) {
  const name = file.replace(/\.bench\.ts$/, '');
  const started = performance.now();
  try {
    const mod = (await import(join(dir, file))) as { default: () => Promise<Record<string, unknown>> };
    result[name] = await mod.default();
  } catch (error) {
    result[name] = { error: (error as Error).message };
  }
  console.error(`bench ${name}: ${Math.round(performance.now() - started)} ms`);
}
writeFileSync(join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(result, null, 2));
// Beside each module: the newest earlier run that measured it, and every figure both runs have (now, before, ratio).
const previous: Record<string, unknown> = {};
for (const name of Object.keys(result)) {
  if (name === 'machine') continue;
  const before = previousRunOf(name, earlierRuns);
  if (before) previous[name] = { file: before.file, at: before.at, changes: compareFigures(result[name], before.figures) };
}
console.log(JSON.stringify({ ...result, previous }, null, 2));
process.exit(0);
