import { Agent, request } from 'node:http';
import { signedHeaders } from '../src/adapters/delivery/standard-webhooks.js';
import { dialMessageId } from '../src/adapters/dialer/dialer.js';
import { dialerPayload } from '../src/methods/create-outbound/dispatcher.js';
import type { ClaimedJob } from '../src/storage/outbound-jobs.js';
import { placeholders } from './ceiling.js';

/**
 * The floor of the dispatcher (`BENCH_PARTS=ceiling`, docs/benchmark.md "The
 * floor of the dispatcher"): in the bare handler's process, `jobs` jobs due
 * now are inserted (1000 rows a statement, as createOutbound does), claimed
 * with the claim's statement whenever half of `concurrency` is free, each
 * POSTed signed (Standard Webhooks, the service's own signing) to the dialer
 * over kept-alive node:http connections, `concurrency` at a time, and the
 * ends of one event-loop turn written in one statement — what a delivery
 * cannot do without, through the driver alone: no query builder, no
 * webhook protocol, no logs, no metrics, no lookups beyond the flow's row.
 */

/** A statement runner over the service's driver: a write answers once it is durable. */
export interface FloorDriver {
  dialect: 'sqlite' | 'postgres';
  query(text: string, values: unknown[]): Promise<Array<Record<string, unknown>>>;
}

const jobColumns = ['id', 'request_id', 'account_id', 'flow_id', 'stage', 'contact_number', 'position', 'due_at', 'status', 'attempts', 'dial', 'created_at', 'updated_at'];

const style = (dialect: FloorDriver['dialect']) => (dialect === 'sqlite' ? '?' : '$');
/** The `index`th value of a statement: `?` (SQLite) or `$index` (PostgreSQL). */
const parameter = (dialect: FloorDriver['dialect'], index: number) => placeholders(1, index, style(dialect));

/** The claim of src/storage/outbound-jobs.ts (due jobs only: no lease expires here), in each dialect. */
function claimSql(dialect: FloorDriver['dialect']): string {
  return (
    `update outbound_jobs set status = 'dispatching', locked_by = ${parameter(dialect, 1)}, locked_until = ${parameter(dialect, 2)}, attempts = attempts + 1, updated_at = ${parameter(dialect, 3)} ` +
    `where id in (select id from outbound_jobs where status = 'scheduled' and due_at <= ${parameter(dialect, 4)} order by due_at limit ${parameter(dialect, 5)}${dialect === 'postgres' ? ' for update skip locked' : ''}) ` +
    'returning id, request_id, account_id, flow_id, stage, contact_number, due_at, attempts, dial'
  );
}

/** Jobs ended together, in one statement; only those this worker still holds. Values: now, the result deadline (SQLite: now again), the ids, the worker. */
function finishSql(dialect: FloorDriver['dialect']): string {
  const [now, due, ids, worker] = dialect === 'sqlite' ? ['?', '?', 'in (select value from json_each(?))', '?'] : ['$1', '$2', '= any($3::text[])', '$4'];
  return (
    `update outbound_jobs set status = 'delivered', delivered_at = ${now}, result_due_at = ${due}, updated_at = ${now}, locked_by = null, locked_until = null ` +
    `where id ${ids} and locked_by = ${worker} and status = 'dispatching'`
  );
}

interface ClaimedRow {
  id: string;
  request_id: string;
  account_id: number;
  flow_id: string;
  stage: string;
  contact_number: string;
  due_at: number | string;
  attempts: number;
  dial: number;
}

