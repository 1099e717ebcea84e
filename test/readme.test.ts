import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { settingsDocumentation } from '../src/config.js';
import { errorCodes, methodErrorCodes, webhookStatusOf, type ErrorCode } from '../src/kernel/errors.js';
import { allMethods } from '../src/methods/registry.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const readme = read('README.md');

function markdownFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownFiles(join(folder, entry.name)) : entry.name.endsWith('.md') ? [join(folder, entry.name)] : [],
  );
}

describe('README and docs', () => {
  it('lists every error code with its HTTP status', () => {
    const page = read('docs/error-codes.md');
    for (const [code, { status }] of Object.entries(errorCodes)) {
      expect(page).toContain(`| \`${code}\` | ${status} |`);
      const answering = allMethods.filter((method) => methodErrorCodes(method.name).includes(code as ErrorCode)).map((method) => method.name);
      const onWebhook = answering.length ? `${webhookStatusOf(code as ErrorCode)}${webhookStatusOf(code as ErrorCode) === 200 ? ' `FAILURE`' : ''} (${answering.join(', ')})` : '';
      expect(page).toContain(`| \`${code}\` | ${status} | ${onWebhook} |`);
    }
  });

  it('lists every setting', () => {
    const page = read('docs/settings.md');
    for (const setting of settingsDocumentation) expect(page).toContain(`| \`${setting.name}\` |`);
  });

  it('has a quick start of exactly two command lines', () => {
    const quickStart = /## Quick start\s+```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(quickStart.trim().split('\n')).toEqual(['npm install && npm start', 'npm install && npm test']);
  });

  it('keeps the README short enough for a newcomer to read', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
  });

  it('links every docs page from the README or the methods index', () => {
    const methodsIndex = read('docs/methods/README.md');
    for (const page of markdownFiles('docs')) {
      const path = relative(root, join(root, page));
      if (path.startsWith('docs/methods/') && path !== 'docs/methods/README.md') {
        expect(methodsIndex, path).toContain(`](${path.slice('docs/methods/'.length)})`);
      } else if (path === 'docs/methods/README.md') {
        expect(readme).toContain('](docs/methods/)');
      } else {
        expect(readme, path).toContain(`](${path})`);
      }
    }
  });

  it('links only to docs pages that exist', () => {
    for (const [, target] of readme.matchAll(/\]\((docs\/[^)#]*)/g)) {
      expect(existsSync(join(root, target!)), target).toBe(true);
    }
  });
});
