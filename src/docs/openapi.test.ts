import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { routeDoc } from '../kernel/route-doc.js';
import { updateUserPreferences } from '../methods/update-user-preferences/update-user-preferences.js';
import { translateText } from '../methods/translate-text/translate-text.js';
import { exampleKeys } from './openapi.js';
import { openApiCollector } from './routes.js';

describe('exampleKeys', () => {
  it('sends the given account in the account parameter, the documented examples, then the extra example keys', () => {
    expect(exampleKeys(updateUserPreferences, '{{accountId}}')).toEqual([
      { name: '$user.syskey.contactNumber', value: '918160712345' },
      { name: '$user.syskey.accountID', value: '{{accountId}}' },
      { name: '$user.key.language', value: 'HINDI' },
    ]);
  });

  it('leaves out parameters without an example (a provider key is never made up)', () => {
    expect(exampleKeys(translateText).map((key) => key.name)).not.toContain('$flow.key.apiKey');
  });
});

describe('route documentation', () => {
  type Operation = { summary?: string; tags?: string[]; security?: unknown[]; responses: Record<string, { description: string }> } & Record<string, unknown>;

  it('takes tag, summary, security and extra answers from the route alone: a route that carries none gets none, so the document test catches it', async () => {
    const app = Fastify();
    await openApiCollector(app, []);
    app.get('/undocumented', async () => ({}));
    const doc = routeDoc('Operations');
    app.get('/documented', { schema: doc('A documented route', { public: true, responses: { '503': 'NOT_READY.' } }) }, async () => ({}));
    await app.ready();
    try {
      const paths = (app.swagger() as { paths: Record<string, { get: Operation }> }).paths;
      expect(paths['/undocumented']!.get.summary).toBeUndefined();
      expect(paths['/undocumented']!.get.tags).toBeUndefined();
      const documented = paths['/documented']!.get;
      expect(documented).toMatchObject({ summary: 'A documented route', tags: ['Operations'], security: [] });
      expect(documented.responses['503']).toMatchObject({ description: 'NOT_READY.' });
      // The markers a route carries for the transform are read there, not published.
      expect(Object.keys(documented).filter((key) => key.startsWith('x-'))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
