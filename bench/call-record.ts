import { pino } from 'pino';
import { createLogDestination } from '../src/observability/log-destination.js';
import { createMetrics } from '../src/observability/metrics.js';
import type { FloorDriver } from './dispatch-floor.js';
import { placeholders } from './ceiling.js';
import { token } from './scenarios.js';

/**
 * What every webhook call does besides its statements, for the floors of a call (bench/ceiling.ts,
 * docs/benchmark.md "The floor of a call"), each in the cheapest way this process knows: the bearer
 * token's principal looked up in memory (the service keeps it for a cached call, src/auth/tokens.ts); after
 * the answer, one log line with the service's request-log fields through the service's log destination
 * (docs/operations.md "Logs"), the call counted and timed in the service's metrics (`/metrics`), and the
 * call's invocation-log entry (docs/console.md) kept and written with the others through the driver,
 * 500 a batch or each second as the service's invocation log writes them, without its hourly roll-up.
 * No query builder, no webhook protocol, no method.
 */
export interface CallRecorder {
  /** The account of a bearer token, or undefined for a token it does not know. */
  accountOf(authorization: string | undefined): number | undefined;
  /** After the answer: the call's log line, metrics and invocation-log entry. */
  record(call: RecordedCall): void;
  close(): Promise<void>;
}

export interface RecordedCall {
  requestId: string;
  accountId: number;
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

/** The invocations table's columns the service writes (src/storage/invocations.ts), with their PostgreSQL types. */
const columns = [
  ['at', 'bigint'],
  ['account_id', 'integer'],
  ['method', 'text'],
  ['flow_id', 'text'],
  ['stage', 'text'],
  ['http_status', 'integer'],
  ['outcome', 'text'],
  ['error_code', 'text'],
  ['duration_ms', 'double precision'],
  ['caller', 'text'],
  ['answer_source', 'text'],
  ['request_id', 'text'],
  ['miss', 'text'],
] as const;
const columnList = columns.map(([name]) => name).join(', ');
const batchSize = 500;
/** SQLite statements of this many rows, as the service slices its batches (src/storage/statement-slices.ts). */
const sqliteRows = 100;

export function callRecorder(driver: FloorDriver): CallRecorder {
  const principals = new Map([[`Bearer ${token}`, { accountId: 1 }]]);
  const destination = createLogDestination();
  const log = pino({ level: 'info' }, destination);
  const metrics = createMetrics({ processMetrics: false });
  let entries: unknown[][] = [];
  let writing = Promise.resolve();
  const write = () => {
    const batch = entries;
    entries = [];
    if (batch.length > 0) writing = writing.then(() => insert(driver, batch));
  };
  const timer = setInterval(write, 1000);
  return {
    accountOf: (authorization) => (authorization === undefined ? undefined : principals.get(authorization)?.accountId),
    record(call) {
      log.info({ reqId: call.requestId, http: { method: 'POST', path: call.path, status: call.status }, webhook: { method: call.method, accountId: call.accountId, stage: 'prod', outcome: 'SUCCESS' }, durationMs: call.durationMs }, 'request completed');
      metrics.webhookAnswered(call.method, 'prod', 'SUCCESS', call.status, call.durationMs / 1000);
      entries.push([Date.now(), call.accountId, call.method, null, 'prod', call.status, 'SUCCESS', null, call.durationMs, null, null, call.requestId, null]);
      if (entries.length >= batchSize) write();
    },
    async close() {
      clearInterval(timer);
      write();
      await writing;
      destination.flushSync();
    },
  };
}

/** One batch of entries: SQLite statements of 100 rows (and the rest), or one PostgreSQL statement of one array a column. */
async function insert(driver: FloorDriver, batch: unknown[][]): Promise<void> {
  if (driver.dialect === 'postgres') {
    const arrays = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
    await driver.query(`insert into invocations (${columnList}) select * from unnest(${arrays})`, columns.map((_, index) => batch.map((row) => row[index])));
    return;
  }
  for (let start = 0; start < batch.length; start += sqliteRows) {
    const rows = batch.slice(start, start + sqliteRows);
    const values = rows.map(() => `(${placeholders(columns.length, 1)})`).join(', ');
    await driver.query(`insert into invocations (${columnList}) values ${values}`, rows.flat());
  }
}
