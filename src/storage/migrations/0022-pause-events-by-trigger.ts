import { sql, type Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

/**
 * SQLite's counterpart of PostgreSQL's pause function (0018-write-functions):
 * an agent's pause change and its event become one statement, so the
 * webhook's write needs no transaction and shares the group commit like any
 * other single write (docs/benchmark.md, thirty-fourth section).
 *
 * The update names its source in `pause_source`; the trigger fires only for
 * an update whose SET list names that column (`update of pause_source`) and
 * that changed the state, and records the event from the row. A release
 * before this one never sets `pause_source`, so on this schema it records
 * its events itself, once, as before (docs/deploying.md "Upgrades and
 * rollbacks"). PostgreSQL's function records the event itself: neither the
 * column nor the trigger exist there.
 */
export function pauseEventsByTrigger(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect !== 'sqlite') return;
      await db.schema.alterTable('agents').addColumn('pause_source', 'text').execute();
      await sql`
        create trigger agents_pause_event after update of pause_source on agents
        when old.paused is not new.paused
        begin
          insert into agent_pause_events (agent_id, account_id, paused, at, source)
            values (new.id, new.account_id, new.paused, new.updated_at, new.pause_source);
        end`.execute(db);
    },
    async down(db: AnyDb) {
      if (dialect !== 'sqlite') return;
      await sql`drop trigger agents_pause_event`.execute(db);
      await db.schema.alterTable('agents').dropColumn('pause_source').execute();
    },
  };
}
