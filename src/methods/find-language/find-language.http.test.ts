import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../../test/support.js';
import { adminToken } from '../../../test/secrets.js';
import { groupWriteCounts } from '../../kernel/group-write.js';
import { findPreference } from '../../storage/preferences.js';

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
      '$flow.key.cliLanguageSource': 'circle',
      '$flow.key.cliOperatorSource': 'allotment',
    });
  });

  it('returns the language as the flow spelt it', async () => {
    expect(outputsOf(await find('919849012345'))['$flow.key.cliBasedLanguage']).toBe('TELGU');
  });

  it("falls back to the secondary language, then the account's default, then the first entry, and says which", async () => {
    const answer = async (languageSupported: string) => {
      const outputs = outputsOf(await find('9849012345', languageSupported));
      return [outputs['$flow.key.cliBasedLanguage'], outputs['$flow.key.cliLanguageSource']];
    };
    expect(await answer('ENGLISH,HINDI')).toEqual(['HINDI', 'circle']);
    expect(await answer('TAMIL,English')).toEqual(['TAMIL', 'first']);
    await t.api('PATCH', '/api/accounts/1', { defaultLanguage: 'english' });
    expect(await answer('TAMIL,English')).toEqual(['English', 'default']);
    await t.api('PATCH', '/api/accounts/1', { defaultLanguage: 'HINDI' });
  });

  it('answers an unusable number with the account default as the flow spelt it, else the first entry, else the default as stored', async () => {
    const languageFor = async (languageSupported: string) => {
      const response = await find('12', languageSupported);
      expect(response.statusCode).toBe(422);
      expect(outputsOf(response)['$flow.key.errorCode']).toBe('INVALID_PARAMETER');
      return outputsOf(response)['$flow.key.cliBasedLanguage'];
    };
    expect(await languageFor('Tamil,Hindi')).toBe('Hindi');
    expect(await languageFor('english,hi')).toBe('hi');
    expect(await languageFor('Tamil,Kannada')).toBe('Tamil');
    // languageSupported is unusable too: nothing the flow wrote to match, so the account's default as stored.
    expect(await languageFor(' , ')).toBe('HINDI');
  });

  const update = (contact: string, name: string, value: string | null) =>
    t.webhook('updateUserPreferences', [{ name: '$user.syskey.contactNumber', value: contact }, { name: `$user.key.${name}`, value }]);

  it('answers with the language the caller chose and stored, whatever form the number comes in', async () => {
    expect(outputsOf(await update('+91 98200 12377', 'language', 'tamil'))['$flow.key.userPrefsUpdationSuccess']).toBe('SUCCESS');
    for (const cli of ['9820012377', '+919820012377', '09820012377', '91 98200-12377', '+91 (0) 98200 12377', '0091 0 98200 12377', '091 98200 12377', '(+91) 98200 12377', '( +91 ) 98200 12377', '+0 98200 12377', '0091 - (0) - 98200 - 12377']) {
      const outputs = outputsOf(await find(cli));
      expect(outputs).toMatchObject({ '$flow.key.cliBasedLanguage': 'TAMIL', '$flow.key.cliLanguageSource': 'preference', '$flow.key.cliCircle': 'MUMBAI' });
    }
    // Another caller of the same series still gets the circle's language.
    expect(outputsOf(await find('9820012378'))).toMatchObject({ '$flow.key.cliBasedLanguage': 'MARATHI', '$flow.key.cliLanguageSource': 'circle' });
  });

  it("finds the caller's stored choice when the number comes with an extension, padded with separators, or was stored with one", async () => {
    for (const [stored, line] of [['+91 22 2222 1234', '022 2222 1234'], ['98200 12391', '+91 98200 12391'], ['040 2345 6789 ext. 12', '+91 40 2345 6789']] as const) {
      expect(outputsOf(await update(stored, 'language', 'tamil'))['$flow.key.userPrefsUpdationSuccess'], stored).toBe('SUCCESS');
      const forms = [`${line} ext. 56`, `${line} x56`, `${line}#56`, `${line} x 56`, `${line} extn 5678`, `tel:${line.replace(/ /g, '-')};ext=56`, `${line.slice(0, 3)} - - - - - - - - - - - ${line.slice(3)}`, line];
      for (const cli of forms) {
        expect(outputsOf(await find(cli, 'HINDI,MARATHI,TELGU,TAMIL')), cli).toMatchObject({ '$flow.key.cliBasedLanguage': 'TAMIL', '$flow.key.cliLanguageSource': 'preference' });
      }
    }
  });

  it('passes over a stored language the IVR does not offer, and says which rule answered instead', async () => {
    await update('9820012388', 'language', 'KLINGON');
    expect(outputsOf(await find('9820012388'))).toMatchObject({ '$flow.key.cliBasedLanguage': 'MARATHI', '$flow.key.cliLanguageSource': 'circle' });
    await update('9820012388', 'language', 'Odia');
    const response = await find('9820012388', 'HINDI,ORIYA');
    expect(response.statusCode).toBe(200);
    expect(outputsOf(response)).toMatchObject({ '$flow.key.cliBasedLanguage': 'ORIYA', '$flow.key.cliLanguageSource': 'preference' });
    expect(outputsOf(await find('9820012388', 'TAMIL,KANNADA'))).toMatchObject({ '$flow.key.cliBasedLanguage': 'TAMIL', '$flow.key.cliLanguageSource': 'first' });
  });

  it("reads the preference the account's languagePreferenceKey names, and refuses a key that is not a preference name", async () => {
    await update('9820012399', 'language', 'HINDI');
    await update('9820012399', 'ivr_lang', 'TELUGU');
    expect(outputsOf(await find('9820012399'))['$flow.key.cliBasedLanguage']).toBe('HINDI');
    for (const bad of ['ivr lang', '', 'x'.repeat(65), 'lang-choice']) {
      const refused = await t.api('PATCH', '/api/accounts/1', { languagePreferenceKey: bad });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.message).toContain('languagePreferenceKey');
    }
    expect((await t.api('GET', '/api/accounts/1')).json().languagePreferenceKey).toBe('language');
    expect((await t.api('PATCH', '/api/accounts/1', { languagePreferenceKey: 'ivr_lang' })).json().languagePreferenceKey).toBe('ivr_lang');
    expect(outputsOf(await find('9820012399'))).toMatchObject({ '$flow.key.cliBasedLanguage': 'TELGU', '$flow.key.cliLanguageSource': 'preference' });
    await t.api('PATCH', '/api/accounts/1', { languagePreferenceKey: 'language' });
  });

  it("keeps each account's stored choices apart", async () => {
    await t.api('POST', '/api/accounts', { id: 5, name: 'Other' });
    const otherToken = (await t.api('POST', '/api/accounts/5/tokens')).json().token as string;
    await update('9820012366', 'language', 'TAMIL');
    const other = await t.webhook('findLanguage', [key('languageSupported', 'HINDI,MARATHI,TAMIL'), key('cli', '9820012366')], { token: otherToken });
    expect(outputsOf(other)).toMatchObject({ '$flow.key.cliBasedLanguage': 'MARATHI', '$flow.key.cliLanguageSource': 'circle' });
  });

  it("reads the stored choices of calls made at once, each its own account's and key's, in one statement on PostgreSQL", async () => {
    await t.api('POST', '/api/accounts', { id: 6, name: 'Sixth' });
    const sixthToken = (await t.api('POST', '/api/accounts/6/tokens')).json().token as string;
    await update('9820012355', 'language', 'TAMIL');
    await update('9820012355', 'ivr_lang', 'HINDI');
    await t.webhook('updateUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9820012355' }, { name: '$user.key.language', value: 'MARATHI' }], { token: sixthToken });
    const reads = () => groupWriteCounts(t.database.db).get('preference_value_read')?.writes ?? 0;
    const before = reads();
    const lookups: Array<[number, string, string]> = [
      [1, '+919820012355', 'language'],
      [6, '+919820012355', 'language'],
      [1, '+919820012355', 'ivr_lang'],
      [6, '+919820012355', 'ivr_lang'],
      [1, '+919820012356', 'language'],
    ];
    const found = await Promise.all(lookups.map(([accountId, contactId, name]) => findPreference(t.database.db, accountId, contactId, name)));
    expect(reads() - before).toBe(target.name === 'postgres' ? 1 : 0);
    expect(found).toEqual(['TAMIL', 'MARATHI', 'HINDI', undefined, undefined]);

    // Through the webhook, at once: each caller answered from its own account's choice, or from the circle.
    const answers = await Promise.all([
      find('9820012355', 'HINDI,MARATHI,TAMIL'),
      t.webhook('findLanguage', [key('languageSupported', 'HINDI,MARATHI,TAMIL'), key('cli', '9820012355')], { token: sixthToken }),
      find('9820012356', 'HINDI,MARATHI,TAMIL'),
      find('9849012345', 'HINDI,TELGU'),
    ]);
    expect(answers.map((answer) => [outputsOf(answer)['$flow.key.cliBasedLanguage'], outputsOf(answer)['$flow.key.cliLanguageSource']])).toEqual([
      ['TAMIL', 'preference'],
      ['MARATHI', 'preference'],
      ['MARATHI', 'circle'],
      ['TELGU', 'circle'],
    ]);
  });

  it('answers UNKNOWN for a series nobody has, with the fallback language', async () => {
    expect(outputsOf(await find('6100012345', 'TAMIL,HINDI'))).toEqual({
      '$flow.key.cliOperator': 'UNKNOWN',
      '$flow.key.cliCircle': 'UNKNOWN',
      '$flow.key.cliBasedLanguage': 'HINDI',
      '$flow.key.cliCircleConfidence': 'none',
      '$flow.key.cliLanguageSource': 'default',
      '$flow.key.cliOperatorSource': 'none',
    });
  });

  it('reads a number typed in an Indic script\'s digits, and finds the choice stored for it in ASCII', async () => {
    expect(outputsOf(await find('९८२०० १२३४५'))).toMatchObject({ '$flow.key.cliOperator': 'VODAFONE', '$flow.key.cliCircle': 'MUMBAI' });
    await update('+91 98200 12377', 'language', 'tamil');
    for (const cli of ['+९१ ९८२०० १२३७७', '০৯৮২০০১২৩৭৭']) {
      expect(outputsOf(await find(cli)), cli).toMatchObject({ '$flow.key.cliBasedLanguage': 'TAMIL', '$flow.key.cliLanguageSource': 'preference' });
    }
  });

  it('keeps a foreign caller\'s stored choice whether the number comes with + or 00', async () => {
    await update('+44 7911 123456', 'language', 'english');
    for (const cli of ['+44 7911 123456', '0044 7911 123456', '+0044 7911 123456']) {
      expect(outputsOf(await find(cli)), cli).toMatchObject({ '$flow.key.cliBasedLanguage': 'ENGLISH', '$flow.key.cliLanguageSource': 'preference', '$flow.key.cliCircle': 'UNKNOWN' });
    }
  });

  it("reads numbers without a country code by the account's country, and finds an Indian caller's stored choice in any form there", async () => {
    const created = await t.api('POST', '/api/accounts', { name: 'UK desk', country: 'GB', defaultLanguage: 'ENGLISH' });
    expect(created.statusCode).toBe(201);
    const accountId = created.json().id as number;
    const uk = (cli: string) =>
      t.webhook('findLanguage', [key('languageSupported', 'ENGLISH,HINDI,MARATHI,TAMIL'), key('cli', cli), { name: '$flow.key.accountID', value: String(accountId) }], { token: adminToken });
    // A London line and a UK mobile are foreign to India's plan: nothing UNKNOWN is read as Pune or Bihar.
    for (const cli of ['020 7946 0958', '07911 123456']) {
      expect(outputsOf(await uk(cli)), cli).toMatchObject({ '$flow.key.cliCircle': 'UNKNOWN', '$flow.key.cliBasedLanguage': 'ENGLISH', '$flow.key.cliLanguageSource': 'default' });
    }
    const stored = await t.webhook('updateUserPreferences', [{ name: '$user.syskey.contactNumber', value: '+91 98200 12399' }, { name: '$user.key.language', value: 'tamil' }, { name: '$user.syskey.accountID', value: String(accountId) }], { token: adminToken });
    expect(stored.statusCode).toBe(200);
    for (const cli of ['+91 98200 12399', '0091 98200 12399', '( +91 ) 98200 12399']) {
      expect(outputsOf(await uk(cli)), cli).toMatchObject({ '$flow.key.cliCircle': 'MUMBAI', '$flow.key.cliBasedLanguage': 'TAMIL', '$flow.key.cliLanguageSource': 'preference' });
    }
  });

  it('places a line libphonenumber cannot tell from a mobile number by its STD code when no mobile series places it', async () => {
    expect(outputsOf(await find('0721 266 2345', 'HINDI,MARATHI'))).toMatchObject({
      '$flow.key.cliCircle': 'MAHARASHTRA', '$flow.key.cliBasedLanguage': 'MARATHI', '$flow.key.cliLanguageSource': 'state', '$flow.key.cliCircleConfidence': 'high',
    });
  });

  it('reads a list of languages separated otherwise than by commas', async () => {
    expect(outputsOf(await find('9820012345', 'HINDI;MARATHI;ENGLISH'))['$flow.key.cliBasedLanguage']).toBe('MARATHI');
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

  it('answers an unusable accountID with the token account\'s language, so the flow still has one to speak', async () => {
    const response = await find('9820012345', 'Tamil,Hindi', [key('accountID', '12ab')]);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.parameters).toEqual(['$flow.key.accountID']);
    expect(outputsOf(response)).toMatchObject({ '$flow.key.cliBasedLanguage': 'Hindi', '$flow.key.cliCircle': 'UNKNOWN' });
  });

  it('answers an accountID that names no account, with the admin token, in the fallback account\'s language', async () => {
    const keys = [key('cli', '9820012345'), key('languageSupported', 'Tamil,Hindi'), key('accountID', '999')];
    const response = await t.webhook('findLanguage', keys, { token: adminToken });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', parameters: ['$flow.key.accountID'] });
    expect(outputsOf(response)).toMatchObject({ '$flow.key.cliBasedLanguage': 'Hindi', '$flow.key.cliCircle': 'UNKNOWN' });
  });

  it('reads the number a tel: or sip: URI carries, and finds the preference stored under the plain number', async () => {
    await t.webhook('updateUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9820012346' }, { name: '$user.key.language', value: 'TAMIL' }]);
    for (const cli of ['tel:+91-98200-12346', 'sip:+919820012346@127.0.0.1;user=phone', '"Asha" <sip:09820012346@127.0.0.1>']) {
      expect(outputsOf(await find(cli)), cli).toMatchObject({ '$flow.key.cliCircle': 'MUMBAI', '$flow.key.cliBasedLanguage': 'TAMIL', '$flow.key.cliLanguageSource': 'preference' });
    }
  });

  it('names a withheld caller ID as such, and answers a toll-free number as one that places no caller', async () => {
    const withheld = await find('Private Number');
    expect(withheld.statusCode).toBe(422);
    expect(withheld.json().error.message).toContain('withheld caller ID');
    const tollFree = await find('1800 419 0001');
    expect(tollFree.statusCode).toBe(200);
    expect(outputsOf(tollFree)).toMatchObject({ '$flow.key.cliCircle': 'UNKNOWN', '$flow.key.cliCircleConfidence': 'none', '$flow.key.cliLanguageSource': 'default' });
  });

  it('answers a toll-free or shared-cost number written with +91, 91, 0, 0091 or in a URI like the bare one, never as a Punjab line or a wrong length', async () => {
    const bare = outputsOf(await find('1860 123 4567', 'PUNJABI,HINDI,TAMIL'));
    expect(bare).toMatchObject({ '$flow.key.cliCircle': 'UNKNOWN', '$flow.key.cliBasedLanguage': 'HINDI', '$flow.key.cliLanguageSource': 'default' });
    for (const cli of ['+91 1860 123 456', '01860 123 456', '911860123456', '0091 1860 123 456', 'tel:+911860123456', '+91 1860 123 4567', '01800 222 3333', '+91 1800 222 3333', '091 1800 222 3333', 'sip:+9118002223333@127.0.0.1']) {
      const response = await find(cli, 'PUNJABI,HINDI,TAMIL');
      expect(response.statusCode, cli).toBe(200);
      expect(outputsOf(response), cli).toEqual(bare);
    }
  });

  it("names a carrier's number for a withheld caller, or a country code and zeros, as such: never a stored choice shared by every withheld caller", async () => {
    for (const cli of ['+266696687', '+7378742833', '002562533', 'tel:+8656696', 'sip:+86282452253@127.0.0.1;user=phone', '+910000000000', '+91 00000 00000', '910000000000', '+1 000 000 0000']) {
      const response = await find(cli);
      expect(response.statusCode, cli).toBe(422);
      expect(response.json().error.parameters, cli).toEqual(['$flow.key.cli']);
      expect(response.json().error.message, cli).toMatch(/withheld caller|zeros alone/);
      expect(outputsOf(response), cli).toMatchObject({ '$flow.key.cliBasedLanguage': 'HINDI', '$flow.key.cliCircle': 'UNKNOWN' });
    }
  });

  it("reads a number an IVR ends with # or a spreadsheet starts with an apostrophe as the number it decorates, stored choice included", async () => {
    await update("'+91 98200 12388", 'ivr_lang', 'x');
    await update('98200 12389#', 'language', 'tamil');
    for (const cli of ['9820012389#', "'+919820012389", "'09820012389#", '+91 98200 12389 #']) {
      expect(outputsOf(await find(cli)), cli).toMatchObject({ '$flow.key.cliCircle': 'MUMBAI', '$flow.key.cliBasedLanguage': 'TAMIL', '$flow.key.cliLanguageSource': 'preference' });
    }
    expect((await t.database.db.selectFrom('user_preferences').select('contact_id').where('name', '=', 'ivr_lang').where('value', '=', 'x').execute()).map((row) => row.contact_id)).toEqual(['+919820012388']);
  });

  it('says what is wrong: a withheld SIP caller is one, a foreign number that lost its + gets a hint, a Tel: label is read past', async () => {
    for (const cli of ['sip:anonymous@anonymous.invalid', '"Anonymous" <sip:anonymous@anonymous.invalid>', 'anonymous@anonymous.invalid']) {
      const response = await find(cli);
      expect(response.statusCode, cli).toBe(422);
      expect(response.json().error.message, cli).toMatch(/withheld caller|\.invalid domain/);
    }
    const lostPlus = await find('447911123456');
    expect(lostPlus.statusCode).toBe(422);
    expect(lostPlus.json().error.message).toContain('reads as a +44 number written without its +');
    expect(lostPlus.json().error.message).not.toContain('7911123456');
    expect(outputsOf(await find('Tel: +91 98200 12345'))).toMatchObject({ '$flow.key.cliCircle': 'MUMBAI', '$flow.key.cliOperator': 'VODAFONE' });
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
