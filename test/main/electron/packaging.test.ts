// electron-builder.yml checked against electron-builder's own JSON schema (packaging itself needs the
// Electron download, which is blocked here), plus the settings this app depends on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Resolved through app-builder-lib so we validate with exactly the schema the installed builder uses.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const yaml: { load(text: string): unknown } = builderRequire('js-yaml');
type Validate = ((data: unknown) => boolean) & { errors?: { dataPath?: string; instancePath?: string; message?: string }[] | null };
const AjvCtor: new (options: object) => { compile(schema: object): Validate } = builderRequire('ajv');
const schema: object = builderRequire('./scheme.json');

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  icon: string;
  linux: { target: string[]; category: string; maintainer: string };
  mac: { target: string; category: string };
  win: { target: string };
  electronFuses: Record<string, boolean>;
}

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('is valid for the installed electron-builder', () => {
    const validate = new AjvCtor({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('names the app and ships only the build', () => {
    expect(config.appId).toBe('uk.showsite.console');
    expect(config.productName).toBe('Showsite Console');
    expect(config.directories.output).toBe('release');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.files.some((f) => /^(main|preload|renderer|native|test)\//.test(f))).toBe(false);
  });

  it('keeps native addons loadable and does not rebuild N-API modules', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
  });

  it('targets AppImage+deb, dmg and nsis with the required metadata', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('AudioVideo');
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
    expect(config.mac).toMatchObject({ target: 'dmg', category: 'public.app-category.utilities' });
    expect(config.win.target).toBe('nsis');
  });

  it('fuses off Node escape hatches in packaged builds', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });

  it('has a 1024×1024 RGBA icon', () => {
    const png = readFileSync(path.resolve(config.icon));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    expect(png[25]).toBe(6); // colour type 6 = RGBA: transparent corners
  });
});