/** Inserts `jobs` jobs due now for `flowId`, then delivers them all to `dialerUrl`; resolves once every end is written. */
export async function dispatchFloor(driver: FloorDriver, options: { run: number; jobs: number; concurrency: number; dialerUrl: string; secret: string; flowId: string }): Promise<void> {
  const { dialect } = driver;
  const { run, jobs, concurrency, dialerUrl, secret, flowId } = options;
  const workerId = `floor-${process.pid}-${run}`;
  const requestId = `floor-request-${process.pid}-${run}`;
  const now = Date.now();
  await driver.query(
    `insert into outbound_requests (id, execution_id, account_id, flow_id, stage, idempotency_key, answer, created_at) values (${placeholders(8, 1, style(dialect))})`,
    [requestId, requestId, 1, flowId, 'prod', null, '[]', now],
  );
  for (let offset = 0; offset < jobs; offset += 1000) {
    const rows = Array.from({ length: Math.min(1000, jobs - offset) }, (_, index) => offset + index);
    const values = rows.flatMap((position) => [`${requestId}-${position}`, requestId, 1, flowId, 'prod', `+9196${String(run * 10_000_000 + position).padStart(8, '0')}`, position, now, 'scheduled', 0, 1, now, now]);
    const tuples = rows.map((_, row) => `(${placeholders(jobColumns.length, row * jobColumns.length + 1, style(dialect))})`).join(', ');
    await driver.query(`insert into outbound_jobs (${jobColumns.join(', ')}) values ${tuples}`, values);
  }

  const agent = new Agent({ keepAlive: true });
  const claim = claimSql(dialect);
  const finish = finishSql(dialect);
  const flowSql = `select dialer_url, dialer_secret, result_timeout_minutes from outbound_flows where account_id = ${parameter(dialect, 1)} and flow_id = ${parameter(dialect, 2)}`;
  const target = new URL(dialerUrl);

  let inFlight = 0;
  let ended: string[] = [];
  const writes: Array<Promise<unknown>> = [];
  // Set when half the deliveries in flight have ended; a claim waits for it (kept if it comes during a claim).
  let waiting: (() => void) | undefined;
  let woken = false;
  const wake = () => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve();
    } else woken = true;
  };
  const untilWoken = () => (woken ? ((woken = false), Promise.resolve()) : new Promise<void>((resolve) => (waiting = resolve)));
  const post = (job: ClaimedRow) =>
    new Promise<void>((resolve, reject) => {
      // The service's own payload and message id: the floor sends what the dispatcher sends.
      const body = JSON.stringify(dialerPayload({ ...job, due_at: Number(job.due_at), stage: job.stage as ClaimedJob['stage'], execution_id: job.request_id }));
      const messageId = dialMessageId(job.id, job.dial);
      const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'idempotency-key': messageId, ...signedHeaders([secret], messageId, Math.floor(Date.now() / 1000), body) };
      const sent = request(target, { method: 'POST', agent, headers }, (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`dialer answered ${response.statusCode}`))));
      });
      sent.on('error', reject);
      sent.end(body);
    });
  /** The ends of one event-loop turn, written together. */
  const end = (id: string, resultTimeoutMinutes: number) => {
    if (ended.length === 0) {
      setImmediate(() => {
        const ids = ended;
        ended = [];
        const at = Date.now();
        const due = at + resultTimeoutMinutes * 60_000;
        writes.push(driver.query(finish, dialect === 'sqlite' ? [at, due, at, JSON.stringify(ids), workerId] : [at, due, ids, workerId]));
      });
    }
    ended.push(id);
  };

  try {
    for (;;) {
      const at = Date.now();
      const claimed = (await driver.query(claim, [workerId, at + 30_000, at, at, concurrency - inFlight])) as unknown as ClaimedRow[];
      if (claimed.length === 0 && inFlight === 0) break;
      if (claimed.length > 0) {
        const [flow] = await driver.query(flowSql, [1, flowId]);
        const timeout = Number(flow!.result_timeout_minutes);
        for (const job of claimed) {
          inFlight++;
          void post(job).then(
            () => {
              end(job.id, timeout);
              inFlight--;
              if (inFlight <= concurrency / 2) wake();
            },
            (error: unknown) => {
              process.stderr.write(`dispatch floor: ${String(error)}\n`);
              inFlight--;
              wake();
            },
          );
        }
      }
      // Claims again once half the deliveries in flight have ended (or at once when none is).
      if (inFlight > 0) await untilWoken();
    }
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(writes);
  } finally {
    agent.destroy();
  }
}
