import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds; webhook answers are mostly a few milliseconds, provider calls up to their timeout. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds from a job's due time to its delivery. */
const lagBuckets = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
const batchBuckets = [1, 5, 10, 25, 50, 100, 250, 500, 1000];

/** Hit and miss counts a cache keeps itself (read at scrape, so a lookup costs nothing extra). */
export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
}

/**
 * What the code reports, as plain functions: callers never see prom-client.
 * Each app (and each test app) has its own registry, so apps never collide.
 */
export interface Metrics {
  readonly registry: Registry;
  /** One answered webhook call; `seconds` from the request's start. */
  webhookAnswered(method: string, stage: string, outcome: string, status: number, seconds: number): void;
  /** One answered management API call; `route` is the route pattern (`GET /api/accounts/:id`). */
  apiAnswered(route: string, status: number): void;
  /** One call to an external provider (`google`, `libretranslate`, `dialer`); `failure` when it failed. */
  providerCall(provider: string, seconds: number, failure?: string): void;
  /** A delivered outbound job, `lagSeconds` after it was due. */
  outboundDelivered(lagSeconds: number): void;
  /** A job this node's dispatcher finished (`delivered`, `simulated`, `failed`). */
  outboundFinished(status: string): void;
  /** The size of one written batch of short-URL visits. */
  visitBatchWritten(size: number): void;
  /** Reports the translation cache's own hit and miss counts. */
  watchTranslationCache(stats: CacheStats): void;
  /** Reports the QR image cache's own hit and miss counts (a miss renders an image). */
  watchQrImageCache(stats: CacheStats): void;
}

/** Outbound jobs not yet finished, all nodes (src/storage/outbound-jobs.ts countLiveJobs). */
export interface LiveJobCounts {
  scheduled: number;
  dispatching: number;
  /** Scheduled and due by `now`: waiting for a dispatcher. */
  due: number;
}

/** What the metrics read from the database at scrape time (src/storage/readings.ts builds it). */
export interface DatabaseReadings {
  connections(): { total: number; idle: number; waiting: number };
  liveJobs(now: number): Promise<LiveJobCounts>;
  /** SQLite's group commit: durable writes and the commits that held them; absent on PostgreSQL. */
  groupCommits?(): { writes: number; commits: number };
  /** PostgreSQL: calls whose writes went together as one statement, and those statements, by kind of write; absent on SQLite. */
  groupedWrites?(): ReadonlyMap<string, { calls: number; writes: number }>;
  /** SQLite: statements prepared and kept by their text; absent on PostgreSQL. */
  preparedStatements?(): number;
  /** SQLite's checkpoints in the background (src/storage/sqlite-checkpointer.ts); absent when SQLite checkpoints inside commits. */
  checkpoints?(): { checkpoints: number; walFrames: number; running: boolean };
}

export interface MetricsOptions {
  /** Job counts and pool use are read from it at scrape time. */
  database?: DatabaseReadings;
  /** "Now" for the due-job count. Default: the system clock. */
  clock?: () => Date;
  /** Process metrics (CPU, memory, event loop, GC). Default true. */
  processMetrics?: boolean;
}

