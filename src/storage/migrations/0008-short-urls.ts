import type { Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

/** Short-URL customers and their domains, short URLs, their visits, chatbots and bot sessions (docs/methods/linkcreation.md, docs/short-urls.md). */
export function shortUrls(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('short_customers')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('short_customers_account').on('short_customers').column('account_id').execute();

      await db.schema
        .createTable('short_domains')
        .addColumn('host', 'text', (column) => column.primaryKey())
        .addColumn('customer_id', 'text', (column) => column.notNull().references('short_customers.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('short_domains_customer').on('short_domains').column('customer_id').execute();

      await db.schema
        .createTable('short_urls')
        .addColumn('id', 'text', (column) => column.primaryKey())
        // '' is the default short domain, so links survive a change of FLOWHOOKS_SHORT_BASE_URL.
        .addColumn('domain', 'text', (column) => column.notNull())
        .addColumn('code', 'text', (column) => column.notNull())
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('customer_id', 'text', (column) => column.references('short_customers.id').onDelete('cascade'))
        .addColumn('long_url', 'text', (column) => column.notNull())
        .addColumn('url_hash', 'text', (column) => column.notNull())
        .addColumn('reuse_key', 'text')
        .addColumn('redirect_status', 'integer', (column) => column.notNull())
        .addColumn('custom_slug', 'integer', (column) => column.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('max_visits', 'integer')
        .addColumn('disabled', 'integer', (column) => column.notNull())
        .addColumn('human_visits', 'bigint', (column) => column.notNull())
        .addColumn('bot_visits', 'bigint', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .addUniqueConstraint('short_urls_domain_code', ['domain', 'code'])
        // One plain link per customer, domain, URL and status; concurrent creations cannot duplicate it.
        .addUniqueConstraint('short_urls_reuse', ['reuse_key'])
        .execute();
      await db.schema.createIndex('short_urls_account').on('short_urls').columns(['account_id', 'created_at']).execute();
      await db.schema.createIndex('short_urls_customer').on('short_urls').column('customer_id').execute();

      await db.schema
        .createTable('short_url_visits')
        .addColumn('link_id', 'text', (column) => column.notNull().references('short_urls.id').onDelete('cascade'))
        .addColumn('visited_at', 'bigint', (column) => column.notNull())
        .addColumn('referrer', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('bot', 'integer', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('short_url_visits_link').on('short_url_visits').columns(['link_id', 'visited_at']).execute();

      await db.schema
        .createTable('bots')
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('bot_id', 'text', (column) => column.notNull())
        .addColumn('base_url', 'text', (column) => column.notNull())
        .addColumn('token_hash', 'text', (column) => column.notNull())
        .addColumn('link_mode', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('bots_pk', ['account_id', 'bot_id'])
        .execute();

      await db.schema
        .createTable('bot_sessions')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('bot_id', 'text', (column) => column.notNull())
        .addColumn('cli', 'text', (column) => column.notNull())
        .addColumn('variables', 'text', (column) => column.notNull())
        .addColumn('short_url', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('bot_sessions').execute();
      await db.schema.dropTable('bots').execute();
      await db.schema.dropTable('short_url_visits').execute();
      await db.schema.dropTable('short_urls').execute();
      await db.schema.dropTable('short_domains').execute();
      await db.schema.dropTable('short_customers').execute();
    },
  };
}
