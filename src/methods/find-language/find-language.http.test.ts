import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../../test/support.js';

const key = (name: string, value: unknown) => ({ name: `$flow.key.${name}`, value });

describe.each(await databaseTargets())('findLanguage on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(() => t.close());

  const find = (cli: unknown, languageSupported: unknown = 'HINDI,ENGLISH,MARATHI,TELGU,TAMIL', extra: Array<{ name: string; value: unknown }> = []) =>
    t.webhook('findLanguage', [key('languageSupported', languageSupported), key('cli', cli), ...extra]);

  it('answers operator, circle, language and confidence for a Mumbai Vodafone number', async () => {
    const response = await find('+91 98200 12345');
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('SUCCESS');
    expect(outputsOf(response)).toEqual({
      '$flow.key.cliOperator': 'VODAFONE',
      '$flow.key.cliCircle': 'MUMBAI',
      '$flow.key.cliBasedLanguage': 'MARATHI',
      '$flow.key.cliCircleConfidence': 'high',
    });
  });

  it('returns the language as the flow spelt it', async () => {
    expect(outputsOf(await find('919849012345'))['$flow.key.cliBasedLanguage']).toBe('TELGU');
  });

  it("falls back to the secondary language, then the account's default, then the first entry", async () => {
    expect(outputsOf(await find('9849012345', 'ENGLISH,HINDI'))['$flow.key.cliBasedLanguage']).toBe('HINDI');
    expect(outputsOf(await find('9849012345', 'TAMIL,English'))['$flow.key.cliBasedLanguage']).toBe('TAMIL');
    await t.api('PATCH', '/api/accounts/1', { defaultLanguage: 'english' });
    expect(outputsOf(await find('9849012345', 'TAMIL,English'))['$flow.key.cliBasedLanguage']).toBe('English');
    await t.api('PATCH', '/api/accounts/1', { defaultLanguage: 'HINDI' });
  });

  it('answers UNKNOWN for a series nobody has, with the fallback language', async () => {
    expect(outputsOf(await find('6100012345', 'TAMIL,HINDI'))).toEqual({
      '$flow.key.cliOperator': 'UNKNOWN',
      '$flow.key.cliCircle': 'UNKNOWN',
      '$flow.key.cliBasedLanguage': 'HINDI',
      '$flow.key.cliCircleConfidence': 'none',
    });
  });

  it('reads a landline by its STD code, detected or declared', async () => {
    const detected = outputsOf(await find('040 2300 1234'));
    expect(detected).toMatchObject({ '$flow.key.cliCircle': 'ANDHRA PRADESH', '$flow.key.cliBasedLanguage': 'TELGU', '$flow.key.cliOperator': 'UNKNOWN' });
    const declared = outputsOf(await find('0832 241 2345', 'HINDI,MARATHI', [key('cliSource', 'landline')]));
    expect(declared).toMatchObject({ '$flow.key.cliCircle': 'MAHARASHTRA', '$flow.key.cliBasedLanguage': 'MARATHI' });
  });

  it('switches to current brands with the account setting operatorNames=current', async () => {
    expect((await t.api('GET', '/api/accounts/1')).json().operatorNames).toBe('legacy');
    expect((await t.api('PATCH', '/api/accounts/1', { operatorNames: 'modern' })).statusCode).toBe(422);
    const patched = await t.api('PATCH', '/api/accounts/1', { operatorNames: 'current' });
    expect(patched.json().operatorNames).toBe('current');
    expect(outputsOf(await find('9820012345'))['$flow.key.cliOperator']).toBe('VI');
    await t.api('PATCH', '/api/accounts/1', { operatorNames: 'legacy' });
    expect(outputsOf(await find('9820012345'))['$flow.key.cliOperator']).toBe('VODAFONE');
  });

  it('answers 422 naming the parameter for a missing, non-numeric or impossible number', async () => {
    for (const cli of [undefined, 'caller-id', '98200', '9820012345678']) {
      const response = await t.webhook('findLanguage', [key('languageSupported', 'HINDI'), ...(cli === undefined ? [] : [key('cli', cli)])]);
      expect(response.statusCode).toBe(422);
      expect(response.json().error.parameters).toEqual(['$flow.key.cli']);
      expect(outputsOf(response)).toMatchObject({ '$flow.key.cliCircle': 'UNKNOWN', '$flow.key.cliCircleConfidence': 'none' });
    }
  });

  it('answers 422 for an empty languageSupported and an unknown cliSource', async () => {
    const empty = await find('9820012345', ' , ');
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.parameters).toEqual(['$flow.key.languageSupported']);
    const absent = await find('9820012345', '');
    expect(absent.json().error).toMatchObject({ code: 'MISSING_PARAMETER', parameters: ['$flow.key.languageSupported'] });
    const source = await find('9820012345', 'HINDI', [key('cliSource', 'satellite')]);
    expect(source.statusCode).toBe(422);
    expect(source.json().error.parameters).toEqual(['$flow.key.cliSource']);
  });

  it('never writes the number to the log', async () => {
    await find('9820098765');
    expect(t.logs.join('')).not.toContain('9820098765');
  });
});
