import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { dialMessageId, httpDialer, measuredDialer, type Dialer, type DialerPayload } from '../../adapters/dialer/dialer.js';
import type { DestinationGuard } from '../../net/destinations.js';
import type { Metrics } from '../../observability/metrics.js';
import { maskPhoneNumbers, safeErrorMessage } from '../../observability/redact.js';
import { findAccount, type Account } from '../../storage/accounts.js';
import type { DatabaseHandle } from '../../storage/db.js';
import { findOutboundFlow, nextDeliverySlot, reserveDeliverySlot, signingSecrets, type OutboundFlow, type OutboundFlowSecrets } from '../../storage/outbound-flows.js';
import { claimJobs, closeUnreportedJobs, finishJobs, giveBackAttempts, hasOverdueResult, heldJobStanding, releaseLeases, rescheduleJob, type ClaimedJob } from '../../storage/outbound-jobs.js';
import { enqueueStatusEvents, subscribedEndpoints } from '../../storage/status-webhooks.js';
import { withoutListedJobs } from './do-not-call-check.js';
import { announceFinal, jobEvent, newMessageId } from './events.js';
import { leaseLoop, sharedAbortController, type LeasedTask } from './lease-loop.js';
import { groupWrite } from '../../kernel/group-write.js';
import { effectiveWindow, insideWindow, nextWindowTime, retryDelay } from './rules.js';

interface Log {
  debug(object: object, message: string): void;
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface DispatcherOptions {
  database: DatabaseHandle;
  /** Delivers a job. Default: the HTTP dialer (5 s timeout) through `destinations`. */
  dialer?: Dialer;
  /** Which addresses the default HTTP dialer may reach (FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS). Default: public addresses only. */
  destinations?: DestinationGuard;
  /** "Now" for due times, leases and windows. Default: the system clock. */
  clock?: () => Date;
  /** Wall-clock milliseconds for webhook-timestamp (receivers check it against their own clock). Default Date.now. */
  wallClock?: () => number;
  /** Waits for a throttle slot; resolves early when `signal` aborts (shutdown). Default: a timer. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** 0…1, spreads retries. Default Math.random. */
  random?: () => number;
  /** Names this dispatcher in leases. Default: a fresh UUID. */
  workerId?: string;
  /** Most jobs claimed at once and in flight. Default 100 (FLOWHOOKS_DISPATCH_CONCURRENCY). */
  concurrency?: number;
  /** Default 30000 (FLOWHOOKS_DISPATCH_LEASE_MS). */
  leaseMs?: number;
  /** Default 5000 (FLOWHOOKS_DISPATCH_BACKOFF_MS). */
  backoffMs?: number;
  /** Default 8 (FLOWHOOKS_DISPATCH_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** How often an idle loop looks for due jobs. Default 250 (FLOWHOOKS_DISPATCH_POLL_MS). */
  pollMs?: number;
  /** How long stop() waits for deliveries in flight before abandoning them and releasing their leases. Default 8000. */
  shutdownMs?: number;
  log?: Log;
  /** Delivery lag, finished jobs and dialer calls are reported here. */
  metrics?: Pick<Metrics, 'outboundDelivered' | 'outboundFinished' | 'providerCall'>;
}

export interface Dispatcher {
  readonly workerId: string;
  /** Claims the jobs due now and handles them to the end; resolves with how many it claimed. Tests drive this. */
  tick(): Promise<number>;
  /** Runs the claim loop until stop(). */
  start(): void;
  /** Jobs are due now (scheduled or released on this node): a loop waiting for its poll claims at once. */
  wake(): void;
  /** Stops claiming, lets deliveries in flight finish (bounded), releases every lease still held. */
  stop(): Promise<void>;
}

const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

async function timerSleep(ms: number, signal: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal }).catch(() => undefined);
}

type FlowWithSecrets = OutboundFlow & OutboundFlowSecrets;

