import type { DatabaseReadings } from '../observability/metrics.js';
import type { DatabaseHandle } from './db.js';
import { groupWriteCounts } from '../kernel/group-write.js';
import { countLiveJobs } from './outbound-jobs.js';

/** What the metrics read from a database at scrape time: pool use and live outbound jobs (docs/operations.md, Metrics). */
export function databaseReadings(handle: DatabaseHandle): DatabaseReadings {
  return {
    connections: () => handle.connections(),
    liveJobs: (now) => countLiveJobs(handle.db, now),
    ...(handle.groupCommits ? { groupCommits: handle.groupCommits } : {}),
    ...(handle.preparedStatements ? { preparedStatements: handle.preparedStatements } : {}),
    ...(handle.dialect === 'postgres' ? { groupedWrites: () => groupWriteCounts(handle.db) } : {}),
    ...(handle.checkpoints ? { checkpoints: handle.checkpoints } : {}),
  };
}
