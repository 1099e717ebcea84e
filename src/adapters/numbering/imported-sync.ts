import type { Database } from '../../storage/db.js';
import { countImports, listImportedSeries } from '../../storage/numbering-series.js';
import type { NumberingPlan } from './numbering.js';

/** How often a node checks for imports made on other nodes. */
export const importPollMs = 30_000;

export interface ImportedSeriesSync {
  /** Reloads the imported series when an import has committed since the last load. */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * Keeps a plan's imported layer equal to the database's: loaded at start,
 * reloaded at once after an import on this node (the route calls refresh),
 * and within `pollMs` after an import on another node. The poll reads one
 * count; the series are read only when it changed.
 */
export async function startImportedSeriesSync(
  plan: NumberingPlan,
  db: Database,
  options: { pollMs?: number; onError?: (error: unknown) => void } = {},
): Promise<ImportedSeriesSync> {
  const onError = options.onError ?? (() => {});
  let loadedCount = -1;
  // Loads run one after another, so a refresh asked for after an import always reads after its commit.
  let queue: Promise<void> = Promise.resolve();
  const load = async () => {
    // Count first: an import committing in between is loaded now and again at the next poll, never missed.
    const count = await countImports(db);
    if (count === loadedCount) return;
    plan.replaceImported(await listImportedSeries(db));
    loadedCount = count;
  };
  const refresh = () => {
    const next = queue.then(load);
    queue = next.catch(() => {});
    return next;
  };
  // A failed load (database away, not yet migrated) is retried at the next
  // tick; lookups answer from the data loaded so far (the shipped data at least).
  await refresh().catch(onError);
  const timer = setInterval(() => refresh().catch(onError), options.pollMs ?? importPollMs).unref();
  return {
    refresh,
    stop: () => clearInterval(timer),
  };
}
