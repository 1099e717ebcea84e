import { sql } from 'kysely';
import { dialectOf, type Database } from './db.js';
import { arrayParam, byPosition, columnArrays, preparedQuery } from './prepared.js';
import { groupWriteFor } from '../kernel/group-write.js';
import type { AgentsTable } from './tables.js';

export interface Agent {
  /** E.164. */
  cli: string;
  name: string;
  paused: boolean;
  /** When the current break began (ISO 8601), null when not paused. */
  pausedSince: string | null;
  /** When allocation last handed the agent out (ISO 8601), null when never. */
  lastAllocatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type PauseSource = 'webhook' | 'api';

export interface PauseEvent {
  paused: boolean;
  /** Epoch ms. */
  at: number;
  source: PauseSource;
}

type AgentRow = Pick<AgentsTable, 'cli' | 'name' | 'paused' | 'paused_since' | 'last_allocated_at' | 'created_at' | 'updated_at'> & { id: number };

const agentColumns = ['id', 'cli', 'name', 'paused', 'paused_since', 'last_allocated_at', 'created_at', 'updated_at'] as const;

const iso = (time: number) => new Date(time).toISOString();

function toAgent(row: AgentRow): Agent {
  return {
    cli: row.cli,
    name: row.name,
    paused: row.paused === 1,
    pausedSince: row.paused_since === null ? null : iso(row.paused_since),
    lastAllocatedAt: row.last_allocated_at === 0 ? null : iso(row.last_allocated_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Inserts an unpaused agent; a duplicate number of the account throws a unique violation. */
export async function insertAgent(db: Database, accountId: number, agent: { cli: string; name: string }, now: number): Promise<Agent> {
  const row = await db
    .insertInto('agents')
    .values({ account_id: accountId, cli: agent.cli, name: agent.name, paused: 0, paused_since: null, last_allocated_at: 0, created_at: now, updated_at: now })
    .returning(agentColumns)
    .executeTakeFirstOrThrow();
  return toAgent(row);
}

const agentByCli = preparedQuery<{ accountId: number; cli: string }, AgentRow>((db, slot) =>
  db.selectFrom('agents').select(agentColumns).where('account_id', '=', slot('accountId')).where('cli', '=', slot('cli')),
);

export async function findAgent(db: Database, accountId: number, cli: string): Promise<(Agent & { id: number }) | undefined> {
  const row = (await agentByCli(db, { accountId, cli })).rows[0];
  return row ? { ...toAgent(row), id: row.id } : undefined;
}

export async function listAgents(db: Database, accountId: number): Promise<Agent[]> {
  const rows = await db.selectFrom('agents').select(agentColumns).where('account_id', '=', accountId).orderBy('name').orderBy('cli').execute();
  return rows.map(toAgent);
}

/** Changes an agent's number and/or name; returns undefined when there is no such agent. A taken number throws a unique violation. */
export async function updateAgent(db: Database, accountId: number, cli: string, fields: { cli?: string; name?: string }, now: number): Promise<Agent | undefined> {
  const row = await db
    .updateTable('agents')
    .set({ ...(fields.cli !== undefined && { cli: fields.cli }), ...(fields.name !== undefined && { name: fields.name }), updated_at: now })
    .where('account_id', '=', accountId)
    .where('cli', '=', cli)
    .returning(agentColumns)
    .executeTakeFirst();
  return row ? toAgent(row) : undefined;
}

/** Deletes an agent and its pause history; false when there was none. */
export async function deleteAgent(db: Database, accountId: number, cli: string): Promise<boolean> {
  const result = await db.deleteFrom('agents').where('account_id', '=', accountId).where('cli', '=', cli).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** PostgreSQL's one-round-trip agent writes (migration 0018-write-functions), named statements like every prepared query. */
const allocateOnPostgres = preparedQuery<{ accountId: number; now: number }, { cli: string; name: string }>(
  (_db, slot) => sql`select agent_cli as cli, agent_name as name from flowhooks_allocate_agent(${slot('accountId')}, ${slot('now')})`,
);
const changePauseOnPostgres = preparedQuery<PauseCall, AgentRow & { changed: boolean }>(
  (_db, slot) =>
    sql`select id, cli, name, paused, paused_since, last_allocated_at, created_at, updated_at, changed from flowhooks_change_agent_pause(${slot('accountId')}, ${slot('cli')}, ${slot('wanted')}, ${slot('source')}, ${slot('now')})`,
);

type PauseCall = {
  accountId: number;
  cli: string;
  /** 1 pause, 0 unpause, null toggle. */
  wanted: number | null;
  source: PauseSource;
  now: number;
};

/**
 * Outside a transaction, the calls of one event-loop turn and those that queue behind a write go to
 * PostgreSQL as one statement (groupWrite): the functions run one call after another, in the calls'
 * order, in one transaction, so each sees the changes before it, as if sent one by one. One round
 * trip and one commit for them all; a statement that fails is sent again call by call.
 */
const allocateTogetherOnPostgres = groupWriteFor('agent_allocation', async (db: Database, calls: Array<{ accountId: number; now: number }>) => {
  const { rows } = await allocateManyOnPostgres(db, columnArrays(calls, { accountIds: 'accountId', nows: 'now' }));
  return byPosition(calls.length, rows, ({ cli, name }) => ({ cli, name }));
});
const allocateManyOnPostgres = preparedQuery<{ accountIds: number[]; nows: number[] }, { position: string; cli: string; name: string }>(
  (_db, slot) =>
    sql`select given.position, allocated.agent_cli as cli, allocated.agent_name as name
      from unnest(${arrayParam(slot('accountIds'), 'integer')}, ${arrayParam(slot('nows'), 'bigint')}) with ordinality as given(account_id, now, position)
      cross join lateral flowhooks_allocate_agent(given.account_id, given.now) as allocated`,
);

const changePauseTogetherOnPostgres = groupWriteFor('agent_pause', async (db: Database, calls: PauseCall[]) => {
  const { rows } = await changePauseManyOnPostgres(db, columnArrays(calls, { accountIds: 'accountId', clis: 'cli', wanted: 'wanted', sources: 'source', nows: 'now' }));
  return byPosition(calls.length, rows, (row) => ({ agent: toAgent(row), changed: row.changed }));
});
const changePauseManyOnPostgres = preparedQuery<
  { accountIds: number[]; clis: string[]; wanted: Array<number | null>; sources: string[]; nows: number[] },
  AgentRow & { changed: boolean; position: string }
>(
  (_db, slot) =>
    sql`select given.position, result.id, result.cli, result.name, result.paused, result.paused_since, result.last_allocated_at, result.created_at, result.updated_at, result.changed
      from unnest(${arrayParam(slot('accountIds'), 'integer')}, ${arrayParam(slot('clis'), 'text')}, ${arrayParam(slot('wanted'), 'integer')}, ${arrayParam(slot('sources'), 'text')}, ${arrayParam(slot('nows'), 'bigint')})
        with ordinality as given(account_id, cli, wanted, source, now, position)
      cross join lateral flowhooks_change_agent_pause(given.account_id, given.cli, given.wanted, given.source, given.now) as result`,
);

/** SQLite's agent writes, built once (src/storage/prepared.ts): building them cost allocateAgent almost as much as running them. */
// The new state is computed by the update itself from the row as it is (`wanted` null toggles), so one
// statement reads and changes it: no other write can come between (SQLite has one writer) and no retry is needed.
// It changes no row when the agent is unknown or already in the wanted state.
// Naming `pause_source` makes SQLite's trigger record the change's event (migration 0022), in the same statement.
const setPausedOnSqlite = preparedQuery<PauseCall, AgentRow>((db, slot) => {
  const newState = sql<number>`coalesce(${slot('wanted')}, 1 - paused)`;
  return db
    .updateTable('agents')
    .set({
      paused: newState,
      paused_since: sql<number | null>`case when ${newState} = 1 then ${slot('now')} end`,
      updated_at: slot('now'),
      pause_source: slot('source'),
    })
    .where('account_id', '=', slot('accountId'))
    .where('cli', '=', slot('cli'))
    .where(sql<boolean>`paused is not ${slot('wanted')}`)
    .returning(agentColumns);
});
// Strictly after every earlier allocation of the account, so the rotation
// holds even when two allocations fall in the same millisecond.
const allocateOnSqlite = preparedQuery<{ accountId: number; now: number }, { cli: string; name: string }>((db, slot) =>
  db
    .updateTable('agents')
    .set({ last_allocated_at: sql<number>`max(${slot('now')}, (select coalesce(max(last_allocated_at), 0) + 1 from agents where account_id = ${slot('accountId')}))` })
    .where('id', '=', nextAgentId(db, slot('accountId')))
    .where('paused', '=', 0)
    .returning(['cli', 'name']),
);

/** The account's unpaused agent allocated least recently (never-allocated first, then by creation). */
function nextAgentId(db: Database, accountId: number) {
  return db.selectFrom('agents').select('id').where('account_id', '=', accountId).where('paused', '=', 0).orderBy('last_allocated_at').orderBy('id').limit(1);
}

/**
 * Pauses (`true`), unpauses (`false`) or toggles (`undefined`) an agent, and
 * records the change with its source. Asking for the state the agent is
 * already in changes and records nothing. Returns undefined for an unknown
 * agent. Safe under concurrency, so two toggles at once give two changes,
 * never one lost: on SQLite the update computes the new state from the row
 * itself, and its trigger records the event in the same statement
 * (migration 0022); on PostgreSQL the function's update applies only to the state it
 * was computed from, and a concurrent change makes it read again.
 */
export async function changeAgentPause(
  db: Database,
  accountId: number,
  cli: string,
  wanted: boolean | undefined,
  source: PauseSource,
  now: number,
): Promise<{ agent: Agent; changed: boolean } | undefined> {
  const call = { accountId, cli, wanted: wanted === undefined ? null : wanted ? 1 : 0, source, now };
  if (dialectOf(db) === 'postgres') {
    // One round trip (migration 0018-write-functions): the same steps as below, in the database.
    if (!db.isTransaction) return changePauseTogetherOnPostgres(db, call);
    const row = (await changePauseOnPostgres(db, call)).rows[0];
    return row && { agent: toAgent(row), changed: row.changed };
  }
  if (!db.isTransaction) {
    // One statement, its event recorded by the trigger: it shares the group's commit with no transaction.
    const [row] = (await setPausedOnSqlite(db, call)).rows;
    if (row) return { agent: toAgent(row), changed: true };
  }
  // Unknown, or already in the wanted state. Asked again in a transaction, so the agent answered is in the
  // state the update saw (a change by another call in between is then this call's to see, or to undo).
  const change = async (trx: Database) => {
    const [row] = (await setPausedOnSqlite(trx, call)).rows;
    if (row) return { agent: toAgent(row), changed: true };
    const current = await findAgent(trx, accountId, cli);
    return current && { agent: current, changed: false };
  };
  return db.isTransaction ? change(db) : db.transaction().execute(change);
}

/**
 * Hands out the account's unpaused agent that was allocated least recently
 * (never-allocated agents first, then by creation) and records the
 * allocation. SQLite runs the one statement alone. On PostgreSQL the
 * account's allocations take turns on a transaction-scoped advisory lock:
 * row locks (even SKIP LOCKED) re-check only the WHERE clause of a row
 * another node has just allocated, not its new place in the order, so they
 * could hand the same agent out twice in a row. The lock and the allocation
 * are one function call (migration 0018-write-functions), one round trip;
 * the lock covers one short statement and only that account.
 * `record: false` answers who would be next without moving the rotation.
 */
export async function allocateAgent(db: Database, accountId: number, now: number, options: { record?: boolean } = {}): Promise<{ cli: string; name: string } | undefined> {
  if (options.record !== false && dialectOf(db) === 'postgres') {
    if (!db.isTransaction) return allocateTogetherOnPostgres(db, { accountId, now });
    return (await allocateOnPostgres(db, { accountId, now })).rows[0];
  }
  if (options.record === false) {
    return db.selectFrom('agents').select(['cli', 'name']).where('id', '=', nextAgentId(db, accountId)).executeTakeFirst();
  }
  return (await allocateOnSqlite(db, { accountId, now })).rows[0];
}

export interface PauseHistory {
  /** The agent's state at `from`. */
  pausedAtStart: boolean;
  /** Changes in [from, to], oldest first. */
  events: PauseEvent[];
}

/** Pause events of an agent in [from, to], oldest first, with the state the agent was in at `from`. */
export async function pauseHistory(db: Database, agentId: number, from: number, to: number): Promise<PauseHistory> {
  return (await pauseHistories(db, { agentId }, from, to)).get(agentId) ?? { pausedAtStart: false, events: [] };
}

/** The same as pauseHistory for every agent of an account, keyed by agent number. */
export async function accountPauseHistory(db: Database, accountId: number, from: number, to: number): Promise<Map<string, PauseHistory>> {
  const [agents, histories] = await Promise.all([
    db.selectFrom('agents').select(['id', 'cli']).where('account_id', '=', accountId).execute(),
    pauseHistories(db, { accountId }, from, to),
  ]);
  return new Map(agents.map((agent) => [agent.cli, histories.get(agent.id) ?? { pausedAtStart: false, events: [] }]));
}

/** Histories by agent id, of one agent or of a whole account. */
async function pauseHistories(db: Database, scope: { agentId: number } | { accountId: number }, from: number, to: number): Promise<Map<number, PauseHistory>> {
  const [column, id] = 'agentId' in scope ? (['agent_id', scope.agentId] as const) : (['account_id', scope.accountId] as const);
  // The last event before `from` of each agent: the one with no later event before `from`.
  const starts = await db
    .selectFrom('agent_pause_events as event')
    .select(['event.agent_id', 'event.paused'])
    .where(`event.${column}`, '=', id)
    .where('event.at', '<', from)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('agent_pause_events as later')
            .select('later.id')
            .whereRef('later.agent_id', '=', 'event.agent_id')
            .where('later.at', '<', from)
            .where((eb) => eb.or([eb('later.at', '>', eb.ref('event.at')), eb.and([eb('later.at', '=', eb.ref('event.at')), eb('later.id', '>', eb.ref('event.id'))])])),
        ),
      ),
    )
    .execute();
  const rows = await db
    .selectFrom('agent_pause_events')
    .select(['agent_id', 'paused', 'at', 'source'])
    .where(column, '=', id)
    .where('at', '>=', from)
    .where('at', '<=', to)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const histories = new Map<number, PauseHistory>();
  const historyOf = (agentId: number) => {
    let history = histories.get(agentId);
    if (!history) histories.set(agentId, (history = { pausedAtStart: false, events: [] }));
    return history;
  };
  for (const start of starts) historyOf(start.agent_id).pausedAtStart = start.paused === 1;
  for (const row of rows) historyOf(row.agent_id).events.push({ paused: row.paused === 1, at: row.at, source: row.source });
  return histories;
}
