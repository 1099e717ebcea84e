import type { Kysely } from 'kysely';

/** The two databases flowhooks runs on (docs/deploying.md). */
export type Dialect = 'sqlite' | 'postgres';

/** What a migration runs against: a migration sees the schema as it was, not today's `Tables`. */
export type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
