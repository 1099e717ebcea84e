import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsDocumentation } from '../src/config.js';
import { errorCodes } from '../src/protocol/errors.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every error code with its HTTP status', () => {
    for (const [code, { status }] of Object.entries(errorCodes)) {
      expect(readme).toContain(`| \`${code}\` | ${status} |`);
    }
  });

  it('lists every setting', () => {
    for (const setting of settingsDocumentation) expect(readme).toContain(`| \`${setting.name}\` |`);
  });

  it('has a quick start of exactly two command lines', () => {
    const quickStart = /## Quick start\s+```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(quickStart.trim().split('\n')).toEqual(['npm install && npm start', 'npm install && npm test']);
  });
});
