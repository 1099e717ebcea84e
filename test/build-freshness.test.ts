import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleBuildFiles } from './build-freshness.js';

describe('the build the process tests run', () => {
  const folders: string[] = [];
  afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  function project(sourceAgeSeconds: number, compiledAgeSeconds: number | undefined) {
    const root = mkdtempSync(join(tmpdir(), 'flowhooks-build-'));
    folders.push(root);
    mkdirSync(join(root, 'src', 'methods'), { recursive: true });
    mkdirSync(join(root, 'dist', 'src', 'methods'), { recursive: true });
    const source = join(root, 'src', 'methods', 'rules.ts');
    writeFileSync(source, 'export const x = 1;');
    writeFileSync(join(root, 'src', 'methods', 'rules.test.ts'), 'test file, never compiled for the server');
    const now = Date.now() / 1000;
    utimesSync(source, now - sourceAgeSeconds, now - sourceAgeSeconds);
    if (compiledAgeSeconds !== undefined) {
      const compiled = join(root, 'dist', 'src', 'methods', 'rules.js');
      writeFileSync(compiled, 'export const x = 1;');
      utimesSync(compiled, now - compiledAgeSeconds, now - compiledAgeSeconds);
    }
    return { root, source };
  }

  it('is refused when a source file changed after it was compiled', () => {
    const { root, source } = project(10, 60);
    expect(staleBuildFiles(root)).toEqual([source]);
  });

  it('is refused when a source file was never compiled', () => {
    const { root, source } = project(10, undefined);
    expect(staleBuildFiles(root)).toEqual([source]);
  });

  it('is accepted when every source file was compiled after its last change', () => {
    const { root } = project(60, 10);
    expect(staleBuildFiles(root)).toEqual([]);
  });

  it('is fresh in this checkout, since npm test builds first', () => {
    expect(staleBuildFiles()).toEqual([]);
  });
});
