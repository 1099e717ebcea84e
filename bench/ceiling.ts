import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { bootstrap } from '../src/auth/bootstrap.js';
import { sha256Hex } from '../src/kernel/hash.js';
import { groupWrite } from '../src/kernel/group-write.js';
import { insertAgent } from '../src/storage/agents.js';
import { insertBot } from '../src/storage/bots.js';
import { migrateToLatest, openDatabase } from '../src/storage/db.js';
import { insertOutboundFlow } from '../src/storage/outbound-flows.js';
import { insertShortCustomer } from '../src/storage/short-customers.js';
import { insertShortUrl } from '../src/storage/short-urls.js';
import type { FloorDriver } from './dispatch-floor.js';
import { connections } from './options.js';
import type { Figures } from './runner.js';
import { adminToken, bareLink, token } from './scenarios.js';

/**
 * The floor of a call (`BENCH_PARTS=ceiling`, docs/benchmark.md "The bare
 * handler with the call's statements"): the bare Fastify process of the
 * baseline (bench/bare-server.ts) also answers `POST /floor/{scenario}` by
 * running the statements that webhook call runs, straight through the driver
 * the service uses (better-sqlite3 on one connection; node-postgres, a pool of
 * `connections`, named statements; on PostgreSQL the writes the service sends
 * together, pullreport's, the three write functions', createOutbound's and
 * linkcreation's inserts, and fetchUserPreferences' read, as one statement for the calls of a turn, each array
 * behind a sub-select as the service gives it (src/storage/prepared.ts arrayParam); what the
 * service keeps in memory, linkcreation's bot, read once in its time), with no
 * query builder, no authentication and no webhook protocol, on a schema made
 * by the service's own migrations.
 * Loaded like the scenarios, beside the bare handler in the same process: a
 * call that runs these statements over HTTP cannot be answered faster on this
 * machine, so its ratio is the highest the call can reach.
 */

/** One database's floor pass: the bare handler and each call's floor, in one process. */
export interface CeilingPass {
  database: string;
  bare: Figures;
  rows: CeilingRow[];
  /** The dispatcher's floor (bench/dispatch-floor.ts): two runs, the first on code not yet compiled; deliveries/s and the process's CPU a job. */
  dispatch: Array<{ perSecond: number; cpuMicros: number }>;
}

export interface CeilingRow {
  database: string;
  /** The webhook scenario whose statements these are (bench/scenarios.ts). */
  scenario: string;
  work: string;
  figures: Figures;
  /** The bare handler this floor is set against when it is not the pass's POST: the redirect's is its GET. */
  bare?: Figures;
  /**
   * The statements with what every call records (`POST /floor-record/{scenario}`, bench/call-record.ts); `scenario`
   * is `none` for that record alone.
   */
  recorded?: boolean;
}

/** One call's statements; `n` makes each run's contact or call id new where the call writes a new row. */
interface Work {
  scenario: string;
  name: string;
  /** A write is made durable before the answer; a transaction's statements are also one unit (on PostgreSQL a function call is). */
  kind: 'read' | 'write' | 'transaction';
  sqlite(prepare: (sql: string) => SqliteDatabase.Statement, n: number): void;
  postgres(client: pg.PoolClient, n: number): Promise<void>;
  /**
   * The statement the service sends for the calls of one event-loop turn, and those that queue behind
   * it, together (docs/deploying.md "Topology"): one for `ns`, one write at a time, as groupWrite does.
   */
  postgresTogether?(client: pg.PoolClient, ns: number[]): Promise<void>;
  /** With postgresTogether: the reads of the calls of one turn as one statement, before their write joins the others'. */
  postgresReadsTogether?(client: pg.PoolClient, ns: number[]): Promise<void>;
}

const now = Date.now();
/**
 * `n` spread over 32 bits (a bijection): the keys below land at random places of their indexes, as the
 * scenarios' random contacts, call ids, codes and hashes do. Keys in order would all land on an index's
 * last page, and an insert at a random place writes a page of its own (docs/benchmark.md, sixteenth section).
 */