/** How a delivery ended a job, written with the ends of the deliveries that ended with it. */
interface JobEnd {
  job: ClaimedJob;
  status: 'delivered' | 'simulated' | 'failed';
  lastError: string | null;
  /** The flow's wait for an outcome report; 0: the job is final once delivered. */
  resultTimeoutMinutes: number;
  /** The account has status webhooks (prod jobs): events are queued with the end. */
  announced: boolean;
}

/**
 * Delivers due outbound jobs to their flows' dialers. Any number of
 * dispatchers may run against one database: each job is leased by one
 * dispatcher at a time, and a lease that expires (a crashed node) lets
 * another take the job over. Delivery is at least once; the dialer gets the
 * job id as Idempotency-Key to drop a repeat.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { database } = options;
  const db = database.db;
  const metrics = options.metrics;
  const ownDialer = options.dialer ? undefined : httpDialer({ destinations: options.destinations });
  const baseDialer = options.dialer ?? ownDialer!;
  const dialer = metrics ? measuredDialer(baseDialer, metrics.providerCall) : baseDialer;
  const clock = options.clock ?? (() => new Date());
  const wallClock = options.wallClock ?? Date.now;
  const sleep = options.sleep ?? timerSleep;
  const random = options.random ?? Math.random;
  const workerId = options.workerId ?? randomUUID();
  const concurrency = options.concurrency ?? 100;
  const leaseMs = options.leaseMs ?? 30_000;
  const backoffMs = options.backoffMs ?? 5000;
  const maxAttempts = options.maxAttempts ?? 8;
  const pollMs = options.pollMs ?? 250;
  const shutdownMs = options.shutdownMs ?? 8000;
  const log = options.log ?? silentLog;
  // A job held for its throttle slot must be sent well before its lease ends.
  const maxThrottleWaitMs = Math.floor(leaseMs / 3);

  // Aborted when stop() gives up waiting: deliveries still on the wire are cut off and their jobs put back.
  const abandonController = sharedAbortController();
  const now = () => clock().getTime();

  /** Counts and logs jobs closed as `refused` because their number is on the do-not-call list. */
  function noteRefused(jobs: readonly ClaimedJob[]): void {
    for (const job of jobs) {
      metrics?.outboundFinished('refused');
      log.info({ jobId: job.id, requestId: job.request_id }, 'outbound job refused: its number is on the do-not-call list');
    }
  }

  /** Handles a job; the flow's throttle turn it took on arrival is given up however it ends. */
  async function handle(job: ClaimedJob, lookups: Lookups): Promise<void> {
    // Taken before any await: jobs of one flow reserve throttle slots in the order they were claimed (due order).
    const turn = lookups.throttleTurn(job.account_id, job.flow_id);
    try {
      await deliver(job, lookups, turn);
    } finally {
      turn.release();
    }
  }

  async function deliver(job: ClaimedJob, lookups: Lookups, turn: ThrottleTurn): Promise<void> {
    const ids = { jobId: job.id, requestId: job.request_id, attempt: job.dial, deliveryAttempt: job.attempts };
    const reschedule = (dueAt: number, countAttempt: boolean, lastError?: string) =>
      rescheduleJob(db, job.id, workerId, { dueAt, countAttempt, ...(lastError !== undefined && { lastError }) }, now());
    /** Its flow paused after the claim: the job waits, parked, for the resume. */
    const park = () => rescheduleJob(db, job.id, workerId, { dueAt: job.due_at, countAttempt: false, paused: true }, now());
    const finish = async (status: 'delivered' | 'simulated' | 'failed', lastError: string | null, resultTimeoutMinutes = 0) => {
      const announced = job.stage === 'prod' && (await lookups.hasEndpoints(job.account_id));
      const ended = await endJob({ job, status, lastError, resultTimeoutMinutes, announced });
      if (!ended.written) {
        log.warn(ids, 'outbound job changed while it was dispatched (cancelled, its outcome already reported, or its lease lost); its state was kept');
        return;
      }
      metrics?.outboundFinished(status);
      if (status === 'delivered') metrics?.outboundDelivered((ended.at - job.due_at) / 1000);
    };

    if (job.attempts > maxAttempts) return finish('failed', 'the dispatcher stopped during the last attempt');
    const flow = await lookups.flow(job.account_id, job.flow_id);
    // The calling window holds a job until it opens, on the test stage too: a simulated call is made when a real one would be.
    const windowOpening = async (): Promise<number | undefined> => {
      const window = flow && effectiveWindow(flow.category, flow.callingWindow);
      if (!window) return undefined;
      const zone = (await lookups.account(job.account_id))?.timezone ?? 'UTC';
      const at = now();
      return insideWindow(at, window, zone) ? undefined : nextWindowTime(at, window, zone);
    };
    if (job.stage === 'test') {
      const opening = await windowOpening();
      if (opening === undefined) return finish('simulated', null);
      await reschedule(opening, false);
      return;
    }
    if (!flow) return finish('failed', 'outbound flow deleted');
    if (flow.paused) {
      await park();
      return;
    }

    // Merge point for the do-not-call list (docs/methods/create-outbound.md, do-not-call lists): a job whose
    // number was listed after it was scheduled ends `refused` here, through announceFinal so its callbacks go out.

    // Promotional flows dial only within the promotional hours (docs/methods/create-outbound.md, India's calling rules).
    const opening = await windowOpening();
    if (opening !== undefined) {
      await reschedule(opening, false);
      return;
    }

    if (flow.throttlePerSecond) {
      const intervalMs = Math.ceil(1000 / flow.throttlePerSecond);
      await turn.ready;
      const at = now();
      const slot = await reserveDeliverySlot(db, job.account_id, job.flow_id, intervalMs, at, maxThrottleWaitMs);
      turn.release();
      if (slot === undefined) {
        await reschedule((await nextDeliverySlot(db, job.account_id, job.flow_id)) ?? at + 1000, false);
        return;
      }
      if (slot > at) await sleep(slot - at, worker.signal);
      if (worker.signal.aborted) {
        await reschedule(slot, false);
        return;
      }
      // Held up to a third of the lease: a cancel, a pause, the flow's deletion or a do-not-call listing that landed
      // meanwhile is obeyed before the dial (docs/methods/create-outbound.md), as it is at the claim.
      if (slot > at) {
        const standing = await heldJobStanding(db, job, workerId);
        if (!standing.held) {
          log.info(ids, 'outbound job cancelled while it waited for its throttle slot; not dialled');
          return;
        }
        if (standing.paused) {
          await park();
          return;
        }
        if (standing.listed) {
          noteRefused((await withoutListedJobs(db, [job], workerId, now())).refused);
          return;
        }
      }
    }

    const result = await dialer({
      signal: abandonController.signal,
      url: flow.dialerTarget,
      secrets: signingSecrets(flow, now()),
      messageId: dialMessageId(job.id, job.dial),
      timestamp: Math.floor(wallClock() / 1000),
      payload: dialerPayload(job),
    });
    // stop() puts the job back with its attempt given back; nothing is written here.
    if (!result.ok && abandonController.signal.aborted) return;
    if (result.ok) {
      log.debug(ids, 'outbound job delivered');
      return finish('delivered', null, flow.resultTimeoutMinutes);
    }
    if (job.attempts >= maxAttempts) {
      log.warn({ ...ids, error: maskPhoneNumbers(result.error), ...(result.detail && { detail: result.detail }) }, 'outbound job failed: no attempts left');
      return finish('failed', result.error);
    }
    const retryAt = now() + retryDelay(job.attempts, backoffMs, random());
    log.info({ ...ids, error: maskPhoneNumbers(result.error), ...(result.detail && { detail: result.detail }), retryAt: new Date(retryAt).toISOString() }, 'outbound delivery failed; will retry');
    await reschedule(retryAt, true, result.error);
  }

  /**
   * Ends the jobs whose deliveries ended together, in one write (docs/methods/create-outbound.md,
   * Dispatching): one statement for each kind of end, and — when a job is final or its account
   * has status webhooks — their events and requests' completion in the same transaction.
   */
  async function writeEnds(ends: JobEnd[]): Promise<Array<{ written: boolean; at: number }>> {
    const at = now();
    const waits = (end: JobEnd) => end.status === 'delivered' && end.resultTimeoutMinutes > 0;
    const kinds = new Map<string, JobEnd[]>();
    for (const end of ends) {
      const kind = `${end.status}\u0000${end.lastError}\u0000${waits(end) ? end.resultTimeoutMinutes : 0}`;
      const same = kinds.get(kind);
      if (same) same.push(end);
      else kinds.set(kind, [end]);
    }
    const write = async (handle: typeof db) => {
      const written = new Set<string>();
      for (const [first, ...rest] of kinds.values()) {
        const resultDueAt = waits(first!) ? at + first!.resultTimeoutMinutes * 60_000 : null;
        const ids = [first!, ...rest].map((end) => end.job.id);
        for (const id of await finishJobs(handle, ids, workerId, { status: first!.status, lastError: first!.lastError, resultDueAt }, at)) written.add(id);
      }
      const finalRows = [];
      const finalEvents = [];
      const waitingEvents = [];
      for (const end of ends) {
        if (!written.has(end.job.id)) continue;
        const row = { ...end.job, status: end.status, disposition: null, delivered_at: end.status === 'failed' ? null : at };
        const delivered = end.status === 'delivered' && end.announced ? [jobEvent('outbound.job.delivered', row, at)] : [];
        // A final job may complete its request; a waiting one only announces its delivery.
        if (waits(end)) waitingEvents.push(...delivered);
        else {
          finalRows.push(row);
          finalEvents.push(...delivered);
        }
      }
      if (finalRows.length > 0) await announceFinal(handle, database.dialect, finalRows, at, finalEvents);
      if (waitingEvents.length > 0) await enqueueStatusEvents(handle, waitingEvents, at, newMessageId);
      return ends.map((end) => ({ written: written.has(end.job.id), at }));
    };
    // Delivered jobs that wait for their outcome, of one kind, without callbacks: one statement (the hot path).
    const oneStatement = kinds.size === 1 && ends.every((end) => waits(end) && !end.announced);
    return oneStatement ? write(db) : db.transaction().execute(write);
  }
  const endJob = groupWrite(writeEnds);

  /** Closes delivered jobs whose outcome report is overdue (final `delivered`, no disposition) and announces them. */
  async function closeUnreported(): Promise<void> {
    const at = now();
    // One indexed look first: the transaction is only paid when a report is overdue.
    if (!(await hasOverdueResult(db, at))) return;
    const closed = await db.transaction().execute(async (trx) => {
      const jobs = await closeUnreportedJobs(trx, at, 200);
      await announceFinal(trx, database.dialect, jobs, at);
      return jobs.length;
    });
    if (closed) log.info({ closed }, 'delivered outbound jobs closed without an outcome report');
  }

  /** Claims what capacity allows; a task a job (refused ones are already finished). */
  const worker = leaseLoop({
    concurrency,
    pollMs,
    async claim(capacity) {
      await closeUnreported();
      const claimed = await claimJobs(db, { workerId, now: now(), leaseMs, limit: capacity });
      if (claimed.length === 0) return [];
      // A number put on the do-not-call list after scheduling is never dialled (docs/methods/create-outbound.md).
      const { deliver: jobs, refused } = await withoutListedJobs(db, claimed, workerId, now());
      noteRefused(refused);
      const lookups = createLookups(database);
      const finished: LeasedTask[] = refused.map((job) => ({ id: job.id, run: async () => {} }));
      return finished.concat(
        jobs.map((job) => ({
          id: job.id,
          run: () =>
            handle(job, lookups).catch((error: unknown) => {
              // The lease stays; the job is retried once it expires.
              log.error({ jobId: job.id, error: safeErrorMessage(error) }, 'outbound job handling failed');
            }),
        })),
      );
    },
    onClaimError: (error) => log.error({ error: safeErrorMessage(error) }, 'claiming outbound jobs failed'),
    async onClaimedAgain(jobIds) {
      await giveBackAttempts(db, jobIds, workerId);
      log.warn({ jobs: jobIds.length, leaseMs }, 'outbound deliveries outlasted their lease; they were not sent again');
    },
  });

  return {
    workerId,
    tick: worker.tick,
    start: worker.start,
    wake: worker.wake,
    async stop() {
      await worker.stop(
        shutdownMs,
        (abandoned) => {
          log.info({ abandoned }, 'outbound deliveries still in flight at shutdown are abandoned');
          abandonController.abort();
        },
        // An abandoned delivery ends at once; a database write in flight gets a moment.
        Math.min(1000, shutdownMs / 3),
      );
      ownDialer?.close();
      const released = await releaseLeases(db, workerId, now());
      if (released) log.info({ released }, 'released outbound job leases');
    },
  };
}

