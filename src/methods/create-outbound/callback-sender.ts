import { randomUUID } from 'node:crypto';
import { jsonPoster } from '../../adapters/delivery/http-post.js';
import type { DestinationGuard } from '../../net/destinations.js';
import { signedHeaders } from '../../adapters/delivery/standard-webhooks.js';
import { safeErrorMessage } from '../../observability/redact.js';
import type { DatabaseHandle } from '../../storage/db.js';
import { groupWrite } from '../../kernel/group-write.js';
import { claimStatusDeliveries, endStatusDeliveries, giveBackStatusAttempts, releaseStatusLeases, type ClaimedDelivery, type StatusDeliveryEnd } from '../../storage/status-webhooks.js';
import { leaseLoop, sharedAbortController } from './lease-loop.js';
import { callbackRetryDelay } from './rules.js';

interface Log {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface CallbackSenderOptions {
  database: DatabaseHandle;
  /** "Now" for due times and leases. Default: the system clock. */
  clock?: () => Date;
  /** Wall-clock milliseconds for webhook-timestamp. Default Date.now. */
  wallClock?: () => number;
  /** 0…1, spreads retries. Default Math.random. */
  random?: () => number;
  workerId?: string;
  /** Most callbacks in flight. Default 50 (FLOWHOOKS_CALLBACK_CONCURRENCY). */
  concurrency?: number;
  /** Default 30000 (FLOWHOOKS_DISPATCH_LEASE_MS). */
  leaseMs?: number;
  /** Default 5000 (FLOWHOOKS_CALLBACK_BACKOFF_MS). */
  backoffMs?: number;
  /** Default 12 (FLOWHOOKS_CALLBACK_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** Default 250 (FLOWHOOKS_DISPATCH_POLL_MS). */
  pollMs?: number;
  /** One callback's timeout. Default 5000. */
  timeoutMs?: number;
  /** Which addresses an endpoint's URL may reach (FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS). Default: public addresses only. */
  destinations?: DestinationGuard;
  log?: Log;
}

export interface CallbackSender {
  readonly workerId: string;
  /** Claims the due callbacks and sends each; resolves with how many it claimed. Tests drive this. */
  tick(): Promise<number>;
  start(): void;
  /** Stops claiming, lets callbacks in flight finish briefly, releases the rest. */
  stop(): Promise<void>;
}

const silentLog: Log = { info() {}, warn() {}, error() {} };

/**
 * Sends queued status callbacks (docs/methods/create-outbound.md, status
 * callbacks) signed with each endpoint's secret. At least once: a callback
 * is leased by one node at a time, a crashed node's lease expires and
 * another sends it again with the same webhook-id. A 2xx ends it; 410
 * disables the endpoint; anything else is retried with backoff and jitter,
 * or after a longer Retry-After, until the attempts are used up.
 */
export function createCallbackSender(options: CallbackSenderOptions): CallbackSender {
  const { database } = options;
  const db = database.db;
  const clock = options.clock ?? (() => new Date());
  const wallClock = options.wallClock ?? Date.now;
  const random = options.random ?? Math.random;
  const workerId = options.workerId ?? randomUUID();
  const concurrency = options.concurrency ?? 50;
  const leaseMs = options.leaseMs ?? 30_000;
  const backoffMs = options.backoffMs ?? 5000;
  const maxAttempts = options.maxAttempts ?? 12;
  const pollMs = options.pollMs ?? 250;
  const timeoutMs = options.timeoutMs ?? 5000;
  const log = options.log ?? silentLog;
  const abandonController = sharedAbortController();
  const now = () => clock().getTime();
  const post = jsonPoster(options.destinations);
  // The ends of sends that ended together are recorded in one transaction (the endpoint's counters once):
  // one write a callback would queue every sender on the endpoint's row.
  const end = groupWrite((ends: StatusDeliveryEnd[]) => endStatusDeliveries(db, ends, workerId, now()));

  async function send(delivery: ClaimedDelivery): Promise<void> {
    const headers = signedHeaders([delivery.secret], delivery.id, Math.floor(wallClock() / 1000), delivery.payload);
    const result = await post({ url: delivery.url, body: delivery.payload, headers, timeoutMs, signal: abandonController.signal }, 'status webhook');
    if (result.ok) {
      await end({ id: delivery.id, endpointId: delivery.endpointId, delivered: true, httpStatus: result.status });
      return;
    }
    // stop() puts it back; nothing is written here.
    if (result.abandoned) return;
    const ids = { callbackId: delivery.id, endpointId: delivery.endpointId, attempt: delivery.attempts };
    if (result.status === 410) {
      log.warn(ids, 'status webhook answered 410 Gone: endpoint disabled');
      await end({ id: delivery.id, endpointId: delivery.endpointId, delivered: false, retryAt: null, error: result.error, httpStatus: 410, disable: 'the endpoint answered 410 Gone' });
      return;
    }
    const retryAt = delivery.attempts >= maxAttempts ? null : now() + callbackRetryDelay(delivery.attempts, backoffMs, random(), result.retryAfterSeconds);
    log.info({ ...ids, error: result.error, ...(result.detail && { detail: result.detail }), retryAt: retryAt === null ? null : new Date(retryAt).toISOString() }, retryAt === null ? 'status callback failed: no attempts left' : 'status callback failed; will retry');
    await end({ id: delivery.id, endpointId: delivery.endpointId, delivered: false, retryAt, error: result.error, httpStatus: result.status ?? null });
  }

  const worker = leaseLoop({
    concurrency,
    pollMs,
    async claim(capacity) {
      const claimed = await claimStatusDeliveries(db, database.dialect, { workerId, now: now(), leaseMs, limit: capacity });
      return claimed.map((delivery) => ({
        id: delivery.id,
        run: () => send(delivery).catch((error: unknown) => log.error({ callbackId: delivery.id, error: safeErrorMessage(error) }, 'status callback handling failed')),
      }));
    },
    onClaimError: (error) => log.error({ error: safeErrorMessage(error) }, 'claiming status callbacks failed'),
    async onClaimedAgain(ids) {
      await giveBackStatusAttempts(db, ids, workerId);
      log.warn({ callbacks: ids.length, leaseMs }, 'status callbacks outlasted their lease; they were not sent again');
    },
  });

  return {
    workerId,
    tick: worker.tick,
    start: worker.start,
    async stop() {
      await worker.stop(2000, () => abandonController.abort(), 500);
      await releaseStatusLeases(db, workerId);
      post.close();
    },
  };
}
