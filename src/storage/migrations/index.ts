import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../dialect.js';
import { foundation } from './0001-foundation.js';
import { holidays } from './0002-holidays.js';
import { agents } from './0003-agents.js';
import { reports } from './0004-reports.js';
import { numbering } from './0005-numbering.js';
import { translations } from './0006-translations.js';
import { outbound } from './0007-outbound.js';
import { shortUrls } from './0008-short-urls.js';
import { invocations } from './0009-invocations.js';
import { outboundRequestsByAccount } from './0010-outbound-requests-by-account.js';
import { languageSource } from './0013-language-source.js';
import { deploying } from './0014-deploying.js';
import { overview } from './0015-overview.js';
import { outboundLoop } from './0016-outbound-loop.js';
import { doNotCall } from './0017-do-not-call.js';
import { writeFunctions } from './0018-write-functions.js';
import { unfinishedJobs } from './0019-unfinished-jobs.js';
import { partialJobIndexes } from './0020-partial-job-indexes.js';
import { visitCounts } from './0021-visit-counts.js';
import { pauseEventsByTrigger } from './0022-pause-events-by-trigger.js';
import { idempotencyKeysPerStage } from './0023-idempotency-keys-per-stage.js';
import { reportSecretsOfDeletedFlows } from './0024-report-secrets-of-deleted-flows.js';

/**
 * Migrations of this release that drop or rewrite something an older release
 * reads, by name, with what breaks (docs/deploying.md "Upgrades and
 * rollbacks"). Empty: every migration of this major version is additive.
 * A release that adds one here says so at start, before migrating.
 */
export const destructiveMigrations: Readonly<Record<string, string>> = {};

/** The one ordered list of migrations; both databases run the same list. */
export function migrationList(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-foundation': foundation(dialect),
    '0002-holidays': holidays(dialect),
    '0003-agents': agents(dialect),
    '0004-reports': reports(dialect),
    '0005-numbering': numbering(dialect),
    '0006-translations': translations(dialect),
    '0007-outbound': outbound(dialect),
    '0008-short-urls': shortUrls(dialect),
    '0009-invocations': invocations(dialect),
    '0010-outbound-requests-by-account': outboundRequestsByAccount(),
    '0013-language-source': languageSource(),
    '0014-deploying': deploying(),
    '0015-overview': overview(),
    '0016-outbound-loop': outboundLoop(dialect),
    '0017-do-not-call': doNotCall(),
    '0018-write-functions': writeFunctions(dialect),
    '0019-unfinished-jobs': unfinishedJobs(),
    '0020-partial-job-indexes': partialJobIndexes(),
    '0021-visit-counts': visitCounts(dialect),
    '0022-pause-events-by-trigger': pauseEventsByTrigger(dialect),
    '0023-idempotency-keys-per-stage': idempotencyKeysPerStage(),
    '0024-report-secrets-of-deleted-flows': reportSecretsOfDeletedFlows(),
  };
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  const migrations = migrationList(dialect);
  return { getMigrations: async () => migrations };
}

