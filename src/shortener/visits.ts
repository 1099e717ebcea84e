import { isbot } from 'isbot';
import { BoundedCache } from '../kernel/bounded-cache.js';
import type { Database } from '../storage/db.js';
import { insertVisits, type VisitRecord } from '../storage/short-urls.js';

/** The recorder's defaults: a batch every 500 ms, or at once at 1 000 visits. */
export const visitRecorderDefaults = { flushIntervalMs: 500, batchSize: 1000 } as const;

/** Named as the invocation log's options (invocations/log.ts), which buffer the same way. */
export interface VisitRecorderOptions {
  /** How often buffered visits are written, in ms. Default 500. */
  flushIntervalMs?: number;
  /** A buffer this long is written at once. Default 1000. */
  batchSize?: number;
  /** Visits kept while the database does not take them; past this new visits are not recorded. Default 100 × batchSize. */
  maxBuffered?: number;
  /** Told when a batch could not be written (the visits are dropped; the redirects were already answered). */
  onError?: (error: unknown, dropped: number) => void;
  /** Told which links a written batch touched. */
  onFlushed?: (linkIds: ReadonlySet<string>) => void;
  /** Told after each batch written, with its size (metrics). */
  onBatch?: (size: number) => void;
}

/** Characters of a user agent kept with a visit, and judged by isbot. */
export const maxStoredAgentLength = 512;

/**
 * isbot's verdicts on the agents seen lately. Phones send a few hundred
 * distinct user agents and the bot pattern is one large regular expression,
 * so verdicts are cached; keyed by the stored (truncated) agent, so anyone
 * sending distinct 16 KB agents fills at most 5 000 × 512 characters.
 */
export const botVerdicts = new BoundedCache<string, boolean>({ entries: 5_000 });

function isBotAgent(storedAgent: string): boolean {
  let verdict = botVerdicts.get(storedAgent);
  if (verdict === undefined) {
    verdict = isbot(storedAgent);
    botVerdicts.set(storedAgent, verdict);
  }
  return verdict;
}

/**
 * A visit as seen on the request: the bot flag comes from the stored user
 * agent (isbot), so a visit's flag always agrees with the agent kept with it;
 * no user agent counts as a bot.
 */
export function visitOf(linkId: string, visitedAt: number, referrer: string | undefined, userAgent: string | undefined): VisitRecord {
  const storedAgent = userAgent ? userAgent.slice(0, maxStoredAgentLength) : null;
  return {
    linkId,
    visitedAt,
    referrer: referrer ? referrer.slice(0, 1024) : null,
    userAgent: storedAgent,
    bot: !storedAgent || isBotAgent(storedAgent),
  };
}

/**
 * Records visits off the request path: `record` only appends to an in-memory
 * buffer; a timer writes the buffer as one batch every `flushIntervalMs` (and
 * at once when it reaches `batchSize`), and `close` writes what is left. A
 * crash loses at most the visits of the last interval, never a redirect.
 */
export function createVisitRecorder(db: Database, options: VisitRecorderOptions = {}) {
  const batchSize = options.batchSize ?? visitRecorderDefaults.batchSize;
  const maxBuffered = options.maxBuffered ?? batchSize * 100;
  let buffer: VisitRecord[] = [];
  /** Human visits not yet written, by link, so visit limits count them. */
  const pendingHumans = new Map<string, number>();
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    // Batches are written one after another, so counts never race each other.
    writing = writing.then(async () => {
      if (buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      const touched = new Set(batch.map((visit) => visit.linkId));
      try {
        await insertVisits(db, batch);
        options.onBatch?.(batch.length);
      } catch (error) {
        options.onError?.(error, batch.length);
      } finally {
        for (const visit of batch) {
          if (visit.bot) continue;
          const left = (pendingHumans.get(visit.linkId) ?? 1) - 1;
          if (left > 0) pendingHumans.set(visit.linkId, left);
          else pendingHumans.delete(visit.linkId);
        }
      }
      options.onFlushed?.(touched);
    });
    return writing;
  };

  const timer = setInterval(() => void flush(), options.flushIntervalMs ?? visitRecorderDefaults.flushIntervalMs);
  timer.unref();

  return {
    record(visit: VisitRecord): void {
      // While the database does not answer, keep a bounded backlog rather than all memory.
      if (buffer.length >= maxBuffered) return;
      buffer.push(visit);
      if (!visit.bot) pendingHumans.set(visit.linkId, (pendingHumans.get(visit.linkId) ?? 0) + 1);
      if (buffer.length >= batchSize) void flush();
    },
    /** Human visits of a link recorded on this node and not yet written. */
    pendingHumanVisits(linkId: string): number {
      return pendingHumans.get(linkId) ?? 0;
    },
    /** Writes everything buffered so far; resolves when it is written. */
    flush,
    async close(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
  };
}

export type VisitRecorder = ReturnType<typeof createVisitRecorder>;
