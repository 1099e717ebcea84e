import type { Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

/** Direct-dial agents and their pause history (docs/methods/agents.md). */
export function agents(dialect: Dialect): Migration {
  // An integer key the database assigns: serial on PostgreSQL, the rowid alias on SQLite.
  const idType = dialect === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('agents')
        .addColumn('id', idType, (column) => column.primaryKey())
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('cli', 'text', (column) => column.notNull())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('paused', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('paused_since', 'bigint')
        .addColumn('last_allocated_at', 'bigint', (column) => column.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .addUniqueConstraint('agents_account_cli', ['account_id', 'cli'])
        .execute();
      // Allocation reads the account's unpaused agents, least recently allocated first.
      await db.schema.createIndex('agents_allocation').on('agents').columns(['account_id', 'paused', 'last_allocated_at', 'id']).execute();

      await db.schema
        .createTable('agent_pause_events')
        .addColumn('id', idType, (column) => column.primaryKey())
        .addColumn('agent_id', 'integer', (column) => column.notNull().references('agents.id').onDelete('cascade'))
        .addColumn('account_id', 'integer', (column) => column.notNull())
        .addColumn('paused', 'integer', (column) => column.notNull())
        .addColumn('at', 'bigint', (column) => column.notNull())
        .addColumn('source', 'text', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('agent_pause_events_agent_at').on('agent_pause_events').columns(['agent_id', 'at']).execute();
      await db.schema.createIndex('agent_pause_events_account_at').on('agent_pause_events').columns(['account_id', 'at']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('agent_pause_events').execute();
      await db.schema.dropTable('agents').execute();
    },
  };
}
