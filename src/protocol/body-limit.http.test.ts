import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, webhookToken, type TestApp } from '../../test/support.js';

const [sqlite] = await databaseTargets();

/**
 * A webhook body `bytes` long in UTF-8: a fetchUserPreferences call padded with an extra key
 * of two-byte characters, so a limit counted in characters instead of bytes would show.
 */
function bodyOf(bytes: number): string {
  const shell = (padding: string) =>
    JSON.stringify({ method: 'fetchUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: '9876543210' }, { name: '$flow.key.padding', value: padding }] });
  const room = bytes - Buffer.byteLength(shell(''));
  const padding = 'é'.repeat(Math.floor(room / 2)) + 'x'.repeat(room % 2);
  const body = shell(padding);
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}

// docs/settings.md and docs/protocol.md, FLOWHOOKS_BODY_LIMIT: the largest webhook body in bytes (default 65536).
describe.each([
  ['the default', {}, 65_536],
  ['FLOWHOOKS_BODY_LIMIT=2048', { FLOWHOOKS_BODY_LIMIT: '2048' }, 2048],
] as const)('the webhook body limit, %s', (_label, env, limit) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(sqlite!, { env });
  });
  afterAll(() => t.close());

  const post = (payload: string) =>
    t.app.inject({ method: 'POST', url: '/webhook', headers: { authorization: `Bearer ${webhookToken}`, 'content-type': 'application/json' }, payload });

  it(`answers a body of exactly ${limit} bytes`, async () => {
    const response = await post(bodyOf(limit));
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('SUCCESS');
    expect(outputsOf(response)).toEqual({ '$flow.key.userPrefsFound': 'false' });
  });

  it(`refuses a body one byte over (${limit + 1}) with 413 BODY_TOO_LARGE`, async () => {
    const response = await post(bodyOf(limit + 1));
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('BODY_TOO_LARGE');
  });
});