/** What the dialer receives for one dial of a claimed job (docs/methods/create-outbound.md, the dialer contract). */
export function dialerPayload(job: ClaimedJob): DialerPayload {
  return {
    requestId: job.request_id,
    executionId: job.execution_id,
    jobId: job.id,
    flowId: job.flow_id,
    accountId: job.account_id,
    contactNumber: job.contact_number,
    dueAt: new Date(job.due_at).toISOString(),
    attempt: job.dial,
    deliveryAttempt: job.attempts,
    resultPath: `/api/outbound-jobs/${job.id}/result`,
    stage: job.stage,
  };
}

/** A job's place in its flow's queue for throttle slots: `ready` once the jobs claimed before it have reserved theirs. */
interface ThrottleTurn {
  ready: Promise<void>;
  /** Lets the next job of the flow reserve (idempotent). */
  release(): void;
}

interface Lookups {
  /** Takes the next throttle turn of a flow in this batch. */
  throttleTurn(accountId: number, flowId: string): ThrottleTurn;
  flow(accountId: number, flowId: string): Promise<FlowWithSecrets | undefined>;
  account(accountId: number): Promise<Account | undefined>;
  /** Whether the account has an enabled status webhook (read once a batch). */
  hasEndpoints(accountId: number): Promise<boolean>;
}

