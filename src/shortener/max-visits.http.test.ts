import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortCustomerToken } from '../../test/secrets.js';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';

const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const host = 's.example.in';

// docs/short-urls.md: `maxVisits` human visits redirect; the next one answers 410.
describe.each(await databaseTargets())('a short URL visit limit at its edge on $name', (target) => {
  let t: TestApp;
  let links = 0;
  beforeAll(async () => {
    t = await createTestApp(target, { env: { FLOWHOOKS_SHORT_BASE_URL: `https://${host}` } });
    expect((await t.api('POST', '/api/accounts/1/short-customers', { name: 'Edges', custToken: shortCustomerToken })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  async function limitedLink(maxVisits: number): Promise<string> {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/short-urls',
      headers: { 'content-type': 'application/json' },
      payload: { custToken: shortCustomerToken, longUrl: `https://example.com/limited-${++links}`, maxVisits },
    });
    expect(created.statusCode).toBe(201);
    return created.json().code;
  }
  const visit = (code: string) => t.app.inject({ method: 'GET', url: `/${code}`, headers: { host, 'user-agent': browser } });
  /** What the API shows; reading it writes the visits this node holds first (docs/short-urls.md). */
  const shown = async (code: string) => {
    const { state, visits } = (await t.api('GET', `/api/short-urls/${host}/${code}`)).json();
    return { state, humans: visits.humans };
  };

  it('maxVisits 3: visits 1 and 2 (max − 1) and 3 (exactly max) redirect, visit 4 (max + 1) is 410', async () => {
    const code = await limitedLink(3);
    expect((await visit(code)).statusCode).toBe(302);
    expect((await visit(code)).statusCode).toBe(302);
    expect(await shown(code)).toEqual({ state: 'active', humans: 2 });
    const exactly = await visit(code);
    expect(exactly.statusCode).toBe(302);
    expect(exactly.headers.location).toBe(`https://example.com/limited-${links}`);
    expect(await shown(code)).toEqual({ state: 'exhausted', humans: 3 });
    expect((await visit(code)).statusCode).toBe(410);
    // The refused visit does not count.
    expect(await shown(code)).toEqual({ state: 'exhausted', humans: 3 });
  });

  it('counts visits not yet written: the limit holds without a read in between', async () => {
    const code = await limitedLink(2);
    expect([(await visit(code)).statusCode, (await visit(code)).statusCode, (await visit(code)).statusCode]).toEqual([302, 302, 410]);
  });

  it('maxVisits 1: one visit, then 410', async () => {
    const code = await limitedLink(1);
    expect((await visit(code)).statusCode).toBe(302);
    expect((await visit(code)).statusCode).toBe(410);
  });

  it('raising maxVisits by one after it is used up lets exactly one more visit through', async () => {
    const code = await limitedLink(1);
    expect((await visit(code)).statusCode).toBe(302);
    expect((await t.api('PATCH', `/api/short-urls/${host}/${code}`, { maxVisits: 2 })).statusCode).toBe(200);
    expect((await visit(code)).statusCode).toBe(302);
    expect((await visit(code)).statusCode).toBe(410);
  });
});
