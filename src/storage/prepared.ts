import { sql, type CompiledQuery, type QueryExecutorProvider, type RawBuilder } from 'kysely';
import { groupWriteFor } from '../kernel/group-write.js';
import { dialectOf, runNowOf, type Database } from './db.js';
import type { Dialect } from './dialect.js';
import { statementNames } from './statement-names.js';

/** Stands for a named value while a prepared query is built; replaced by the call's value when it runs. */
class Slot {
  constructor(readonly name: string) {}
}

/** A query builder, or raw SQL (`sql\`…\``, e.g. a function call), that compiles to one statement. */
type PreparedBuild<Row> = { compile(executorProvider: QueryExecutorProvider): CompiledQuery<Row> };

export type SlotOf<Values> = <Name extends keyof Values & string>(name: Name) => Values[Name];

/**
 * A query the query builder builds and compiles once per database dialect,
 * then runs with each call's values: on the hottest reads and writes,
 * building and compiling the query cost more than running it
 * (docs/benchmark.md "Where the time goes"). `build` receives `slot(name)`
 * for each value that changes from call to call; the same SQL text also
 * lets SQLite's statement cache and PostgreSQL's plan reuse it. Only for
 * queries whose shape never changes: a list of varying length (`in (…)`,
 * several rows) is not a slot (preparedQueryPerCount below prepares one
 * query per length).
 */
export function preparedQuery<Values extends Record<string, unknown>, Row>(
  build: (db: Database, slot: SlotOf<Values>) => PreparedBuild<Row>,
): (db: Database, values: Values) => Promise<{ rows: Row[]; numAffectedRows?: bigint }> {
  const byAdapter = new WeakMap<object, CompiledQuery<Row>>();
  const slot: SlotOf<Values> = slotOf;
  return async (db, values) => {
    // A transaction shares its database's adapter, so it shares the compiled query too.
    const adapter = db.getExecutor().adapter;
    let compiled = byAdapter.get(adapter);
    if (!compiled) {
      compiled = build(db, slot).compile(db);
      byAdapter.set(adapter, compiled);
      if (!statementNames.has(compiled.sql)) statementNames.set(compiled.sql, `flowhooks_${statementNames.size + 1}`);
    }
    const query = withValues(compiled, values);
    // On SQLite the statement runs at once when the connection is free (sqlite-group-commit.ts RunNow).
    return runNowOf(db)?.<Row>(query) ?? db.executeQuery<Row>(query);
  };
}

const slotOf = (name: string) => new Slot(name) as never;

/** The compiled query with each slot replaced by the call's value. */
function withValues<Row>(compiled: CompiledQuery<Row>, values: Record<string, unknown>): CompiledQuery<Row> {
  return { ...compiled, parameters: compiled.parameters.map((parameter) => (parameter instanceof Slot ? values[parameter.name] : parameter)) };
}

/**
 * A prepared query whose shape depends on a count (the rows of an insert,
 * the names of an `in (…)`): one per count from 1 to `most`, built on first
 * use, each value named `slot(name)` as in preparedQuery (e.g. `name0`,
 * `name1`). Beyond `most` the query is built and compiled for the call
 * alone, so a rare long list does not keep a statement of its own.
 */
export function preparedQueryPerCount<Row>(
  most: number,
  build: (count: number) => (db: Database, slot: SlotOf<Record<string, unknown>>) => PreparedBuild<Row>,
): (count: number) => (db: Database, values: Record<string, unknown>) => Promise<{ rows: Row[]; numAffectedRows?: bigint }> {
  const byCount: Array<ReturnType<typeof preparedQuery<Record<string, unknown>, Row>>> = [];
  return (count) => {
    if (count <= most) return (byCount[count] ??= preparedQuery(build(count)));
    return (db, values) => db.executeQuery<Row>(withValues(build(count)(db, slotOf).compile(db), values));
  };
}

/**
 * A list of `count` values in a query of preparedQueryPerCount (`in (…)`, a
 * column of several rows): the slots `name0`, `name1`, … ; `listValues` gives
 * them the call's values.
 */
export function slotList<T>(slot: SlotOf<Record<string, unknown>>, name: string, count: number): T[] {
  return Array.from({ length: count }, (_, index) => slot(`${name}${index}`) as T);
}

/** Sets `name0`, `name1`, … of `values` to `items`, for the slots of slotList; returns `values`. */
export function listValues(values: Record<string, unknown>, name: string, items: readonly unknown[]): Record<string, unknown> {
  items.forEach((item, index) => (values[`${name}${index}`] = item));
  return values;
}

/**
 * Every column of a table by name, for prepared queries that read whole rows:
 * named, not `*`, so a statement's result does not change when a later
 * migration adds a column (src/storage/db.ts, named statements). The record
 * makes the compiler check that none is missing.
 */
export function everyColumn<Table>(columns: Record<keyof Table & string, true>): Array<keyof Table & string> {
  return Object.keys(columns) as Array<keyof Table & string>;
}

/**
 * `column` is one of a list of texts given as one value, so the statement is
 * the same for any count: prepared once (preparedQuery), one text for
 * SQLite's statement cache and PostgreSQL's plan, where an `in (…)` of n
 * values is a statement a count. PostgreSQL: `= any($1::text[])`; SQLite:
 * `in (select value from json_each(?))`. Give the list with textList.
 */
export function inTextList(dialect: Dialect, column: string, list: unknown): RawBuilder<boolean> {
  return dialect === 'postgres' ? sql<boolean>`${sql.ref(column)} = any(${list}::text[])` : sql<boolean>`${sql.ref(column)} in (select value from json_each(${list}))`;
}

