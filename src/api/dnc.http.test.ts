import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, createTestApp, databaseTargets, type TestApp } from '../../test/support.js';

/** `count` distinct valid Indian mobile numbers, national form (98… series). */
function mobileNumbers(count: number, first = 0): string[] {
  return Array.from({ length: count }, (_, index) => String(9_800_000_000 + (first + index) * 7));
}

/** `POST /api/accounts/{id}/dnc/import` with `body` as the scrub file. */
function importInto(t: TestApp, id: number, body: string | Readable, contentType = 'text/csv', token = adminToken) {
  return t.app.inject({ method: 'POST', url: `/api/accounts/${id}/dnc/import`, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload: body });
}

describe.each(await databaseTargets())('do-not-call lists on $name', (target) => {
  let t: TestApp;
  let accountId: number;
  let otherAccountId: number;
  let accountToken: string;

  const importFile = (id: number, body: string | Readable, contentType = 'text/csv', token = adminToken) => importInto(t, id, body, contentType, token);
  const listed = async (id: number) => {
    const numbers: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = (await t.api('GET', `/api/accounts/${id}/dnc?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      numbers.push(...page.numbers.map((entry: { number: string }) => entry.number));
      if (!page.next) return numbers;
      cursor = page.next;
    }
  };

  beforeAll(async () => {
    t = await createTestApp(target, { env: { FLOWHOOKS_DNC_IMPORT_MAX_BYTES: String(8 * 1024 * 1024) } });
    accountId = (await t.api('POST', '/api/accounts', { name: 'Scrub Co', country: 'IN' })).json().id;
    otherAccountId = (await t.api('POST', '/api/accounts', { name: 'Other Co', country: 'IN' })).json().id;
    accountToken = (await t.api('POST', `/api/accounts/${accountId}/tokens`, {})).json().token;
  });
  afterAll(() => t.close());

  it('adds numbers typed in any form as E.164, counts repeats as already present, and finds each', async () => {
    const first = await t.api('POST', `/api/accounts/${accountId}/dnc`, { numbers: ['9876543210', '+91 98123 45678', '09876543210'] });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ added: 2, alreadyPresent: 0, total: 2, listSize: 2, numbers: ['+919876543210', '+919812345678'] });

    const again = await t.api('POST', `/api/accounts/${accountId}/dnc`, { numbers: ['919876543210', '9700000001'] });
    expect(again.json()).toMatchObject({ added: 1, alreadyPresent: 1, total: 2, listSize: 3 });

    const found = await t.api('GET', `/api/accounts/${accountId}/dnc/9876543210`);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ number: '+919876543210', source: 'api' });
    expect((await t.api('GET', `/api/accounts/${accountId}/dnc/%2B919876543210`)).statusCode).toBe(200);
    expect((await t.api('GET', `/api/accounts/${otherAccountId}/dnc/9876543210`)).statusCode).toBe(404);
  });

  it('refuses a call with a bad number, naming it by position with its digits masked, and adds none of the others', async () => {
    const before = await listed(accountId);
    const response = await t.api('POST', `/api/accounts/${accountId}/dnc`, { numbers: ['9611111111', '12345', '98765432101234'] });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields.map((field: { field: string }) => field.field)).toEqual(['numbers[1]', 'numbers[2]']);
    expect(body.error.message).toContain('"12345" is not a valid phone number for IN');
    expect(response.body).not.toContain('98765432101234');
    expect(await listed(accountId)).toEqual(before);
  });

  it('removes a number, answering 404 for one not listed and 422 for one that is no number', async () => {
    await t.api('POST', `/api/accounts/${accountId}/dnc`, { numbers: ['9500000002'] });
    expect((await t.api('DELETE', `/api/accounts/${accountId}/dnc/%2B919500000002`)).statusCode).toBe(204);
    expect((await t.api('GET', `/api/accounts/${accountId}/dnc/9500000002`)).statusCode).toBe(404);
    const missing = await t.api('DELETE', `/api/accounts/${accountId}/dnc/9500000002`);
    expect(missing.statusCode).toBe(404);
    const bad = await t.api('DELETE', `/api/accounts/${accountId}/dnc/not-a-number`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ field: 'number' })]);
  });

  it('lets an account token read its own list but not change it, and hides other accounts as 404', async () => {
    expect((await t.api('GET', `/api/accounts/${accountId}/dnc`, undefined, accountToken)).statusCode).toBe(200);
    expect((await t.api('POST', `/api/accounts/${accountId}/dnc`, { numbers: ['9400000003'] }, accountToken)).statusCode).toBe(403);
    expect((await importFile(accountId, '9400000003\n', 'text/csv', accountToken)).statusCode).toBe(403);
    expect((await t.api('GET', `/api/accounts/${otherAccountId}/dnc`, undefined, accountToken)).statusCode).toBe(404);
    expect((await t.api('GET', `/api/accounts/${accountId}/dnc/9400000003`)).statusCode).toBe(404);
  });

  it('searches by digits or by a whole number in any form, a page at a time with a total', async () => {
    const id = (await t.api('POST', '/api/accounts', { name: 'Search Co', country: 'IN' })).json().id;
    await t.api('POST', `/api/accounts/${id}/dnc`, { numbers: ['9876500001', '9876500002', '9876500003', '9123456789'] });
    const page = (await t.api('GET', `/api/accounts/${id}/dnc?search=98765&limit=2`)).json();
    expect(page.total).toBe(3);
    expect(page.numbers.map((entry: { number: string }) => entry.number)).toEqual(['+919876500001', '+919876500002']);
    const rest = (await t.api('GET', `/api/accounts/${id}/dnc?search=98765&limit=2&cursor=${encodeURIComponent(page.next)}`)).json();
    expect(rest).toMatchObject({ total: 3, next: null, numbers: [expect.objectContaining({ number: '+919876500003' })] });
    // A full page that holds the last number has no next page.
    expect((await t.api('GET', `/api/accounts/${id}/dnc?search=98765&limit=3`)).json()).toMatchObject({ total: 3, next: null });
    const whole = (await t.api('GET', `/api/accounts/${id}/dnc?search=${encodeURIComponent('09123 456789')}`)).json();
    expect(whole.numbers.map((entry: { number: string }) => entry.number)).toEqual(['+919123456789']);
    expect((await t.api('GET', `/api/accounts/${id}/dnc?search=abc`)).statusCode).toBe(422);
    expect((await t.api('GET', `/api/accounts/${id}/dnc?search=${encodeURIComponent('%_')}`)).statusCode).toBe(422);
  });

  it('imports a CSV scrub file with a header, extra columns, quotes, CRLF, blank lines and repeats; a second import adds nothing', async () => {
    const id = (await t.api('POST', '/api/accounts', { name: 'Import Co', country: 'IN' })).json().id;
    await t.api('POST', `/api/accounts/${id}/dnc`, { numbers: ['9876543210'] });
    const csv = '\uFEFFphone,name,reason\r\n"+91 98765 43210",Asha,asked\r\n9812345678;Ravi\r\n\r\n09812345678\t\r\n919700000001,x\r\n';
    const response = await importFile(id, csv);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ added: 2, alreadyPresent: 1, total: 3, rows: 4, listSize: 3 });
    expect(await listed(id)).toEqual(['+919700000001', '+919812345678', '+919876543210']);
    expect((await t.api('GET', `/api/accounts/${id}/dnc/9812345678`)).json()).toMatchObject({ source: 'import' });

    const again = await importFile(id, '9812345678\n9700000001\n', 'text/plain');
    expect(again.json()).toEqual({ added: 0, alreadyPresent: 2, total: 2, rows: 2, listSize: 3 });
  });

  it('refuses a malformed file naming the line of every bad row, and imports none of its good rows', async () => {
    const id = (await t.api('POST', '/api/accounts', { name: 'Bad File Co', country: 'IN' })).json().id;
    const lines = ['number', '9876543210', 'twelve', '9812345678', '', '12345', '98123456789999', '9700000001'];
    const response = await importFile(id, lines.join('\n'));
    expect(response.statusCode).toBe(422);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.badRows).toBe(3);
    expect(error.fields.map((field: { line: number }) => field.line)).toEqual([3, 6, 7]);
    expect(error.message).toMatch(/^Nothing was imported: 3 bad rows \(line 3: "twelve" is not a valid phone number/);
    expect(response.body).not.toContain('98123456789999');
    expect(await listed(id)).toEqual([]);

    const empty = await importFile(id, 'number\n\n');
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.fields).toEqual([expect.objectContaining({ field: 'body' })]);
  });

  it('says a number holding a control character holds one, instead of showing it masked like a valid number, and adds nothing', async () => {
    const id = (await t.api('POST', '/api/accounts', { name: 'Control Co', country: 'IN' })).json().id;
    const imported = await importFile(id, '98768\u000000013\n9876500014\n');
    expect(imported.statusCode).toBe(422);
    expect(imported.json().error.fields).toEqual([{ field: 'line 1', line: 1, message: '"98XXXXXX13" (10 digits) contains a control character (U+0000): it is no phone number' }]);
    const typed = await t.api('POST', `/api/accounts/${id}/dnc`, { numbers: ['9876500014', '98768\u000100013'] });
    expect(typed.statusCode).toBe(422);
    expect(typed.json().error.fields).toEqual([{ field: 'numbers[1]', message: '"98XXXXXX13" (10 digits) contains a control character (U+0001): it is no phone number' }]);
    const looked = await t.api('GET', `/api/accounts/${id}/dnc/98768%0100013`);
    expect(looked.json().error.fields).toEqual([{ field: 'number', message: '"98XXXXXX13" (10 digits) contains a control character (U+0001): it is no phone number' }]);
    expect(await listed(id)).toEqual([]);
  });

  it('names at most 100 bad rows but counts them all, and refuses a file over the size limit with 413, importing nothing', async () => {
    const id = (await t.api('POST', '/api/accounts', { name: 'Limits Co', country: 'IN' })).json().id;
    const rows = mobileNumbers(1000).map((number, index) => (index % 5 === 4 ? 'x' : number));
    const bad = await importFile(id, rows.join('\n'));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.badRows).toBe(200);
    expect(bad.json().error.fields).toHaveLength(100);
    expect(bad.json().error.fields[0].line).toBe(5);

    // 12 MiB against the 8 MiB limit: the size is checked before lines are read.
    const tooLarge = await importFile(id, Readable.from((function* () {
      for (let chunk = 0; chunk < 12; chunk += 1) yield Buffer.alloc(1024 * 1024, chunk === 0 ? '9876543210\n' : '0');
    })()));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('BODY_TOO_LARGE');
    expect(await listed(id)).toEqual([]);
  });

  it('answers 415 for a scrub file sent as JSON', async () => {
    const response = await importFile(accountId, JSON.stringify({ numbers: ['9876543210'] }), 'application/json');
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('exports the list as streamed CSV that imports back into another account unchanged', async () => {
    const from = (await t.api('POST', '/api/accounts', { name: 'Export Co', country: 'IN' })).json().id;
    const to = (await t.api('POST', '/api/accounts', { name: 'Copy Co', country: 'IN' })).json().id;
    await importFile(from, mobileNumbers(6000).join('\n'));
    const exported = await t.api('GET', `/api/accounts/${from}/dnc/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = exported.body.trim().split('\n');
    expect(lines[0]).toBe('number,source,addedAt');
    expect(lines).toHaveLength(6001);
    expect(lines[1]).toMatch(/^\+919800000000,import,\d{4}-\d\d-\d\dT/);
    const copied = await importFile(to, exported.body);
    expect(copied.json()).toMatchObject({ added: 6000, total: 6000 });
    expect(await listed(to)).toEqual(await listed(from));
  });

  it('documents the import body in OpenAPI and sends the example file in the Postman collection', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = document.paths['/api/accounts/{id}/dnc/import'].post;
    expect(Object.keys(operation.requestBody.content)).toEqual(['text/csv', 'text/plain']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '413', '415', '422']));
    const collection = (await t.app.inject({ method: 'GET', url: '/postman.json' })).json();
    const folder = collection.item.find((item: { name: string }) => item.name === 'Do-not-call');
    const request = folder.item.find((item: { name: string }) => item.name === 'POST /api/accounts/{id}/dnc/import').request;
    expect(request.header).toEqual([{ key: 'Content-Type', value: 'text/csv' }]);
    expect(request.body.raw).toMatch(/^number,name\n\+919876543210,Asha\n/);
    // The example imports as it is.
    const imported = await importFile(accountId, request.body.raw);
    expect(imported.statusCode).toBe(200);
  });

  it('imports a 200 000-row scrub file streamed in one transaction, and again idempotently (rows/s and memory printed)', async () => {
    const id = (await t.api('POST', '/api/accounts', { name: 'Big Scrub Co', country: 'IN' })).json().id;
    const rowCount = 200_000;
    const file = () =>
      Readable.from((function* () {
        for (let start = 0; start < rowCount; start += 10_000) yield Buffer.from(`${mobileNumbers(10_000, start).join('\n')}\n`);
      })());
    const before = process.memoryUsage();
    let heapPeak = before.heapUsed;
    let rssPeak = before.rss;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      heapPeak = Math.max(heapPeak, usage.heapUsed);
      rssPeak = Math.max(rssPeak, usage.rss);
    }, 10);
    const started = performance.now();
    const response = await importFile(id, file());
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ added: rowCount, alreadyPresent: 0, total: rowCount, rows: rowCount, listSize: rowCount });

    const startedAgain = performance.now();
    const again = await importFile(id, file());
    const secondsAgain = (performance.now() - startedAgain) / 1000;
    expect(again.json()).toEqual({ added: 0, alreadyPresent: rowCount, total: rowCount, rows: rowCount, listSize: rowCount });
    const last = mobileNumbers(1, rowCount - 1)[0] as string;
    expect((await t.api('GET', `/api/accounts/${id}/dnc/${last}`)).statusCode).toBe(200);
    console.info(
      `[${target.name}] 200 000-row scrub import: ${seconds.toFixed(2)} s (${Math.round(rowCount / seconds)} rows/s); again (all present): ${secondsAgain.toFixed(2)} s (${Math.round(rowCount / secondsAgain)} rows/s); peak growth over the start: heap ${((heapPeak - before.heapUsed) / 1048576).toFixed(1)} MiB, RSS ${((rssPeak - before.rss) / 1048576).toFixed(1)} MiB`,
    );
  }, 300_000);
});