/** The metrics of one app, in a registry of its own. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const clock = options.clock ?? (() => new Date());
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });

  // Per-request metrics are tallied in plain numbers and handed to the
  // registry at scrape time: a prom-client inc() or observe() hashes its
  // labels on every call, about a microsecond a request.
  const webhookRequests = talliedCounter(registry, {
    name: 'flowhooks_webhook_requests_total',
    help: 'Webhook calls by method, stage, outcome (SUCCESS or FAILURE) and HTTP status.',
    labelNames: ['method', 'stage', 'outcome', 'status'],
  });
  const webhookDuration = talliedHistogram(registry, {
    name: 'flowhooks_webhook_duration_seconds',
    help: 'Time to answer a webhook call, by method.',
    labelNames: ['method'],
    buckets: latencyBuckets,
  });
  const apiRequests = talliedCounter(registry, {
    name: 'flowhooks_api_requests_total',
    help: 'Management API calls by route and HTTP status.',
    labelNames: ['route', 'status'],
  });
  // A dispatcher's delivery is counted three times (its call, its lag, its end): tallied as the requests are.
  const providerDuration = talliedHistogram(registry, {
    name: 'flowhooks_provider_request_duration_seconds',
    help: 'Calls to external providers (translation, dialer), by provider and outcome (ok or the failure).',
    labelNames: ['provider', 'outcome'],
    buckets: latencyBuckets,
  });
  const providerErrors = new Counter({
    name: 'flowhooks_provider_errors_total',
    help: 'Failed calls to external providers, by provider and failure (timeout, auth, quota, status, unreachable, error).',
    labelNames: ['provider', 'failure'] as const,
    registers,
  });
  const deliveryLag = talliedHistogram(registry, {
    name: 'flowhooks_outbound_delivery_lag_seconds',
    help: 'Time from an outbound job\'s due time to its delivery to the dialer (this node).',
    labelNames: [],
    buckets: lagBuckets,
  });
  const jobsFinished = talliedCounter(registry, {
    name: 'flowhooks_outbound_jobs_finished_total',
    help: 'Outbound jobs this node\'s dispatcher finished, by final status.',
    labelNames: ['status'],
  });
  const visitBatches = new Histogram({
    name: 'flowhooks_short_url_visit_batch_size',
    help: 'Visits written in one batch.',
    buckets: batchBuckets,
    registers,
  });

  const cacheStats: CacheStats[] = [];
  countedAtScrape(registers, 'flowhooks_translation_cache_lookups_total', 'Translation cache lookups by result (hit: memory or database; miss: the provider is asked).', () => lookupsByResult(cacheStats), ['result']);

  const qrStats: CacheStats[] = [];
  countedAtScrape(registers, 'flowhooks_qr_image_cache_lookups_total', 'QR image cache lookups by result (hit: served from memory; miss: the image is rendered).', () => lookupsByResult(qrStats), ['result']);

  const { database } = options;
  if (database) {
    // Registered before the job gauges, so it is read before their queries
    // take connections: the scrape's own queries never show as waiting
    // (the registry collects every metric at once, in registration order).
    new Gauge({
      name: 'flowhooks_database_connections',
      help: 'Database connections by state (total, idle, waiting: queries waiting for a connection). SQLite has one.',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const use = database.connections();
        this.set({ state: 'total' }, use.total);
        this.set({ state: 'idle' }, use.idle);
        this.set({ state: 'waiting' }, use.waiting);
      },
    });
    // Counters read at scrape time from the database's own counts (docs/deploying.md, Topology).
    const { groupCommits } = database;
    if (groupCommits) {
      countedAtScrape(registers, 'flowhooks_sqlite_writes_total', 'Durable writes on SQLite: write statements outside a transaction and committed transactions.', () => [[{}, groupCommits().writes]]);
      countedAtScrape(registers, 'flowhooks_sqlite_commits_total', 'SQLite commits; each holds the writes that arrived together (group commit).', () => [[{}, groupCommits().commits]]);
    }
    const { groupedWrites } = database;
    if (groupedWrites) {
      const byWrite = (read: (counts: { calls: number; writes: number }) => number) => () => [...groupedWrites()].map(([write, counts]) => [{ write }, read(counts)] as const);
      countedAtScrape(registers, 'flowhooks_postgres_grouped_calls_total', 'PostgreSQL: calls whose write went with the writes of calls that arrived together, by kind of write.', byWrite((counts) => counts.calls), ['write']);
      countedAtScrape(registers, 'flowhooks_postgres_grouped_statements_total', 'PostgreSQL: the statements that carried those writes (a failed statement\'s calls sent again one by one included).', byWrite((counts) => counts.writes), ['write']);
    }
    const { checkpoints } = database;
    if (checkpoints) {
      countedAtScrape(registers, 'flowhooks_sqlite_checkpoints_total', 'Checkpoints that copied SQLite\'s write-ahead log into the database file, with their syncs off the event loop (FLOWHOOKS_SQLITE_CHECKPOINT_MS).', () => [[{}, checkpoints().checkpoints]]);
      new Gauge({
        name: 'flowhooks_sqlite_wal_frames',
        help: 'Pages (4 KiB) in SQLite\'s write-ahead log at the last checkpoint; past 10 000 the commits checkpoint again.',
        registers,
        collect() {
          this.set(checkpoints().walFrames);
        },
      });
      new Gauge({
        name: 'flowhooks_sqlite_background_checkpoints_up',
        help: '1 while the background checkpoints run; 0 once they have stopped (a sync the disk refused) and SQLite checkpoints inside commits again.',
        registers,
        collect() {
          this.set(checkpoints().running ? 1 : 0);
        },
      });
    }
    const { preparedStatements } = database;
    if (preparedStatements) {
      new Gauge({
        name: 'flowhooks_sqlite_prepared_statements',
        help: 'SQLite statements prepared and kept by their text (at most 500); multi-row writes use a few fixed row counts, so this stays small.',
        registers,
        collect() {
          this.set(preparedStatements());
        },
      });
    }
    // Only live jobs are counted, through the (status, due_at) index: finished
    // jobs pile up forever, and counting them would make every scrape slower.
    // Both gauges are collected in the same scrape: one pair of queries serves them.
    let reading: Promise<LiveJobCounts | undefined> | undefined;
    const liveJobs = () => {
      reading ??= database.liveJobs(clock().getTime())
        .catch(() => undefined)
        .finally(() => setImmediate(() => (reading = undefined)));
      return reading;
    };
    new Gauge({
      name: 'flowhooks_outbound_jobs',
      help: 'Outbound jobs waiting (scheduled) or being delivered (dispatching), all nodes.',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        const counts = await liveJobs();
        if (!counts) return;
        this.set({ status: 'scheduled' }, counts.scheduled);
        this.set({ status: 'dispatching' }, counts.dispatching);
      },
    });
    new Gauge({
      name: 'flowhooks_outbound_queue_depth',
      help: 'Outbound jobs due now and not yet claimed (due), and all not yet delivered (undelivered), all nodes.',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        const counts = await liveJobs();
        if (!counts) return;
        this.set({ state: 'due' }, counts.due);
        this.set({ state: 'undelivered' }, counts.scheduled + counts.dispatching);
      },
    });
  }

  return {
    registry,
    webhookAnswered(method, stage, outcome, status, seconds) {
      const key = `${method} ${stage} ${outcome} ${status}`;
      if (!webhookRequests.increment(key)) webhookRequests.start(key, { method, stage, outcome, status: String(status) });
      if (!webhookDuration.observe(method, seconds)) webhookDuration.start(method, { method }, seconds);
    },
    apiAnswered(route, status) {
      const key = `${route} ${status}`;
      if (!apiRequests.increment(key)) apiRequests.start(key, { route, status: String(status) });
    },
    providerCall(provider, seconds, failure) {
      const outcome = failure ?? 'ok';
      const key = `${provider} ${outcome}`;
      if (!providerDuration.observe(key, seconds)) providerDuration.start(key, { provider, outcome }, seconds);
      if (failure) providerErrors.inc({ provider, failure });
    },
    outboundDelivered(lagSeconds) {
      deliveryLag.observe('', Math.max(0, lagSeconds));
    },
    outboundFinished(status) {
      if (!jobsFinished.increment(status)) jobsFinished.start(status, { status });
    },
    visitBatchWritten(size) {
      visitBatches.observe(size);
    },
    watchTranslationCache(stats) {
      cacheStats.push(stats);
    },
    watchQrImageCache(stats) {
      qrStats.push(stats);
    },
  };
}

/** Cache lookups as `result` hit and miss, summed over the caches. */
const lookupsByResult = (caches: readonly CacheStats[]) =>
  caches.flatMap((stats) => [[{ result: 'hit' }, stats.hits], [{ result: 'miss' }, stats.misses]] as const);

