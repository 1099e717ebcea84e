import { once } from 'node:events';
import { get, type IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, createTestApp, databaseTargets, type TestApp } from '../../test/support.js';

// Enough rows that holding them would show: about 35 MB of CSV on SQLite.
// PostgreSQL inserts more slowly, so it streams fewer.
const rowCounts = { sqlite: 200_000, postgres: 100_000 } as const;

// A garbage collection before each sample, so the samples show memory still
// held rather than garbage not yet collected.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const liveHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

describe.each(await databaseTargets())('a large CSV export on $name', (target) => {
  let t: TestApp;
  let address: string;
  const rowCount = rowCounts[target.name];
  beforeAll(async () => {
    t = await createTestApp(target);
    const start = Date.UTC(2026, 10, 1);
    const batch = 500;
    for (let first = 0; first < rowCount; first += batch) {
      const rows = Array.from({ length: Math.min(batch, rowCount - first) }, (_, offset) => {
        const index = first + offset;
        return {
          account_id: 1,
          report_type: 'bulk',
          stage: 'prod' as const,
          call_id: `call-${index}`,
          flow_id: String(index % 7),
          dtmf: String(index % 10),
          dnis: '18001234567',
          start_at: start + index * 1000,
          start_time: new Date(start + index * 1000).toISOString(),
          extra: JSON.stringify({ language: 'HINDI', campaign: `c${index % 13}`, note: 'a, "quoted" note' }),
          created_at: start,
        };
      });
      await t.database.db.insertInto('report_rows').values(rows).execute();
    }
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(() => t.close());

  it(`streams ${rowCount} rows without holding them in memory`, async () => {
    const before = { heap: liveHeap(), rss: process.memoryUsage().rss };
    let peakHeap = before.heap;
    let peakRss = before.rss;
    let bytes = 0;
    let chunks = 0;
    let records = 0;
    let lastRecord: string[] = [];

    const response = await fetch(`${address}/api/accounts/1/reports/bulk?format=csv`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.status).toBe(200);
    const parser = parse({ relax_column_count: false });
    parser.on('data', (record: string[]) => {
      records++;
      lastRecord = record;
    });
    const parsed = new Promise((resolve, reject) => parser.on('end', resolve).on('error', reject));
    for await (const chunk of response.body!) {
      bytes += chunk.byteLength;
      if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (++chunks % 25 === 0) peakHeap = Math.max(peakHeap, liveHeap());
    }
    parser.end();
    await parsed;

    const mib = (value: number) => (value / 2 ** 20).toFixed(1);
    const heapGrowth = peakHeap - before.heap;
    // The note the issue asks for: what streaming the export cost this process.
    console.log(
      `[${target.name}] exported ${records - 1} rows, ${mib(bytes)} MiB of CSV in ${chunks} chunks; live heap grew at most ${mib(heapGrowth)} MiB, RSS at most ${mib(peakRss - before.rss)} MiB`,
    );
    expect(records - 1).toBe(rowCount);
    expect(lastRecord[5]).toBe(`call-${rowCount - 1}`);
    expect(lastRecord.at(-1)).toBe('a, "quoted" note');
    // Server and client share this process; together they hold a few batches, never the export
    // (holding the rows would take several times the CSV's size).
    expect(heapGrowth).toBeLessThan(Math.min(bytes / 2, 16 * 2 ** 20));
  }, 120_000);

  it('keeps answering webhooks while a client reads an export slowly, and lets it hang up mid-way', async () => {
    const request = get(`${address}/api/accounts/1/reports/bulk?format=csv`, { headers: { authorization: `Bearer ${adminToken}` } });
    const [response] = (await once(request, 'response')) as [IncomingMessage];
    expect(response.statusCode).toBe(200);
    await once(response, 'data');
    // The download is paused here, mid-way; a webhook still writes at once.
    response.pause();
    const written = await t.webhook('pullreport', [
      { name: '$flow.key.reportType', value: 'bulk' },
      { name: '$flow.key.flowid', value: '1' },
      { name: '$flow.key.starttime', value: '2026-12-01T10:00:00Z' },
      { name: '$flow.key.callId', value: 'during-export' },
    ]);
    expect(written.json().status).toBe('SUCCESS');
    const closed = once(request, 'close');
    request.destroy();
    await closed;
    const page = await t.api('GET', '/api/accounts/1/reports/bulk?from=2026-12-01');
    expect(page.json().rows.map((row: { callId: string }) => row.callId)).toEqual(['during-export']);
  });

  it('exports the rows there were when it began: a row written during the download is not in it', async () => {
    const request = get(`${address}/api/accounts/1/reports/bulk?format=csv`, { headers: { authorization: `Bearer ${adminToken}` } });
    const [response] = (await once(request, 'response')) as [IncomingMessage];
    expect(response.statusCode).toBe(200);
    response.setEncoding('utf8');
    const chunks: string[] = [];
    const [first] = (await once(response, 'data')) as [string];
    chunks.push(first);
    response.pause();
    const written = await t.webhook('pullreport', [
      { name: '$flow.key.reportType', value: 'bulk' },
      { name: '$flow.key.flowid', value: '1' },
      { name: '$flow.key.starttime', value: '2026-12-01T11:00:00Z' },
      { name: '$flow.key.callId', value: 'written-mid-export' },
    ]);
    expect(written.json().status).toBe('SUCCESS');
    response.on('data', (chunk: string) => chunks.push(chunk));
    response.resume();
    await once(response, 'end');
    const csv = chunks.join('');
    expect(csv).toContain(`,call-${rowCount - 1},`);
    expect(csv).not.toContain('written-mid-export');
  });
});
