import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../../test/support.js';
import { groupWriteCounts } from '../../kernel/group-write.js';
import { applyPreferenceChanges, listPreferences } from '../../storage/preferences.js';

const contact = (value: unknown) => ({ name: '$user.syskey.contactNumber', value });
const pref = (name: string, value: unknown) => ({ name: `$user.key.${name}`, value });

describe.each(await databaseTargets())('user preferences on $name', (target) => {
  let t: TestApp;
  let otherToken: string;
  beforeAll(async () => {
    t = await createTestApp(target);
    await t.api('POST', '/api/accounts', { id: 2, name: 'Other' });
    otherToken = (await t.api('POST', '/api/accounts/2/tokens')).json().token;
  });
  afterAll(() => t.close());

  const update = (keys: Array<{ name: string; value: unknown }>, token?: string) => t.webhook('updateUserPreferences', keys, { token });
  const fetchPrefs = (keys: Array<{ name: string; value: unknown }>, token?: string) => t.webhook('fetchUserPreferences', keys, { token });

  it('stores preferences and returns them, with userPrefsFound true', async () => {
    const updated = await update([contact('9181607XXXXX'), pref('language', 'HINDI'), pref('bestTime', 'evening')]);
    expect(updated.statusCode).toBe(200);
    expect(outputsOf(updated)).toEqual({ '$flow.key.userPrefsUpdationSuccess': 'SUCCESS' });
    const fetched = await fetchPrefs([contact('9181607XXXXX')]);
    expect(fetched.json().status).toBe('SUCCESS');
    expect(outputsOf(fetched)).toEqual({ '$user.key.bestTime': 'evening', '$user.key.language': 'HINDI', '$flow.key.userPrefsFound': 'true' });
  });

  it('answers userPrefsFound false for a contact with nothing stored', async () => {
    const fetched = await fetchPrefs([contact('9000000001')]);
    expect(fetched.statusCode).toBe(200);
    expect(outputsOf(fetched)).toEqual({ '$flow.key.userPrefsFound': 'false' });
  });

  it('treats 918160712345, +91 81607 12345 and 08160712345 as one customer', async () => {
    await update([contact('918160712345'), pref('segment', 'gold')]);
    for (const form of ['+91 81607 12345', '08160712345', '8160712345', 918160712345]) {
      expect(outputsOf(await fetchPrefs([contact(form)]))['$user.key.segment']).toBe('gold');
    }
  });

  it("reads a number with an extension after it as the caller's number: the line is the customer, not the desk", async () => {
    await update([contact('+91 22 2600 1234 ext. 56'), pref('segment', 'silver')]);
    for (const form of ['022 2600 1234', '+912226001234', '022 2600 1234 x7', 'tel:+91-22-2600-1234;ext=9', '02226001234#12']) {
      expect(outputsOf(await fetchPrefs([contact(form)]))['$user.key.segment'], form).toBe('silver');
    }
  });

  it('keeps non-phone ids as given, trimmed', async () => {
    await update([contact('  asha@example.com '), pref('channel', 'email')]);
    expect(outputsOf(await fetchPrefs([contact('asha@example.com')]))['$user.key.channel']).toBe('email');
    expect(outputsOf(await fetchPrefs([contact('ASHA@example.com')]))['$flow.key.userPrefsFound']).toBe('false');
  });

  it('refuses an id every caller without a number would share (withheld, an empty URI, an unfilled variable), writing and reading nothing', async () => {
    const shared = ['sip:anonymous@anonymous.invalid', 'anonymous', 'Private Number', 'unknown', 'tel:', 'sip:@pbx.example', '0000000000', '+', '{{cli}}', '${cli}', '$flow.key.cli', 'undefined', 'N/A', 'anonymous@anonymous.invalid', 'unknown@unknown.invalid', '%7B%7Bcli%7D%7D', '<cli>', '[cli]'];
    for (const id of shared) {
      const updated = await update([contact(id), pref('name', 'Caller A')]);
      expect(updated.statusCode, id).toBe(422);
      expect(updated.json().error).toMatchObject({ code: 'INVALID_PARAMETER', parameters: ['$user.syskey.contactNumber'] });
      const fetched = await fetchPrefs([contact(id)]);
      expect(fetched.statusCode, id).toBe(422);
    }
    expect(await t.database.db.selectFrom('user_preferences').select('contact_id').where('value', '=', 'Caller A').execute()).toEqual([]);
    // A SIP user that is someone, an e-mail address or a CRM id is still one customer's id.
    for (const id of ['sip:alice@pbx.example', 'CUST-000042', 'ravi.k@example.com']) {
      expect((await update([contact(id), pref('name', 'Known')])).statusCode, id).toBe(200);
      expect(outputsOf(await fetchPrefs([contact(id)]))['$user.key.name'], id).toBe('Known');
    }
  });

  it("refuses a carrier's number for a withheld caller and a country code followed by zeros, so no two withheld callers share a record", async () => {
    for (const id of ['+266696687', '+7378742833', '00 256 2533', 'tel:+8656696', 'sip:+86282452253@127.0.0.1', '+910000000000', '910000000000', '+91 00000 00000', 'tel:+910000000000', 'sip:+910000000000@127.0.0.1', '+1 000 000 0000', '+44 0000 000000']) {
      const updated = await update([contact(id), pref('language', 'TAMIL')]);
      expect(updated.statusCode, id).toBe(422);
      expect(updated.json().error, id).toMatchObject({ code: 'INVALID_PARAMETER', parameters: ['$user.syskey.contactNumber'] });
      expect(updated.json().error.message, id).toMatch(/withheld caller|zeros alone/);
      expect((await fetchPrefs([contact(id)])).statusCode, id).toBe(422);
    }
    expect(await t.database.db.selectFrom('user_preferences').select('contact_id').where('value', '=', 'TAMIL').where('contact_id', 'in', ['+266696687', '+910000000000', '+91 00000 00000']).execute()).toEqual([]);
    expect((await update([contact('+91 98200 00000'), pref('language', 'TAMIL')])).statusCode).toBe(200);
  });

  it('overwrites a value and deletes a key sent as null', async () => {
    await update([contact('9811122233'), pref('language', 'TAMIL'), pref('slot', 'am')]);
    await update([contact('9811122233'), pref('language', 'KANNADA'), pref('slot', null)]);
    expect(outputsOf(await fetchPrefs([contact('9811122233')]))).toEqual({ '$user.key.language': 'KANNADA', '$flow.key.userPrefsFound': 'true' });
  });

  it('leaves a stored value alone when the flow sends an unset variable (empty or blank), and asks for a value when that is all it sent', async () => {
    await update([contact('9811122244'), pref('language', 'MARATHI'), pref('slot', 'pm')]);
    const blank = await update([contact('9811122244'), pref('language', ''), pref('slot', '   '), pref('segment', 'gold')]);
    expect(outputsOf(blank)['$flow.key.userPrefsUpdationSuccess']).toBe('SUCCESS');
    const onlyBlank = await update([contact('9811122244'), pref('language', '')]);
    expect(onlyBlank.statusCode).toBe(422);
    expect(onlyBlank.json().error.code).toBe('MISSING_PARAMETER');
    expect(outputsOf(await fetchPrefs([contact('9811122244')]))).toEqual({
      '$user.key.language': 'MARATHI', '$user.key.segment': 'gold', '$user.key.slot': 'pm', '$flow.key.userPrefsFound': 'true',
    });
  });

  it('writes and deletes many keys in one call, whatever their number', async () => {
    const number = '9811122299';
    const names = Array.from({ length: 12 }, (_, index) => `key${index}`);
    await update([contact(number), ...names.map((name, index) => pref(name, `v${index}`))]);
    expect(Object.keys(outputsOf(await fetchPrefs([contact(number)]))).filter((key) => key.startsWith('$user.key.'))).toHaveLength(12);
    // Nine deleted and two changed in one call; one left as it was.
    await update([contact(number), ...names.slice(0, 9).map((name) => pref(name, null)), pref('key9', 'changed'), pref('key10', 'changed too')]);
    expect(outputsOf(await fetchPrefs([contact(number)]))).toEqual({
      '$user.key.key9': 'changed',
      '$user.key.key10': 'changed too',
      '$user.key.key11': 'v11',
      '$flow.key.userPrefsFound': 'true',
    });
  });

  it('stores numbers and booleans as their string form', async () => {
    await update([contact('9811122244'), pref('attempts', 3), pref('optedIn', false)]);
    expect(outputsOf(await fetchPrefs([contact('9811122244')]))).toMatchObject({ '$user.key.attempts': '3', '$user.key.optedIn': 'false' });
  });

  it('writes nothing when one key of the call is invalid', async () => {
    const response = await update([contact('9811122255'), pref('good', 'yes'), pref('bad name', 'x')]);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.parameters).toEqual(['$user.key.bad name']);
    expect(outputsOf(response)['$flow.key.userPrefsUpdationSuccess']).toBe('FAILURE');
    expect(outputsOf(await fetchPrefs([contact('9811122255')]))['$flow.key.userPrefsFound']).toBe('false');
  });

  it('refuses a value over 4 KiB', async () => {
    const response = await update([contact('9811122266'), pref('note', 'x'.repeat(4097))]);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('INVALID_PARAMETER');
  });

  it('answers 422 when the contact or every preference is missing', async () => {
    const noContact = await update([pref('a', '1')]);
    expect(noContact.statusCode).toBe(422);
    expect(noContact.json().error.parameters).toEqual(['$user.syskey.contactNumber']);
    const noPreference = await update([contact('9811122277')]);
    expect(noPreference.statusCode).toBe(422);
    expect(noPreference.json().error).toMatchObject({ code: 'MISSING_PARAMETER', parameters: ['$user.key.NAME'] });
    const fetchWithout = await fetchPrefs([]);
    expect(fetchWithout.statusCode).toBe(422);
    expect(outputsOf(fetchWithout)['$flow.key.userPrefsFound']).toBe('false');
  });

  it('keeps at most 200 preferences a contact, writing nothing from a call that would pass the limit', async () => {
    const number = '9811122288';
    for (let batch = 0; batch < 2; batch++) {
      const keys = Array.from({ length: 100 }, (_, index) => pref(`k${batch * 100 + index}`, 'v'));
      expect(outputsOf(await update([contact(number), ...keys]))['$flow.key.userPrefsUpdationSuccess']).toBe('SUCCESS');
    }
    const over = await update([contact(number), pref('k0', 'changed'), pref('oneTooMany', 'v')]);
    expect(over.statusCode).toBe(200);
    expect(over.json().status).toBe('FAILURE');
    expect(outputsOf(over)).toMatchObject({ '$flow.key.userPrefsUpdationSuccess': 'FAILURE', '$flow.key.errorCode': 'PREFERENCE_LIMIT_EXCEEDED' });
    const stored = outputsOf(await fetchPrefs([contact(number)]));
    expect(stored['$user.key.k0']).toBe('v');
    expect(stored['$user.key.oneTooMany']).toBeUndefined();
    // At the limit, new values for keys the contact has still fit.
    const atLimit = await update([contact(number), pref('k0', 'changed'), pref('k199', 'changed too')]);
    expect(outputsOf(atLimit)['$flow.key.userPrefsUpdationSuccess']).toBe('SUCCESS');
    expect(outputsOf(await fetchPrefs([contact(number)]))).toMatchObject({ '$user.key.k0': 'changed', '$user.key.k199': 'changed too' });
    // Replacing one key with another in one call stays within the limit.
    const swap = await update([contact(number), pref('k1', null), pref('replacement', 'v')]);
    expect(outputsOf(swap)['$flow.key.userPrefsUpdationSuccess']).toBe('SUCCESS');
  });

  it('applies calls made at once in the order sent, each against the limit as the calls before it left it', async () => {
    const number = '9811122310';
    for (let batch = 0; batch < 2; batch++) {
      const keys = Array.from({ length: 99 }, (_, index) => pref(`k${batch * 99 + index}`, 'v'));
      expect(outputsOf(await update([contact(number), ...keys]))['$flow.key.userPrefsUpdationSuccess']).toBe('SUCCESS');
    }
    const other = '9811122311';
    const answers = await Promise.all([
      update([contact(number), pref('a1', 'x')]),
      update([contact(number), pref('a2', 'x')]),
      update([contact(number), pref('a3', 'x')]),
      update([contact(number), pref('a1', null), pref('a3', 'y')]),
      update([contact(number), pref('k0', 'last')]),
      update([contact(other), pref('language', 'HINDI')]),
      update([contact(other), pref('language', 'TAMIL')]),
    ]);
    expect(answers.map((answer) => outputsOf(answer)['$flow.key.userPrefsUpdationSuccess'])).toEqual(['SUCCESS', 'SUCCESS', 'FAILURE', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
    const stored = outputsOf(await fetchPrefs([contact(number)]));
    expect([stored['$user.key.a1'], stored['$user.key.a2'], stored['$user.key.a3'], stored['$user.key.k0']]).toEqual([undefined, 'x', 'y', 'last']);
    expect(outputsOf(await fetchPrefs([contact(other)]))['$user.key.language']).toBe('TAMIL');
  });

  it('fails only the write the database refuses among writes made at once', async () => {
    const write = (accountId: number, contactId: string) => applyPreferenceChanges(t.database.db, accountId, contactId, [{ name: 'language', value: 'HINDI' }], Date.now(), 200);
    // No account 999 999: its preference breaks the foreign key.
    const [refused, kept] = await Promise.allSettled([write(999_999, '+919811122312'), write(1, '+919811122313')]);
    expect(refused.status).toBe('rejected');
    expect(kept).toEqual({ status: 'fulfilled', value: true });
    expect(await listPreferences(t.database.db, 1, '+919811122313')).toEqual([{ name: 'language', value: 'HINDI' }]);
  });

  it("reads the preferences of calls made at once, each its own account's contact in name order, in one statement on PostgreSQL", async () => {
    await update([contact('9811122320'), pref('language', 'HINDI'), pref('bestTime', 'evening'), pref('agent', 'A7')]);
    await update([contact('9811122320'), pref('language', 'TAMIL')], otherToken);
    await update([contact('9811122321'), pref('segment', 'gold')]);
    const reads = () => groupWriteCounts(t.database.db).get('preference_read')?.writes ?? 0;
    const before = reads();
    const lookups: Array<[number, string]> = [[1, '+919811122320'], [2, '+919811122320'], [1, '+919811122329'], [1, '+919811122321'], [2, '+919811122321']];
    const found = await Promise.all(lookups.map(([accountId, contactId]) => listPreferences(t.database.db, accountId, contactId)));
    expect(reads() - before).toBe(target.name === 'postgres' ? 1 : 0);
    expect(found).toEqual([
      [{ name: 'agent', value: 'A7' }, { name: 'bestTime', value: 'evening' }, { name: 'language', value: 'HINDI' }],
      [{ name: 'language', value: 'TAMIL' }],
      [],
      [{ name: 'segment', value: 'gold' }],
      [],
    ]);

    // Through the webhook, at once: each call answered with its own contact's preferences.
    const answers = await Promise.all([
      fetchPrefs([contact('9811122320')]),
      fetchPrefs([contact('9811122320')], otherToken),
      fetchPrefs([contact('9811122329')]),
      fetchPrefs([contact('9811122321')]),
    ]);
    expect(answers.map(outputsOf)).toEqual([
      { '$user.key.agent': 'A7', '$user.key.bestTime': 'evening', '$user.key.language': 'HINDI', '$flow.key.userPrefsFound': 'true' },
      { '$user.key.language': 'TAMIL', '$flow.key.userPrefsFound': 'true' },
      { '$flow.key.userPrefsFound': 'false' },
      { '$user.key.segment': 'gold', '$flow.key.userPrefsFound': 'true' },
    ]);
  });

  it('keeps each account\'s customers apart', async () => {
    await update([contact('9822233344'), pref('tier', 'one')]);
    await update([contact('9822233344'), pref('tier', 'two')], otherToken);
    expect(outputsOf(await fetchPrefs([contact('9822233344')]))['$user.key.tier']).toBe('one');
    expect(outputsOf(await fetchPrefs([contact('9822233344')], otherToken))['$user.key.tier']).toBe('two');
  });

  it("refuses an accountID other than the token's with 403 and writes nothing", async () => {
    const response = await update([contact('9833344455'), pref('a', '1'), { name: '$user.syskey.accountID', value: '2' }]);
    expect(response.statusCode).toBe(403);
    expect(outputsOf(await fetchPrefs([contact('9833344455')], otherToken))['$flow.key.userPrefsFound']).toBe('false');
  });

  it('never logs the contact number', async () => {
    await update([contact('9844455566'), pref('a', '1')]);
    expect(t.logs.join('')).not.toContain('9844455566');
  });
});