/** A counter whose totals are counted elsewhere and read when scraped: `read` gives each label set's total. */
function countedAtScrape(
  registers: Registry[],
  name: string,
  help: string,
  read: () => Iterable<readonly [Record<string, string>, number]>,
  labelNames: string[] = [],
): void {
  new Counter({
    name,
    help,
    labelNames,
    registers,
    collect() {
      this.reset();
      for (const [labels, total] of read()) this.inc(labels, total);
    },
  });
}

/**
 * A counter kept as plain numbers by label set; `add` costs a Map lookup.
 * prom-client's Counter publishes the totals when scraped.
 */
function talliedCounter(registry: Registry, options: { name: string; help: string; labelNames: string[] }) {
  const tallies = new Map<string, { labels: Record<string, string>; count: number }>();
  new Counter({
    ...options,
    registers: [registry],
    collect() {
      this.reset();
      for (const tally of tallies.values()) this.inc(tally.labels, tally.count);
    },
  });
  return {
    /** Counts one for the label set `key` names; false when `key` is new (then call start). */
    increment(key: string): boolean {
      const tally = tallies.get(key);
      if (tally) tally.count++;
      return tally !== undefined;
    },
    /** Counts the first one of a label set. */
    start(key: string, labels: Record<string, string>) {
      tallies.set(key, { labels, count: 1 });
    },
  };
}

