import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../test/support.js';
import { unknownTokens } from '../../test/secrets.js';

const unusableNumber = [
  { name: '$flow.key.cli', value: '12' },
  { name: '$flow.key.languageSupported', value: 'TAMIL,ENGLISH' },
];

describe.each(await databaseTargets())('the account setting parameterErrorStatus on $name (docs/protocol.md)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
    await t.api('PATCH', '/api/accounts/1', { defaultLanguage: 'TAMIL' });
  });
  afterAll(() => t.close());

  it('answers parameter errors with 422 by default, with the failure keys and the method\'s defaults', async () => {
    expect((await t.api('GET', '/api/accounts/1')).json().parameterErrorStatus).toBe(422);
    const response = await t.webhook('findLanguage', unusableNumber);
    expect(response.statusCode).toBe(422);
    expect(response.json().status).toBe('FAILURE');
    expect(outputsOf(response)).toMatchObject({
      '$flow.key.errorCode': 'INVALID_PARAMETER',
      '$flow.key.cliOperator': 'UNKNOWN',
      '$flow.key.cliBasedLanguage': 'TAMIL',
    });
  });

  it('with 200, answers the same body with HTTP 200 so flow builders that only parse 2xx can branch on errorCode', async () => {
    const before = await t.webhook('findLanguage', unusableNumber);
    expect((await t.api('PATCH', '/api/accounts/1', { parameterErrorStatus: 200 })).json().parameterErrorStatus).toBe(200);
    const after = await t.webhook('findLanguage', unusableNumber);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual(before.json());

    const missing = await t.webhook('validateDateAndTime', []);
    expect(missing.statusCode).toBe(200);
    expect(outputsOf(missing)['$flow.key.errorCode']).toBe('MISSING_PARAMETER');
    // Errors that are not about parameters keep their status: the call never reached the account's method.
    expect((await t.webhook('noSuchMethod', [])).statusCode).toBe(404);
    expect((await t.webhook('findLanguage', unusableNumber, { token: unknownTokens.short })).statusCode).toBe(401);
    await t.api('PATCH', '/api/accounts/1', { parameterErrorStatus: 422 });
  });

  it('refuses any other status and changes nothing', async () => {
    const refused = await t.api('PATCH', '/api/accounts/1', { parameterErrorStatus: 500 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('VALIDATION_FAILED');
    expect((await t.api('GET', '/api/accounts/1')).json().parameterErrorStatus).toBe(422);
  });
});
