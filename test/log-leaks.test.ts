import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findLeaks, testSecrets } from './log-leaks.js';
import { dialerSecret, webhookToken } from './secrets.js';

const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 30, time: 1764381349000, pid: 4242, reqId: '0b9d6f7e-1234-4567-8901-234567890123', ...fields });

describe('the suite log check', () => {
  it('passes lines with masked numbers, ids and time stamps', () => {
    expect(
      findLeaks(
        [
          line({ msg: 'request completed', contact: '98XXXXXX10', durationMs: 1.25 }),
          line({ jobId: '11111111-2222-3333-4444-555555555555' }),
          line({ database: 'postgres://127.0.0.1:5432/test (schema fh_test_c51464341773)' }),
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('finds a test token, a generated token, a 64-hex secret and an unmasked phone number', () => {
    const leaks = findLeaks(
      [
        line({ msg: 'oops', authorization: `Bearer ${webhookToken}` }),
        line({ token: 'fh_abcdefghijklmnopqrstuvwxyz012345' }),
        line({ securityId: 'a'.repeat(64) }),
        line({ error: 'dialer unreachable: +919876543210' }),
        line({ url: 'http://dialer.example.com/dial?cli=9876543210' }),
      ].join('\n'),
    );
    expect(leaks.map((leak) => leak.what)).toEqual([
      `the test secret "${webhookToken}"`,
      'a generated token (fh_…)',
      'a 64-hex-digit secret (security id, dialer secret)',
      'an unmasked phone number (10+ digits in a row)',
      'an unmasked phone number (10+ digits in a row)',
    ]);
  });
});

/** Test files and their helpers: everything that can hand a secret to an app whose log the suite checks. */
function testSources(): string[] {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (folder.startsWith('test') ? path.endsWith('.ts') : path.endsWith('.test.ts')) files.push(path);
    }
  };
  walk('src');
  walk('test');
  // The registry itself, and this file's own samples of leaking lines.
  return files.filter((file) => file !== join('test', 'secrets.ts') && file !== join('test', 'log-leaks.test.ts')).map((file) => join(root, file));
}

// A literal given as a token, key or secret: `token: '…'`, `dialerSecret: '…'`, `FLOWHOOKS_ADMIN_TOKEN: '…'`,
// `const callKey = '…'`, or any whsec_ literal.
const secretLiterals = [
  /\b(?:token|custToken|botToken|secret|dialerSecret|apiKey|api_key|FLOWHOOKS_\w*(?:TOKEN|KEY|SECRET))'?\s*:\s*['`]([^'`$]+)['`]/g,
  /\b(?:const|let)\s+\w*(?:Token|Secret|Key|secret|token)\s*=\s*['`]([^'`$]+)['`]/g,
  /['`](whsec_[A-Za-z0-9+/=]+)['`]/g,
  /`whsec_\$\{Buffer\.from\('([^']+)'\)/g,
];

describe('the test secret registry (test/secrets.ts)', () => {
  it('holds every token, key and secret a test file writes, so the log check knows it', () => {
    const known = new Set(testSecrets);
    const missing: string[] = [];
    for (const file of testSources()) {
      readFileSync(file, 'utf8').split('\n').forEach((text, index) => {
        for (const pattern of secretLiterals) {
          for (const [, value] of text.matchAll(pattern)) {
            const secret = pattern.source.includes('Buffer') ? `whsec_${Buffer.from(value!).toString('base64')}` : value!;
            // A generated-looking fh_ token is caught by its shape (findLeaks), whatever its value.
            if (!known.has(secret) && !/^fh_/.test(secret)) missing.push(`${file}:${index + 1}: ${value}`);
          }
        }
      });
    }
    expect(missing, 'import these from test/secrets.ts instead of writing them out').toEqual([]);
  });

  it('lists each whsec_ secret also without its prefix, and no secret short enough to match ordinary text', () => {
    expect(testSecrets).toContain(dialerSecret);
    expect(testSecrets).toContain(dialerSecret.slice('whsec_'.length));
    expect(testSecrets.filter((secret) => secret.length < 8)).toEqual([]);
  });
});