/**
 * A histogram kept in plain arrays by label set (an observation is a Map
 * lookup, a bucket search and three additions) and handed to the registry
 * in prom-client's metric shape when scraped. A histogram without labels is
 * exposed from the start, with zeros, as prom-client's is.
 */
function talliedHistogram(registry: Registry, options: { name: string; help: string; labelNames: string[]; buckets: readonly number[] }) {
  const { name, help, labelNames, buckets } = options;
  type Tally = { labels: Record<string, string>; counts: number[]; sum: number; count: number };
  const series = new Map<string, Tally>();
  const newTally = (labels: Record<string, string>): Tally => ({ labels, counts: buckets.map(() => 0), sum: 0, count: 0 });
  const unlabelled = () => {
    if (labelNames.length === 0) series.set('', newTally({}));
  };
  unlabelled();
  const metric = {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const values: Array<{ labels: Record<string, string | number>; value: number; metricName: string }> = [];
      for (const { labels, counts, sum, count } of series.values()) {
        let cumulative = 0;
        buckets.forEach((bound, index) => {
          cumulative += counts[index]!;
          values.push({ labels: { ...labels, le: bound }, value: cumulative, metricName: `${name}_bucket` });
        });
        values.push(
          { labels: { ...labels, le: '+Inf' }, value: count, metricName: `${name}_bucket` },
          { labels, value: sum, metricName: `${name}_sum` },
          { labels, value: count, metricName: `${name}_count` },
        );
      }
      return { name, help, type: 'histogram', values, aggregator: 'sum' };
    },
    reset() {
      series.clear();
      unlabelled();
    },
  };
  // The registry reads any object with prom-client's metric shape.
  registry.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);
  return {
    /** Observes `value` for the label set `key` names (its values joined; '' without labels); false when `key` is new (then call start). */
    observe(key: string, value: number): boolean {
      const tally = series.get(key);
      if (tally) add(tally, value);
      return tally !== undefined;
    },
    /** Observes the first value of a label set. */
    start(key: string, labels: Record<string, string>, value: number) {
      const tally = newTally(labels);
      series.set(key, tally);
      add(tally, value);
    },
  };
  function add(tally: Tally, value: number) {
    for (let index = 0; index < buckets.length; index++) {
      if (value <= buckets[index]!) {
        tally.counts[index]!++;
        break;
      }
    }
    tally.sum += value;
    tally.count++;
  }
}
