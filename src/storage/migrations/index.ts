import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../db.js';
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
import { outboundLoop } from './0016-outbound-loop.js';

/** The one ordered list of migrations; both databases run the same list. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
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
    '0016-outbound-loop': outboundLoop(dialect),
  };
  return { getMigrations: async () => migrations };
}

export type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