/**
 * `status = 'dispatching'` for a leased row found by its id (outbound jobs, status callbacks): on SQLite
 * the `+` keeps the planner on the primary key, off the (status, locked_until) index it otherwise walks
 * through every row being sent.
 */
export function isDispatching(dialect: Dialect): RawBuilder<boolean> {
  return dialect === 'sqlite' ? sql<boolean>`+status = 'dispatching'` : sql<boolean>`status = 'dispatching'`;
}

/** The value of inTextList's list on `db`: the array on PostgreSQL, its JSON text on SQLite. */
export function textList(db: Database, items: readonly string[]): unknown {
  return dialectOf(db) === 'postgres' ? items : JSON.stringify(items);
}

/**
 * A read that PostgreSQL sends as one statement for the calls that arrive together (groupWriteFor;
 * docs/deploying.md "Topology"): `together` answers one result per item, in order. A batch of one call
 * (a quiet node), SQLite and a read inside a transaction go by `alone`, the plain statement: the
 * grouped one costs a lone call about 30 µs more (docs/benchmark.md, twenty-fifth section).
 */
export function readTogetherOnPostgres<Item, Result>(
  kind: string,
  alone: (db: Database, item: Item) => Promise<Result>,
  together: (db: Database, items: Item[]) => Promise<Result[]>,
): (db: Database, item: Item) => Promise<Result> {
  const grouped = groupWriteFor(kind, async (db: Database, items: Item[]) => (items.length === 1 ? [await alone(db, items[0]!)] : together(db, items)));
  return (db, item) => (dialectOf(db) === 'postgres' && !db.isTransaction ? grouped(db, item) : alone(db, item));
}

/**
 * An array given to `unnest` in a statement that serves several calls, behind a sub-select:
 * `(select $1::integer[])`. PostgreSQL plans a named statement for each run's values (a custom plan)
 * for as long as those plans are estimated cheaper than one plan for any values (the generic plan).
 * It estimates the rows of `unnest` of an array it can see by the array's length, and of one it
 * cannot see at ten, so a statement of one or a few calls' arrays was planned anew on every run:
 * about 80 µs of the database's CPU a run (docs/benchmark.md, twenty-fifth section). Behind a
 * sub-select every run is estimated alike, and the generic plan is kept after the fifth run.
 */
export function arrayParam(value: unknown, type: 'integer' | 'bigint' | 'text'): RawBuilder<unknown[]> {
  return sql<unknown[]>`(select ${value}::${sql.raw(type)}[])`;
}

/**
 * The rows each call of a statement that serves several calls (`unnest … with ordinality as given`)
 * looks up, as `cross join lateral (… offset 0) as alias` (`left join lateral … on true` when a call
 * may have none). PostgreSQL keeps a named statement's plan until the table is analyzed: planned as a
 * plain join on a short table (a new deployment, or one whose autovacuum has not analyzed the table
 * yet), the read hashed the given calls and scanned the whole table, and went on doing so as the table
 * grew (6.4 ms a read of three contacts among 60 000, against 0.09: docs/benchmark.md, thirty-fourth
 * section). A lateral subquery that `offset 0` keeps from being merged into a join is looked up call by
 * call, through the table's key, whatever size the table had when the plan was made.
 */
export function eachCallLooksUp(subquery: RawBuilder<unknown>, alias: string, join: 'cross' | 'left' = 'cross'): RawBuilder<unknown> {
  const lateral = sql`lateral (${subquery} offset 0) as ${sql.id(alias)}`;
  return join === 'cross' ? sql`cross join ${lateral}` : sql`left join ${lateral} on true`;
}

/**
 * Each call's answer from the rows of a statement that serves several calls, numbered by
 * `with ordinality` (`position` counts the calls from 1); a call with no row answers `missing`
 * (undefined when not given; one value shared by every such call, so not to be changed).
 */
export function byPosition<Row extends { position: string | number }, Answer>(calls: number, rows: readonly Row[], answer: (row: Row) => Answer): Array<Answer | undefined>;
export function byPosition<Row extends { position: string | number }, Answer>(calls: number, rows: readonly Row[], answer: (row: Row) => Answer, missing: Answer): Answer[];
export function byPosition<Row extends { position: string | number }, Answer>(calls: number, rows: readonly Row[], answer: (row: Row) => Answer, missing?: Answer): Array<Answer | undefined> {
  const answers = new Array<Answer | undefined>(calls).fill(missing);
  for (const row of rows) answers[Number(row.position) - 1] = answer(row);
  return answers;
}

/**
 * Where each call's items sit once every call's items are sent as one array: the 1-based bounds
 * `[first:last]` of its slice, for a statement that reads `(array)[first:last]` per call.
 */
export function sliceBounds(counts: readonly number[]): { firsts: number[]; lasts: number[] } {
  const firsts: number[] = [];
  const lasts: number[] = [];
  let next = 1;
  for (const count of counts) {
    firsts.push(next);
    next += count;
    lasts.push(next - 1);
  }
  return { firsts, lasts };
}

/**
 * The arrays a statement over several calls takes, one a column (`unnest`): for `{ ids: 'id' }`,
 * `{ ids: items.map((item) => item.id) }`.
 */
export function columnArrays<Item, Names extends Record<string, keyof Item>>(items: readonly Item[], names: Names): { [Name in keyof Names]: Array<Item[Names[Name]]> } {
  const arrays: Record<string, unknown[]> = {};
  for (const [name, key] of Object.entries(names)) arrays[name] = items.map((item) => item[key as keyof Item]);
  return arrays as { [Name in keyof Names]: Array<Item[Names[Name]]> };
}