/** Flows and accounts read once per claimed batch, and the batch's throttle turns per flow. */
function createLookups(database: DatabaseHandle): Lookups {
  const flows = new Map<string, Promise<FlowWithSecrets | undefined>>();
  const accounts = new Map<number, Promise<Account | undefined>>();
  const endpoints = new Map<number, Promise<boolean>>();
  const lastTurns = new Map<string, Promise<void>>();
  return {
    throttleTurn(accountId, flowId) {
      const key = `${accountId}:${flowId}`;
      const ready = lastTurns.get(key) ?? Promise.resolve();
      let release: () => void = () => {};
      lastTurns.set(key, new Promise<void>((resolve) => (release = resolve)));
      return { ready, release };
    },
    hasEndpoints(accountId) {
      let found = endpoints.get(accountId);
      if (!found) endpoints.set(accountId, (found = subscribedEndpoints(database.db, accountId).then((list) => list.length > 0)));
      return found;
    },
    flow(accountId, flowId) {
      const key = `${accountId}:${flowId}`;
      let found = flows.get(key);
      if (!found) flows.set(key, (found = findOutboundFlow(database.db, accountId, flowId)));
      return found;
    },
    account(accountId) {
      let found = accounts.get(accountId);
      if (!found) accounts.set(accountId, (found = findAccount(database.db, accountId)));
      return found;
    },
  };
}
