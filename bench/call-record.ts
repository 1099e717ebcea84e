import { pino } from 'pino';
import { createLogDestination } from '../src/observability/log-destination.js';
import { createMetrics } from '../src/observability/metrics.js';
import { invocationColumns, type InvocationEntry } from '../src/storage/invocations.js';
import { slices, sqliteRowsPerStatement } from '../src/storage/statement-slices.js';
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

const columnList = invocationColumns.map(([name]) => name).join(', ');
const batchSize = 500;

export function callRecorder(driver: FloorDriver): CallRecorder {
  const principals = new Map([[`Bearer ${token}`, { accountId: 1 }]]);
  const destination = createLogDestination();
  const log = pino({ level: 'info' }, destination);
  const metrics = createMetrics({ processMetrics: false });
  let entries: InvocationEntry[] = [];
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
      entries.push({ at: Date.now(), accountId: call.accountId, method: call.method, flowId: null, stage: 'prod', httpStatus: call.status, outcome: 'SUCCESS', errorCode: null, durationMs: call.durationMs, caller: null, requestId: call.requestId });
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

/** One batch of entries in the service's columns: on SQLite its statement sizes (src/storage/statement-slices.ts), on PostgreSQL one statement of one array a column. */
async function insert(driver: FloorDriver, batch: readonly InvocationEntry[]): Promise<void> {
  if (driver.dialect === 'postgres') {
    const arrays = invocationColumns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
    await driver.query(`insert into invocations (${columnList}) select * from unnest(${arrays})`, invocationColumns.map(([, , pick]) => batch.map(pick)));
    return;
  }
  for (const rows of slices(batch, sqliteRowsPerStatement)) {
    const values = rows.map(() => `(${placeholders(invocationColumns.length, 1)})`).join(', ');
    await driver.query(`insert into invocations (${columnList}) values ${values}`, rows.flatMap((entry) => invocationColumns.map(([, , pick]) => pick(entry))));
  }
}
