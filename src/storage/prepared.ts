import type { CompiledQuery, QueryExecutorProvider } from 'kysely';
import type { Database } from './db.js';
import { statementNames } from './statement-names.js';

/** Stands for a named value while a prepared query is built; replaced by the call's value when it runs. */
class Slot {
  constructor(readonly name: string) {}
}

/** A query builder, or raw SQL (`sql\`…\``, e.g. a function call), that compiles to one statement. */
type PreparedBuild<Row> = { compile(executorProvider: QueryExecutorProvider): CompiledQuery<Row> };

type SlotOf<Values> = <Name extends keyof Values & string>(name: Name) => Values[Name];

/**
 * A query the query builder builds and compiles once per database dialect,
 * then runs with each call's values: on the hottest reads and writes,
 * building and compiling the query cost more than running it
 * (docs/benchmark.md "Where the time goes"). `build` receives `slot(name)`
 * for each value that changes from call to call; the same SQL text also
 * lets SQLite's statement cache and PostgreSQL's plan reuse it. Only for
 * queries whose shape never changes: a list of varying length (`in (…)`,
 * several rows) is not a slot.
 */
export function preparedQuery<Values extends Record<string, unknown>, Row>(
  build: (db: Database, slot: SlotOf<Values>) => PreparedBuild<Row>,
): (db: Database, values: Values) => Promise<{ rows: Row[]; numAffectedRows?: bigint }> {
  const byAdapter = new WeakMap<object, CompiledQuery<Row>>();
  const slot: SlotOf<Values> = (name) => new Slot(name) as never;
  return async (db, values) => {
    // A transaction shares its database's adapter, so it shares the compiled query too.
    const adapter = db.getExecutor().adapter;
    let compiled = byAdapter.get(adapter);
    if (!compiled) {
      compiled = build(db, slot).compile(db);
      byAdapter.set(adapter, compiled);
      if (!statementNames.has(compiled.sql)) statementNames.set(compiled.sql, `flowhooks_${statementNames.size + 1}`);
    }
    const parameters = compiled.parameters.map((parameter) => (parameter instanceof Slot ? values[parameter.name] : parameter));
    return db.executeQuery<Row>({ ...compiled, parameters });
  };
}

/**
 * A prepared query whose shape depends on a count (the rows of an insert,
 * the names of an `in (…)`): one per count from 1 to `most`, built on first
 * use. Beyond `most` it answers undefined and the caller builds the query
 * itself, so a rare long list does not keep a statement of its own.
 */
export function preparedQueryPerCount<Row>(
  most: number,
  build: (count: number) => (db: Database, slot: SlotOf<Record<string, unknown>>) => PreparedBuild<Row>,
): (count: number) => ReturnType<typeof preparedQuery<Record<string, unknown>, Row>> | undefined {
  const byCount: Array<ReturnType<typeof preparedQuery<Record<string, unknown>, Row>>> = [];
  return (count) => {
    if (count < 1 || count > most) return undefined;
    return (byCount[count] ??= preparedQuery(build(count)));
  };
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
