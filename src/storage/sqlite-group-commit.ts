import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/** What the group commit has done since the database was opened (`/metrics`, tests). */
export interface GroupCommitStats {
  /** Writes that asked to be durable: autocommit write statements and transactions. */
  writes: number;
  /** Commits that made them durable; fewer than `writes` when writes arrived together. */
  commits: number;
}

/**
 * SQLite with group commit (docs/deploying.md "SQLite"). SQLite has one
 * writer and one connection here; a commit costs far more than the small
 * write it ends, so every write that arrives while a commit is pending joins
 * one SQLite transaction:
 *
 * - a write statement outside a transaction, or a transaction's end, joins the
 *   open group (`begin` when none is open) and its caller waits for the
 *   group's `commit` — acknowledged means durable, as without grouping;
 * - a transaction runs as a savepoint of the group, so its rollback undoes
 *   only its own writes; a failed statement undoes only itself (SQLite's
 *   statement rollback);
 * - the group commits once the event loop has run the callbacks of its turn
 *   (`setImmediate`), so every call answered in one turn shares one commit;
 * - when the commit fails, or SQLite rolls the whole group back (disk full,
 *   I/O error), every write of the group fails with that error.
 *
 * Reads run on the same connection and see the open group's writes before
 * they are committed; only a failed commit can take such a write back, and
 * then every caller of the group is told it failed.
 *
 * Reads outside a group share one read transaction for the event loop's turn
 * (begun by the turn's first read, committed by `setImmediate` or ended
 * before a write group begins): in WAL mode every transaction takes and drops
 * a lock on the log's index with two system calls, which costs more than a
 * small indexed read itself. A read sees what was committed when the turn's
 * first read ran: this process's own writes always (a write group ends the
 * read transaction first), another process's a turn later at most.
 */
export function groupCommitSqliteDialect(connection: SqliteDatabase.Database, prepare: (text: string) => SqliteDatabase.Statement): {
  dialect: KyselyDialect;
  stats(): GroupCommitStats;
  runNow: RunNow;
} {
  const driver = new GroupCommitDriver(connection, prepare);
  return {
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
    stats: () => driver.stats(),
    runNow: (query) => driver.runNow(query),
  };
}

/**
 * A statement run at once, outside the query builder's executor, when the
 * connection is free: a read answers with its rows, a write joins the open
 * group and answers once that group is committed, as any write outside a
 * transaction does. Undefined when the connection is not free (a transaction
 * holds it, or a commit is pending): the query then goes the usual way and
 * waits its turn. The hottest calls run one small indexed statement each, and
 * the executor's hand-over of the connection (a lease, a lock, several awaits)
 * cost more than the statement (docs/benchmark.md, thirty-third section).
 */
export type RunNow = <R>(query: CompiledQuery) => Promise<QueryResult<R>> | undefined;

/** Each savepoint name is the group's own: one transaction holds the connection at a time. */
const savepoint = 'flowhooks_call';

interface Group {
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
  /** Set when SQLite rolled the group back: its writes are gone. */
  lost?: unknown;
}

/** A first-come, first-served lock on the one connection. */
class ConnectionLock {
  #held = false;
  #queue: Array<() => void> = [];

  get held(): boolean {
    return this.#held;
  }

  lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#queue.push(resolve));
  }

  unlock(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#held = false;
  }
}

/** One use of the connection, from acquire to release (which may come early: see `untilDurable`). */
class Lease implements DatabaseConnection {
  released = false;
  /** The group the lease's open transaction joined; undefined outside a transaction. */
  group: Group | undefined;
  constructor(private readonly driver: GroupCommitDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute<R>(this, query);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used on SQLite');
  }
}

class GroupCommitDriver implements Driver {
  readonly #connection: SqliteDatabase.Database;
  readonly #prepare: (text: string) => SqliteDatabase.Statement;
  readonly #lock = new ConnectionLock();
  #group: Group | undefined;
  /** A read transaction is open for this turn's reads (no group is). */
  #reading = false;
  #committing: Promise<void> | undefined;
  readonly #counts: GroupCommitStats = { writes: 0, commits: 0 };

  constructor(connection: SqliteDatabase.Database, prepare: (text: string) => SqliteDatabase.Statement) {
    this.#connection = connection;
    this.#prepare = prepare;
  }

