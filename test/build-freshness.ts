import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'web' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The folders `npm run build` compiles for running: the server, the harness, the bench and the scripts. */
const compiledFolders = ['src', 'harness', 'bench', 'scripts'];

/**
 * Source files under the compiled folders whose compiled file in `dist/` is missing or older
 * than the source. A process test on such a build would test yesterday's code
 * and pass or fail for the wrong reason.
 */
export function staleBuildFiles(projectRoot = root): string[] {
  return compiledFolders.flatMap((folder) => (existsSync(join(projectRoot, folder)) ? sourceFiles(join(projectRoot, folder)) : [])).filter((source) => {
    const compiled = join(projectRoot, 'dist', relative(projectRoot, source)).replace(/\.ts$/, '.js');
    return !existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs;
  });
}

let checked = false;

/** Throws, naming the files, when `dist/` is older than `src/` (npm test builds first; run `npm run build`). */
export function assertBuildIsFresh(): void {
  if (checked) return;
  const stale = staleBuildFiles();
  if (stale.length > 0) {
    const shown = stale.slice(0, 5).map((file) => relative(root, file)).join(', ');
    throw new Error(`dist/ is older than the sources (${stale.length} files, e.g. ${shown}): run npm run build before the process tests`);
  }
  checked = true;
}