const spread = (n: number) => {
  let x = Math.imul((n ^ (n >>> 16)) >>> 0, 0x45d9f3b) >>> 0;
  x = Math.imul((x ^ (x >>> 16)) >>> 0, 0x45d9f3b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
};
const contact = (n: number) => `+9193${String(spread(n) % 100_000_000).padStart(8, '0')}`;
/** The 20 agents of the bench's account (bench/scenarios.ts), one a call in turn. */
const agentNumber = (n: number) => `+9197000000${String(n % 20).padStart(2, '0')}`;
/** `?, ?, …` (SQLite) or `$from, $from+1, …` (PostgreSQL). */
export const placeholders = (count: number, from: number, style: '?' | '$' = '?') => Array.from({ length: count }, (_, index) => (style === '?' ? '?' : `$${from + index}`)).join(', ');
const uniqueHex = (n: number) => `${spread(n).toString(16).padStart(8, '0')}${process.pid.toString(16)}${n.toString(16)}`.padEnd(64, '0');
const requestColumns = ['id', 'execution_id', 'account_id', 'flow_id', 'stage', 'idempotency_key', 'answer', 'created_at', 'cancelled_at', 'completed_at'];
const requestValues = (n: number) => [`request-${process.pid}-${n}`, `execution-${process.pid}-${n}`, 1, 'BENCH001', 'prod', null, floorAnswer, now, null, null];
const jobColumns = ['id', 'request_id', 'account_id', 'flow_id', 'stage', 'contact_number', 'position', 'due_at', 'status', 'attempts', 'last_error', 'locked_by', 'locked_until', 'delivered_at', 'dial', 'disposition', 'result_due_at', 'finished_at', 'created_at', 'updated_at'];
const jobValues = (n: number) => [`job-${process.pid}-${n}`, `request-${process.pid}-${n}`, 1, 'BENCH001', 'prod', contact(n), 0, now + 7 * 86_400_000, 'scheduled', 0, null, null, null, null, 1, null, null, null, now, now];
/** The size of createOutbound's stored answer (five outputs). */
const floorAnswer = JSON.stringify([
  { name: '$flow.key.obdResponseCode', value: '200' },
  { name: '$flow.key.obdReqID', value: '7f0c3c2e-8a51-4a8e-9a0b-3a1c2f4d5e6f' },
  { name: '$flow.key.obdPhononUUID', value: '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9' },
  { name: '$flow.key.obdRefusedNumbers', value: '' },
  { name: '$flow.key.obdDuplicateNumbers', value: '' },
]);
const linkColumns = ['id', 'domain', 'code', 'account_id', 'customer_id', 'long_url', 'url_hash', 'reuse_key', 'redirect_status', 'custom_slug', 'expires_at', 'max_visits', 'disabled', 'human_visits', 'bot_visits', 'created_at', 'updated_at'];
const linkValues = (n: number) => {
  const longUrl = `https://bot.example.com/chat?cli=${contact(n)}&botid=bench-bot&orderId=${n}`;
  return [`link-${process.pid}-${n}`, '', `${spread(n).toString(36)}${process.pid.toString(36)}${n.toString(36)}`, 1, floorCustomerId, longUrl, uniqueHex(n + 1), uniqueHex(n), 302, 0, null, null, 0, 0, 0, now, now];
};
const sessionValues = (n: number) => [`session-${process.pid}-${n}`, 1, 'bench-bot', contact(n), JSON.stringify({ cli: contact(n), botid: 'bench-bot', orderId: String(n) }), `http://127.0.0.1/f${n.toString(36)}`, now];
const floorCustomerId = 'floor-customer';
/** linkColumns' types, for their arrays on PostgreSQL. */
const linkColumnTypes = ['text', 'text', 'text', 'integer', 'text', 'text', 'text', 'text', 'integer', 'integer', 'bigint', 'integer', 'integer', 'bigint', 'bigint', 'bigint', 'bigint'];
/** The bot sessions' columns' types, for their arrays on PostgreSQL. */
const sessionColumnTypes = ['text', 'integer', 'text', 'text', 'text', 'text', 'bigint'];
/** The bot sessions of `ns`, one array a column. */
/**
 * The arrays `$from`, `$from + 1`, … of `types` for `unnest`, each behind a sub-select as the service gives
 * them (src/storage/prepared.ts arrayParam), so a floor statement keeps one plan as the service's does.
 */
/** `(select $1::integer[]), (select $2::text[])`: arrays for `unnest`, each behind a sub-select as the service gives them (src/storage/prepared.ts arrayParam). */
export const unnestArrays = (types: readonly string[], from = 1) => types.map((type, index) => `(select $${from + index}::${type}[])`).join(', ');
const sessionColumnsOf = (ns: number[]) => Array.from({ length: 7 }, (_, index) => ns.map((n) => sessionValues(n)[index]));
/** linkcreation's reads on PostgreSQL: the bot and the account's link owner (its link's URL is new, so no look-up by reuse key). */
const linkReads = async (client: pg.PoolClient) => {
  await client.query({ name: 'bot', text: 'select account_id, bot_id, base_url, link_mode, created_at, updated_at, token_hash from bots where account_id = $1 and bot_id = $2', values: [1, 'bench-bot'] });
  await client.query({ name: 'owner', text: linkOwnerSql('$1'), values: [1] });
};
/**
 * The service keeps linkcreation's bot and link owner in memory for 5 s (src/bots/cache.ts),
 * so a call reads them only when that copy is older: true, and the copy renewed, when the floor's call should read.
 */
let botKeptSince = -Infinity;
const botReadDue = () => {
  const at = performance.now();
  if (at - botKeptSince < 5_000) return false;
  botKeptSince = at;
  return true;
};
/** The same for the calls of one turn: each call's bot with its account's link owner, one statement. */
const linkReadsTogether = async (client: pg.PoolClient, ns: number[]) =>
  void (await client.query({
    name: 'bot-owner-together',
    text: `select given.position, bot.account_id, bot.bot_id, bot.base_url, bot.link_mode, bot.created_at, bot.updated_at, bot.token_hash, owner.id, owner.host
      from unnest(${unnestArrays(['integer', 'text'])}) with ordinality as given(account_id, bot_id, position)
      left join bots as bot on bot.account_id = given.account_id and bot.bot_id = given.bot_id
      left join lateral (${linkOwnerSql('given.account_id')}) as owner on true`,
    values: [ns.map(() => 1), ns.map(() => 'bench-bot')],
  }));
/** createOutbound's reads on PostgreSQL: its flow, and the do-not-call list for its number. */
const outboundReads = async (client: pg.PoolClient, n: number) => {
  await client.query({ name: 'flow', text: 'select * from outbound_flows where account_id = $1 and flow_id = $2', values: [1, 'BENCH001'] });
  await client.query({ name: 'listed', text: 'select number from do_not_call_numbers where account_id = $1 and number in ($2)', values: [1, contact(n)] });
};
/** createOutbound's reads on PostgreSQL for the calls of one turn: each call's flow with its number's do-not-call entries, one statement. */
const outboundReadsTogether = async (client: pg.PoolClient, ns: number[]) =>
  void (await client.query({
    name: 'flow-listed-together',
    text: `select given.position, flow.*, array(select entry.number from do_not_call_numbers as entry
        where entry.account_id = given.account_id and entry.number = any(($3::text[])[given.first:given.last])) as listed
      from unnest(${unnestArrays(['integer', 'text'])}, ${unnestArrays(['integer'], 4)}, ${unnestArrays(['integer'], 4)}) with ordinality as given(account_id, flow_id, first, last, position)
      join outbound_flows as flow on flow.account_id = given.account_id and flow.flow_id = given.flow_id`,
    values: [ns.map(() => 1), ns.map(() => 'BENCH001'), ns.map((n) => contact(n)), ns.map((_, index) => index + 1)],
  }));
const linkOwnerSql = (parameter: string) =>
  `select customer.id, (select domain.host from short_domains as domain where domain.customer_id = customer.id order by domain.host limit 1) as host from short_customers as customer where customer.account_id = ${parameter} order by customer.created_at, customer.id limit 1`;

/** fetchUserPreferences' read of a contact, as the service sends it: alone, and (PostgreSQL) the contacts of the calls of a turn in one statement. */
export const contactReads = {
  sqlite: 'select name, value from user_preferences where account_id = ? and contact_id = ? order by name',
  postgres: 'select name, value from user_preferences where account_id = $1 and contact_id = $2 order by name',
  postgresTogether: `select given.position, preference.name, preference.value
    from unnest(${unnestArrays(['integer', 'text'])}) with ordinality as given(account_id, contact_id, position)
    join user_preferences as preference on preference.account_id = given.account_id and preference.contact_id = given.contact_id
    order by given.position, preference.name`,
};

const works: Work[] = [
  {
    scenario: 'fetchUserPreferences',
    name: 'one indexed read of a stored contact (PostgreSQL: the reads of the calls of a turn in one statement)',
    kind: 'read',
    sqlite: (prepare) => void prepare(contactReads.sqlite).all(1, contact(0)),
    postgres: async (client) => void (await client.query({ name: 'fetch', text: contactReads.postgres, values: [1, contact(0)] })),
    // The service's grouped read: the contacts of the calls together, one statement.
    postgresTogether: async (client, ns) => void (await client.query({ name: 'fetch-together', text: contactReads.postgresTogether, values: [ns.map(() => 1), ns.map(() => contact(0))] })),
  },
  {
    scenario: 'updateUserPreferences',
    name: 'a two-row upsert that checks the preference limit itself (PostgreSQL: one function call a call, the calls of a turn in one statement)',
    kind: 'write',
    sqlite: (prepare, n) =>
      void prepare(
        `insert into user_preferences (account_id, contact_id, name, value, updated_at)
         select ?, ?, changed.column1, changed.column2, ? from (values (?, ?), (?, ?)) as changed
         where (select count(*) from user_preferences where account_id = ? and contact_id = ? and name not in (?, ?)) + 2 <= ?
         on conflict (account_id, contact_id, name) do update set value = excluded.value, updated_at = excluded.updated_at`,
      ).run(1, contact(n + 1), now, 'language', 'HINDI', 'segment', 'gold', 1, contact(n + 1), 'language', 'segment', 200),
    postgres: async (client, n) =>
      void (await client.query({
        name: 'apply',
        text: 'select flowhooks_apply_preferences($1, $2, $3, $4, $5, $6) as total',
        values: [1, contact(n + 1), ['language', 'segment'], ['HINDI', 'gold'], now, 200],
      })),
    postgresTogether: async (client, ns) =>
      void (await client.query({
        name: 'apply-together',
        text: `select given.position, flowhooks_apply_preferences(given.account_id, given.contact_id,
            ($7::text[])[given.first:given.last], ($8::text[])[given.first:given.last], given.now, given.max) as total
          from unnest(${unnestArrays(['integer', 'text', 'integer', 'integer', 'bigint', 'integer'])})
            with ordinality as given(account_id, contact_id, first, last, now, max, position)`,
        values: [
          ns.map(() => 1),
          ns.map((n) => contact(n + 1)),
          ns.map((_, index) => 2 * index + 1),
          ns.map((_, index) => 2 * index + 2),
          ns.map(() => now),
          ns.map(() => 200),
          ns.flatMap(() => ['language', 'segment']),
          ns.flatMap(() => ['HINDI', 'gold']),
        ],
      })),
  },
  {
    scenario: 'pullreport',
    name: 'one row inserted (PostgreSQL: the rows of a turn in one statement)',
    kind: 'write',
    sqlite: (prepare, n) =>
      void prepare(
        'insert into report_rows (account_id, report_type, stage, call_id, flow_id, dtmf, dnis, start_at, start_time, extra, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (account_id, report_type, stage, call_id) do nothing',
      ).run(1, 'call', 'prod', `${spread(n).toString(16)}-ceiling-${n}`, 'flow-1', '1', '1800123456', now, '2026-12-02 10:00:00', '{"agent":"a1","queue":"sales"}', now),
    postgres: async (client, n) =>
      void (await client.query({
        name: 'report',
        text: 'insert into report_rows (account_id, report_type, stage, call_id, flow_id, dtmf, dnis, start_at, start_time, extra, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (account_id, report_type, stage, call_id) do nothing',
        values: [1, 'call', 'prod', `${spread(n).toString(16)}-ceiling-${n}`, 'flow-1', '1', '1800123456', now, '2026-12-02 10:00:00', '{"agent":"a1","queue":"sales"}', now],
      })),
    postgresTogether: async (client, ns) =>
      void (await client.query({
        name: 'report-together',
        text: `insert into report_rows (account_id, report_type, stage, call_id, flow_id, dtmf, dnis, start_at, start_time, extra, created_at)
          select account_id, report_type, stage, call_id, flow_id, dtmf, dnis, start_at, start_time, extra, created_at
          from unnest(${unnestArrays(['integer', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'text', 'text', 'bigint'])})
            with ordinality as given(account_id, report_type, stage, call_id, flow_id, dtmf, dnis, start_at, start_time, extra, created_at, position)
          order by position
          on conflict (account_id, report_type, stage, call_id) do nothing
          returning account_id, report_type, stage, call_id`,
        values: [
          ns.map(() => 1),
          ns.map(() => 'call'),
          ns.map(() => 'prod'),
          ns.map((n) => `${spread(n).toString(16)}-ceiling-${n}`),
          ns.map(() => 'flow-1'),
          ns.map(() => '1'),
          ns.map(() => '1800123456'),
          ns.map(() => now),
          ns.map(() => '2026-12-02 10:00:00'),
          ns.map(() => '{"agent":"a1","queue":"sales"}'),
          ns.map(() => now),
        ],
      })),
  },
  {
    scenario: 'allocateAgent',
    name: 'the longest-idle agent updated (PostgreSQL: one function call a call, the calls of a turn in one statement)',
    kind: 'write',
    sqlite: (prepare) =>
      void prepare(
        'update agents set last_allocated_at = max(?, (select coalesce(max(last_allocated_at), 0) + 1 from agents where account_id = ?)) where id = (select id from agents where account_id = ? and paused = 0 order by last_allocated_at, id limit 1) and paused = 0 returning cli, name',
      ).get(Date.now(), 1, 1),
    postgres: async (client) => void (await client.query({ name: 'allocate', text: 'select agent_cli as cli, agent_name as name from flowhooks_allocate_agent($1, $2)', values: [1, Date.now()] })),
    postgresTogether: async (client, ns) =>
      void (await client.query({
        name: 'allocate-together',
        text: `select given.position, allocated.agent_cli as cli, allocated.agent_name as name
          from unnest(${unnestArrays(['integer', 'bigint'])}) with ordinality as given(account_id, now, position)
          cross join lateral flowhooks_allocate_agent(given.account_id, given.now) as allocated`,
        values: [ns.map(() => 1), ns.map(() => Date.now())],
      })),
  },
  {
    scenario: 'updatePauseStatusForCLI (toggle)',
    name: "an agent's pause toggled by one update, its event recorded by SQLite's trigger (PostgreSQL: one function call a call, the calls of a turn in one statement)",
    kind: 'write',
    sqlite: (prepare, n) => {
      const at = Date.now();
      prepare(
        'update agents set paused = coalesce(?, 1 - paused), paused_since = case when coalesce(?, 1 - paused) = 1 then ? end, updated_at = ?, pause_source = ? where account_id = ? and cli = ? and paused is not ? returning id, cli, name, paused, paused_since, last_allocated_at, created_at, updated_at',
      ).get(null, null, at, at, 'webhook', 1, agentNumber(n), null);
    },
    postgres: async (client, n) =>
      void (await client.query({ name: 'pause', text: 'select * from flowhooks_change_agent_pause($1, $2, $3, $4, $5)', values: [1, agentNumber(n), null, 'webhook', Date.now()] })),
    postgresTogether: async (client, ns) =>
      void (await client.query({
        name: 'pause-together',
        text: `select given.position, result.*
          from unnest(${unnestArrays(['integer', 'text', 'integer', 'text', 'bigint'])}) with ordinality as given(account_id, cli, wanted, source, now, position)
          cross join lateral flowhooks_change_agent_pause(given.account_id, given.cli, given.wanted, given.source, given.now) as result`,
        values: [ns.map(() => 1), ns.map((n) => agentNumber(n)), ns.map(() => null), ns.map(() => 'webhook'), ns.map(() => Date.now())],
      })),
  },
  {
    scenario: 'createOutbound (1 number, due in 7 days)',
    name: 'the flow and the do-not-call list read, the request and its job inserted as one unit (PostgreSQL: the reads of a turn in one statement, then their requests in one)',
    kind: 'transaction',
    sqlite: (prepare, n) => {
      prepare('select * from outbound_flows where account_id = ? and flow_id = ?').get(1, 'BENCH001');
      prepare('select number from do_not_call_numbers where account_id = ? and number in (?)').all(1, contact(n));
      prepare(`insert into outbound_requests (${requestColumns.join(', ')}) values (${placeholders(requestColumns.length, 1)})`).run(...requestValues(n));
      prepare(`insert into outbound_jobs (${jobColumns.join(', ')}) values (${placeholders(jobColumns.length, 1)})`).run(...jobValues(n));
    },
    postgres: async (client, n) => {
      await outboundReads(client, n);
      await client.query({
        name: 'schedule',
        text: `with request as (insert into outbound_requests (${requestColumns.join(', ')}) values (${placeholders(requestColumns.length, 1, '$')})) insert into outbound_jobs (${jobColumns.join(', ')}) values (${placeholders(jobColumns.length, requestColumns.length + 1, '$')})`,
        values: [...requestValues(n), ...jobValues(n)],
      });
    },
    postgresReadsTogether: outboundReadsTogether,
    postgresTogether: async (client, ns) =>
      void (await client.query({
        name: 'schedule-together',
        text: `with given as (
            select * from unnest(${unnestArrays(['text', 'text', 'text', 'text', 'text'])}) with ordinality as given(id, execution_id, answer, job_id, contact_number, position)
          ), request as (
            insert into outbound_requests (${requestColumns.join(', ')})
            select id, execution_id, 1, 'BENCH001', 'prod', null, answer, $6, null, null from given order by position
          )
          insert into outbound_jobs (${jobColumns.join(', ')})
          select job_id, id, 1, 'BENCH001', 'prod', contact_number, 0, $7, 'scheduled', 0, null, null, null, null, 1, null, null, null, $6, $6 from given order by position`,
        values: [
          ns.map((n) => requestValues(n)[0]),
          ns.map((n) => requestValues(n)[1]),
          ns.map(() => floorAnswer),
          ns.map((n) => jobValues(n)[0]),
          ns.map((n) => contact(n)),
          now,
          now + 7 * 86_400_000,
        ],
      })),
  },
  {
    scenario: 'linkcreation',
    name: 'the bot and the link owner read once in 5 s (kept in memory, as the service keeps them), a short link and the bot session inserted (PostgreSQL: their links with their sessions in one statement for the calls of a turn)',
    kind: 'write',
    sqlite: (prepare, n) => {
      if (botReadDue()) {
        prepare('select account_id, bot_id, base_url, link_mode, created_at, updated_at, token_hash from bots where account_id = ? and bot_id = ?').get(1, 'bench-bot');
        prepare(linkOwnerSql('?')).get(1);
      }
      prepare(`insert into short_urls (${linkColumns.join(', ')}) values (${placeholders(linkColumns.length, 1)}) on conflict do nothing returning *`).get(...linkValues(n));
      prepare('insert into bot_sessions (id, account_id, bot_id, cli, variables, short_url, created_at) values (?, ?, ?, ?, ?, ?, ?)').run(...sessionValues(n));
    },
    postgres: async (client, n) => {
      if (botReadDue()) await linkReads(client);
      await client.query({ name: 'link', text: `insert into short_urls (${linkColumns.join(', ')}) values (${placeholders(linkColumns.length, 1, '$')}) on conflict do nothing returning *`, values: linkValues(n) });
      await client.query({ name: 'session', text: 'insert into bot_sessions (id, account_id, bot_id, cli, variables, short_url, created_at) values ($1, $2, $3, $4, $5, $6, $7)', values: sessionValues(n) });
    },
    // The service's grouped write: the links and their sessions, one statement for the calls together.
    postgresTogether: async (client, ns) => {
      if (botReadDue()) await linkReadsTogether(client, ns);
      await client.query({
        name: 'links-sessions-together',
        text: `with given as (
            select * from unnest(${unnestArrays(linkColumnTypes)}) with ordinality as given(${linkColumns.join(', ')}, position)
          ), link as (
            insert into short_urls (${linkColumns.join(', ')}) select ${linkColumns.join(', ')} from given order by position on conflict do nothing returning *
          ), stored_session as (
            insert into bot_sessions (id, account_id, bot_id, cli, variables, short_url, created_at)
            select session.id, session.account_id, session.bot_id, session.cli, session.variables, session.short_url, session.created_at
            from unnest(${unnestArrays(sessionColumnTypes, linkColumns.length + 1)})
              with ordinality as session(id, account_id, bot_id, cli, variables, short_url, created_at, position)
            join given on given.position = session.position join link on link.id = given.id
          )
          select * from link`,
        values: [...linkColumns.map((_, index) => ns.map((n) => linkValues(n)[index])), ...sessionColumnsOf(ns)],
      });
    },
  },
];

/** The calls whose floor is measured, and what their statements are. */
export const ceilingScenarios = works.map((work) => ({ scenario: work.scenario, work: work.name }));
/** The floor with what every call records and no statement (`POST /floor-record/none`). */
export const recordAlone = 'none';
/**
 * Calls whose floor with what every call records is another's: translateText (a cache hit) and
 * validateDateAndTime run no statement of their own; findLanguage reads the caller's stored preferences,
 * fetchUserPreferences' one indexed read.
 */
export const recordFloorOf: Readonly<Record<string, string>> = {
  'translateText (cache hit)': recordAlone,
  validateDateAndTime: recordAlone,
  'findLanguage (nothing stored)': 'fetchUserPreferences',
  'findLanguage (stored preference)': 'fetchUserPreferences',
};
/** The redirect's floor (`GET /floor/link/{code}`, bench/scale-floor.ts), measured after the others against the same process's bare redirect. */
export const redirectFloor = {
  scenario: 'short URL redirect (visit recorded)',
  work: 'the link read once in 3 s (kept in memory, as the shortener may keep it), its visit written with the others every 500 ms or 1 000 visits, visits and counters, as the shortener writes them',
};

/** A migrated database with the bench's account and its one stored contact. */
export async function prepareCeilingDatabase(env: { DATABASE_URL: string; DATABASE_SCHEMA: string }): Promise<void> {
  const handle = openDatabase(env.DATABASE_URL, { schema: env.DATABASE_SCHEMA });
  try {
    await migrateToLatest(handle, env.DATABASE_SCHEMA);
    await bootstrap(handle.db, { adminToken, webhookToken: token }, now);
    await handle.db
      .insertInto('user_preferences')
      .values({ account_id: 1, contact_id: contact(0), name: 'language', value: 'HINDI', updated_at: now })
      .execute();
    // What the write floors read, as bench/scenarios.ts seeds it: 20 agents, an outbound flow, a link owner and a bot.
    for (let index = 0; index < 20; index++) await insertAgent(handle.db, 1, { cli: agentNumber(index), name: `Agent ${index}` }, now);
    await insertOutboundFlow(
      handle.db,
      1,
      'BENCH001',
      sha256Hex('floor-security-id'),
      { name: 'Bench', dialerUrl: 'http://127.0.0.1:9/never-called', dialerSecret: 'floor-dialer-secret', throttlePerSecond: null, callingWindow: null, category: 'service', retryPolicy: null, resultTimeoutMinutes: 60, dedupeWindowMinutes: null },
      now,
    );
    await insertShortCustomer(handle.db, { id: floorCustomerId, accountId: 1, name: 'bench', tokenHash: sha256Hex('floor-cust-token'), domains: [] }, now);
    await insertBot(handle.db, { accountId: 1, botId: 'bench-bot', baseUrl: 'https://bot.example.com/chat', tokenHash: sha256Hex('floor-bot-token'), linkMode: 'query' }, now);
    // The redirect's link (GET /floor/link/{code}): the code and target of the bare redirect's.
    await insertShortUrl(
      handle.db,
      { id: 'floor-link', domain: '', code: bareLink.code, accountId: 1, customerId: floorCustomerId, longUrl: bareLink.longUrl, urlHash: sha256Hex(bareLink.longUrl), reuseKey: null, redirectStatus: 302, customSlug: false, expiresAt: null, maxVisits: null },
      now,
    );
  } finally {
    await handle.close();
  }
}

/** The works by scenario, run on a database opened as the service opens it: `run(scenario)` does one call's statements. */
export function openCeilingWorks(env: { DATABASE_URL: string; DATABASE_SCHEMA: string }): {
  scenarios: Array<{ scenario: string; work: string }>;
  run(scenario: string): Promise<void>;
  /** Any statement on the same connection (bench/dispatch-floor.ts); a write answers once durable. */
  driver: FloorDriver;
  close(): Promise<void>;
} {
  const scenarios = ceilingScenarios;
  const byScenario = new Map(works.map((work) => [work.scenario, work]));
  let n = 0;
  if (env.DATABASE_URL.startsWith('sqlite:')) {
    const { db, prepare, openTurn, committed } = sqliteTurns(env.DATABASE_URL.slice('sqlite:'.length));
    return {
      scenarios,
      async run(scenario) {
        const work = byScenario.get(scenario)!;
        const waiting = openTurn();
        if (work.kind === 'read') return work.sqlite(prepare, ++n);
        if (work.kind === 'transaction') prepare('savepoint floor').run();
        work.sqlite(prepare, ++n);
        if (work.kind === 'transaction') prepare('release floor').run();
        return committed(waiting);
      },
      driver: {
        dialect: 'sqlite',
        async query(text, values) {
          const waiting = openTurn();
          const statement = prepare(text);
          const rows = statement.reader ? (statement.all(values) as Array<Record<string, unknown>>) : (statement.run(values), []);
          if (!statement.readonly) await committed(waiting);
          return rows;
        },
      },
      close: async () => void db.close(),
    };
  }
  const names = new Map<string, string>();
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: connections, options: `-c search_path=${env.DATABASE_SCHEMA}` });
  /** One statement at a time for the calls of a turn and those queued behind them, as groupWrite sends the service's. */
  const grouped = (send: (client: pg.PoolClient, ns: number[]) => Promise<void>) =>
    groupWrite(async (ns: number[]) => {
      const client = await pool.connect();
      try {
        await send(client, ns);
      } finally {
        client.release();
      }
      return ns.map(() => undefined);
    });
  const together = new Map<string, (n: number) => Promise<void>>();
  const readTogether = new Map<string, (n: number) => Promise<void>>();
  for (const work of works) {
    if (work.postgresTogether) together.set(work.scenario, grouped(work.postgresTogether));
    if (work.postgresReadsTogether) readTogether.set(work.scenario, grouped(work.postgresReadsTogether));
  }
  return {
    scenarios,
    async run(scenario) {
      const work = byScenario.get(scenario)!;
      const writeTogether = together.get(scenario);
      if (writeTogether) {
        const each = ++n;
        await readTogether.get(scenario)?.(each);
        return writeTogether(each);
      }
      const client = await pool.connect();
      try {
        await work.postgres(client, ++n);
      } finally {
        client.release();
      }
    },
    driver: {
      dialect: 'postgres',
      async query(text, values) {
        let name = names.get(text);
        if (!name) names.set(text, (name = `floor_${names.size + 1}`));
        return (await pool.query({ name, text, values })).rows as Array<Record<string, unknown>>;
      },
    },
    close: () => pool.end(),
  };
}

/**
 * A SQLite connection for the floors, used as the service uses its own (src/storage/sqlite-group-commit.ts,
 * without its failure handling): every statement prepared once and kept; the statements of one turn of the
 * event loop share a transaction, reads included, begun by the turn's first statement (`openTurn`); a write
 * is answered after the commit (`committed`).
 */
export function sqliteTurns(file: string): {
  db: SqliteDatabase.Database;
  prepare(sql: string): SqliteDatabase.Statement;
  openTurn(): Array<() => void>;
  committed(waiting: Array<() => void>): Promise<void>;
} {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  let turn: Array<() => void> | undefined;
  /** This turn's transaction, begun by its first statement; resolves its writers once committed. */
  const openTurn = () => {
    if (turn) return turn;
    prepare('begin').run();
    const waiting: Array<() => void> = (turn = []);
    setImmediate(() => {
      prepare('commit').run();
      turn = undefined;
      for (const resolve of waiting) resolve();
    });
    return waiting;
  };
  const committed = (waiting: Array<() => void>) => new Promise<void>((resolve) => waiting.push(resolve));
  return { db, prepare, openTurn, committed };
}