  stats(): GroupCommitStats {
    return { ...this.#counts };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.lock();
    return new Lease(this);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#release(connection as Lease);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const group = this.#joinGroup();
    this.#run(`savepoint ${savepoint}`);
    (connection as Lease).group = group;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    const group = lease.group!;
    lease.group = undefined;
    this.#checkGroup();
    this.#run(`release ${savepoint}`);
    await this.#untilDurable(lease, group);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as Lease).group = undefined;
    // A group SQLite already rolled back has no savepoint left to return to.
    if (!this.#connection.inTransaction) return;
    this.#run(`rollback to ${savepoint}`);
    this.#run(`release ${savepoint}`);
  }

  async savepoint(): Promise<void> {
    throw new Error('nested transactions are not used on SQLite');
  }

  async rollbackToSavepoint(): Promise<void> {
    throw new Error('nested transactions are not used on SQLite');
  }

  async releaseSavepoint(): Promise<void> {
    throw new Error('nested transactions are not used on SQLite');
  }

  async destroy(): Promise<void> {
    this.#endReading();
    await this.#commitGroup();
    this.#connection.close();
  }

  runNow<R>(query: CompiledQuery): Promise<QueryResult<R>> | undefined {
    if (this.#lock.held) return undefined;
    const { result, group } = this.#runStatement<R>(query, undefined);
    if (!group) return Promise.resolve(result);
    this.#counts.writes += 1;
    return this.#committed(group).then(() => result);
  }

  /** Runs one query on the lease; a write outside a transaction answers once its group is committed. */
  async execute<R>(lease: Lease, query: CompiledQuery): Promise<QueryResult<R>> {
    const { result, group } = this.#runStatement<R>(query, lease.group);
    if (group) await this.#untilDurable(lease, group);
    return result;
  }

  /**
   * Runs one statement, in `transactionGroup` when a transaction is open; a write outside a transaction
   * joins the open group, which is returned for its caller to wait on.
   */
  #runStatement<R>(query: CompiledQuery, transactionGroup: Group | undefined): { result: QueryResult<R>; group: Group | undefined } {
    const statement = this.#prepare(query.sql);
    const parameters = query.parameters as unknown[];
    const group = !statement.readonly && !transactionGroup ? this.#joinGroup() : undefined;
    if (statement.readonly && !this.#reading && !this.#connection.inTransaction) this.#beginReading();
    try {
      if (statement.reader) return { result: { rows: statement.all(parameters) as R[] }, group };
      const { changes, lastInsertRowid } = statement.run(parameters);
      return { result: { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }, group };
    } catch (error) {
      this.#checkGroup(error);
      throw error;
    }
  }

  #run(text: string): void {
    try {
      this.#prepare(text).run();
    } catch (error) {
      this.#checkGroup(error);
      throw error;
    }
  }

  /** Opens the turn's read transaction; the turn's end (or a write group) closes it. */
  #beginReading(): void {
    this.#prepare('begin').run();
    this.#reading = true;
    setImmediate(() => this.#endReading());
  }

  #endReading(): void {
    if (!this.#reading) return;
    this.#reading = false;
    // A failed statement may have ended it already (SQLite rolls back on some errors).
    if (!this.#connection.inTransaction) return;
    try {
      this.#prepare('commit').run();
    } catch {
      // Ending a transaction that wrote nothing gives up only its snapshot: the next turn's reads take a new one.
      if (this.#connection.inTransaction) this.#prepare('rollback').run();
    }
  }

  /** The open group (begun now if none is), its commit scheduled. */
  #joinGroup(): Group {
    this.#endReading();
    this.#checkGroup();
    if (!this.#group) {
      this.#prepare('begin').run();
      this.#group = { waiters: [] };
      setImmediate(() => void this.#commitGroup());
    }
    return this.#group;
  }

  /**
   * The open group, unless SQLite has ended its transaction (a failed statement's error, disk full, I/O
   * error): then the group's writes are gone, and each of its callers is told so with `error`.
   */
  #checkGroup(error?: unknown): Group | undefined {
    const group = this.#group;
    if (group && !this.#connection.inTransaction) {
      // Made only here: an Error captures a stack, which cost a write call 18 µs when it was the parameter's default.
      const lost = error ?? new Error('SQLite rolled the transaction back');
      this.#group = undefined;
      group.lost = lost;
      for (const waiter of group.waiters) waiter.reject(lost);
    }
    return this.#group;
  }

  /**
   * Frees the connection for the next caller (who may join the same group),
   * then waits for the commit that makes this caller's write durable.
   */
  #untilDurable(lease: Lease, group: Group): Promise<void> {
    this.#counts.writes += 1;
    this.#release(lease);
    return this.#committed(group);
  }

  /** Settles when `group` is committed; rejects when it is lost. */
  #committed(group: Group): Promise<void> {
    if (group.lost) return Promise.reject(group.lost);
    return new Promise((resolve, reject) => group.waiters.push({ resolve, reject }));
  }

  #release(lease: Lease): void {
    if (lease.released) return;
    lease.released = true;
    this.#lock.unlock();
  }

  /** Commits the open group once no transaction holds the connection. */
  #commitGroup(): Promise<void> {
    this.#committing ??= (async () => {
      await this.#lock.lock();
      const group = this.#checkGroup();
      this.#group = undefined;
      try {
        if (!group) return;
        try {
          this.#prepare('commit').run();
          this.#counts.commits += 1;
        } catch (error) {
          if (this.#connection.inTransaction) this.#prepare('rollback').run();
          for (const waiter of group.waiters) waiter.reject(error);
          return;
        }
        for (const waiter of group.waiters) waiter.resolve();
      } finally {
        this.#committing = undefined;
        this.#lock.unlock();
      }
    })();
    return this.#committing;
  }
}
