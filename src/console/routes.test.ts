import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';
import { consoleRoutes } from './routes.js';

// The built console (npm test builds first) served by the whole app.
describe('the console at /console', () => {
  let test: TestApp;
  beforeAll(async () => {
    const [sqlite] = await databaseTargets();
    test = await createTestApp(sqlite!);
  });
  afterAll(() => test.close());

  const get = (url: string) => test.app.inject({ method: 'GET', url });

  it('answers the page for /console and every deep link under it, revalidated each time', async () => {
    for (const url of ['/console', '/console/', '/console/holidays', '/console/reports/anything/deeper']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<div id="app"></div>');
    }
  });

  it('loads only its own hashed files: no CDN, no inline script or style', async () => {
    const page = (await get('/console')).body;
    const sources = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(2);
    for (const source of sources) expect(source).toMatch(/^\/console\/assets\/[\w-]+-[\w-]{8}\.(js|css)$/);
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/<style|\sstyle=/);
  });

  it('serves the hashed assets with a year-long immutable cache, and 404 for an unknown one', async () => {
    const page = (await get('/console')).body;
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    const response = await get(script!);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/console/assets/missing-0000000.js')).statusCode).toBe(404);
  });

  it('answers a path escaping the assets folder with 404, a Range past the end with 416 and ignores one that is no byte range, never 500 or an error log', async () => {
    // Over a socket: inject() would resolve the dot segments before the server saw them.
    const base = new URL(await test.app.listen({ host: '127.0.0.1', port: 0 }));
    const raw = (path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest({ host: base.hostname, port: base.port, path, headers }, (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on('error', reject);
        request.end();
      });
    for (const path of ['/console/assets/../../package.json', '/console/assets/%2e%2e/%2e%2e/package.json', '/docs/static/../../package.json', '/console/assets/..\\..\\package.json']) {
      const answer = await raw(path);
      expect(answer.status, path).toBe(404);
      expect(JSON.parse(answer.body).error.code, path).toBe('NOT_FOUND');
      expect(answer.body).not.toContain('"name"');
    }
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec((await get('/console')).body)?.[1];
    const unsatisfiable = await raw(script!, { range: 'bytes=99999999-' });
    expect(unsatisfiable.status).toBe(416);
    expect(JSON.parse(unsatisfiable.body).error.code).toBe('RANGE_NOT_SATISFIABLE');
    // A Range that is no byte range at all is ignored: the whole file, as without one.
    const whole = await raw(script!);
    for (const range of ['bytes=abc', 'bytes=-', 'bytes=1-2-3', 'lines=1-2']) {
      const ignored = await raw(script!, { range });
      expect(ignored.status, range).toBe(200);
      expect(ignored.body, range).toBe(whole.body);
    }
    expect((await raw('/console', { range: 'bytes=abc' })).status).toBe(200);
    const partial = await raw(script!, { range: 'bytes=0-9' });
    expect(partial.status).toBe(206);
    expect(partial.body).toBe(whole.body.slice(0, 10));
    expect(test.logs.filter((line) => line.includes('internal error'))).toEqual([]);
  });

  it('leaves the webhook and API routes as they were', async () => {
    expect((await test.api('GET', '/api/accounts')).statusCode).toBe(200);
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
  });
});

describe('the console without a build', () => {
  it('answers 503 saying to run npm run build', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'flowhooks-console-'));
    const app = Fastify();
    try {
      await consoleRoutes(app, { root: empty });
      for (const url of ['/console', '/console/accounts']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode).toBe(503);
        expect(response.json()).toEqual({ error: { code: 'NOT_READY', message: 'The web console is not built: run `npm run build`, then restart the server.' } });
      }
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