describe.each((await databaseTargets()).filter((target) => target.name === 'postgres'))('a do-not-call import on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target, { env: { FLOWHOOKS_DNC_IMPORT_MAX_BYTES: String(8 * 1024 * 1024) } });
  });
  afterAll(() => t.close());

  it('leaves no check planned on the short list scanning the long one: the list is analyzed once the import lands', async () => {
    const id = (await t.api('POST', '/api/accounts', { name: 'Growing List Co', country: 'IN' })).json().id;
    await t.api('POST', `/api/accounts/${id}/dnc`, { numbers: mobileNumbers(20) });
    // A connection of its own stands for a node's: the list is short and analyzed (as autovacuum leaves a new
    // list), and the check, a named statement, keeps the one plan made for it then.
    const { default: pg } = await import('pg');
    const node = new pg.Client({ connectionString: t.settings.DATABASE_URL, options: `-c search_path=${t.settings.DATABASE_SCHEMA}` });
    await node.connect();
    try {
      await node.query('analyze do_not_call_numbers');
      await node.query('set plan_cache_mode = force_generic_plan');
      await node.query('prepare listed (integer, text[]) as select number from do_not_call_numbers where account_id = $1 and number = any($2)');
      const plan = async () => (await node.query(`explain execute listed(${Number(id)}, '{+919800000000}')`)).rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      expect(await plan()).toContain('Seq Scan');

      const imported = await importInto(t, id, mobileNumbers(20_000, 100).join('\n'));
      expect(imported.json()).toMatchObject({ added: 20_000, listSize: 20_020 });
      // The same connection's statement is planned again, for the list as it now is.
      expect(await plan()).toMatch(/Index (Only )?Scan/);
    } finally {
      await node.end();
    }
  });
});
