import { sql } from 'kysely';
import { dialectOf, type Database } from './db.js';
import { listValues, preparedQuery, preparedQueryPerCount, slotList } from './prepared.js';

export interface PreferenceChange {
  name: string;
  /** null deletes the preference. */
  value: string | null;
}

/**
 * Applies every change for one contact, all or nothing, and returns how many
 * preferences the contact then has; or, when that would be more than
 * `maxPerContact`, writes nothing and returns undefined. PostgreSQL does it
 * in one function call (migration 0018-write-functions), SQLite in one
 * transaction.
 */
export async function applyPreferenceChanges(
  db: Database,
  accountId: number,
  contactId: string,
  changes: PreferenceChange[],
  now: number,
  maxPerContact: number,
): Promise<number | undefined> {
  if (dialectOf(db) === 'postgres') {
    const names = changes.map((change) => change.name);
    const values = changes.map((change) => change.value);
    const { rows } = await applyOnPostgres(db, { accountId, contactId, names, values, now, maxPerContact });
    return rows[0]!.total ?? undefined;
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const count = await writeChanges(trx, accountId, contactId, changes, now);
      if (count > maxPerContact) throw new PreferenceLimitExceeded();
      return count;
    });
  } catch (error) {
    if (error instanceof PreferenceLimitExceeded) return undefined;
    throw error;
  }
}

/** PostgreSQL's one-round-trip write (migration 0018-write-functions). */
const applyOnPostgres = preparedQuery<{ accountId: number; contactId: string; names: string[]; values: Array<string | null>; now: number; maxPerContact: number }, { total: number | null }>(
  (_db, slot) =>
    sql`select flowhooks_apply_preferences(${slot('accountId')}, ${slot('contactId')}, ${slot('names')}::text[], ${slot('values')}::text[], ${slot('now')}, ${slot('maxPerContact')}) as total`,
);

/** Thrown inside the transaction to roll it back when the contact would hold too many preferences. */
class PreferenceLimitExceeded extends Error {}

async function writeChanges(db: Database, accountId: number, contactId: string, changes: PreferenceChange[], now: number): Promise<number> {
  const upserts = changes.filter((change): change is { name: string; value: string } => change.value !== null);
  const deletions = changes.filter((change) => change.value === null).map((change) => change.name);
  if (upserts.length) {
    const values = listValues({ accountId, contactId, now }, 'name', upserts.map((change) => change.name));
    await upsertOfCount(upserts.length)(db, listValues(values, 'value', upserts.map((change) => change.value)));
  }
  if (deletions.length) await deleteOfCount(deletions.length)(db, listValues({ accountId, contactId }, 'name', deletions));
  const { rows } = await countPreferences(db, { accountId, contactId });
  return Number(rows[0]!.count);
}

// A call changes one to a few preferences: the statements for up to 8 are built and compiled once each.
const mostPrepared = 8;

/** The upsert of `count` preferences of one contact: `nameI` and `valueI` for each. */
const upsertOfCount = preparedQueryPerCount(mostPrepared, (count) => (db, slot) =>
  db
    .insertInto('user_preferences')
    .values(
      Array.from({ length: count }, (_, index) => ({
        account_id: slot('accountId') as number,
        contact_id: slot('contactId') as string,
        name: slot(`name${index}`) as string,
        value: slot(`value${index}`) as string,
        updated_at: slot('now') as number,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['account_id', 'contact_id', 'name']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    ),
);

/** The deletion of `count` named preferences of one contact: `nameI` for each. */
const deleteOfCount = preparedQueryPerCount(mostPrepared, (count) => (db, slot) =>
  db
    .deleteFrom('user_preferences')
    .where('account_id', '=', slot('accountId') as number)
    .where('contact_id', '=', slot('contactId') as string)
    .where('name', 'in', slotList<string>(slot, 'name', count)),
);

const countPreferences = preparedQuery<{ accountId: number; contactId: string }, { count: number }>((db, slot) =>
  db
    .selectFrom('user_preferences')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('account_id', '=', slot('accountId'))
    .where('contact_id', '=', slot('contactId')),
);

/** Every preference of a contact, by name (a stable order for flows). */
export async function listPreferences(db: Database, accountId: number, contactId: string): Promise<Array<{ name: string; value: string }>> {
  return (await contactPreferences(db, { accountId, contactId })).rows;
}

const contactPreferences = preparedQuery<{ accountId: number; contactId: string }, { name: string; value: string }>((db, slot) =>
  db
    .selectFrom('user_preferences')
    .select(['name', 'value'])
    .where('account_id', '=', slot('accountId'))
    .where('contact_id', '=', slot('contactId'))
    .orderBy('name'),
);

/** One preference of a contact, or undefined: a single primary-key read (findLanguage's stored choice). */
export async function findPreference(db: Database, accountId: number, contactId: string, name: string): Promise<string | undefined> {
  return (await onePreference(db, { accountId, contactId, name })).rows[0]?.value;
}

const onePreference = preparedQuery<{ accountId: number; contactId: string; name: string }, { value: string }>((db, slot) =>
  db
    .selectFrom('user_preferences')
    .select('value')
    .where('account_id', '=', slot('accountId'))
    .where('contact_id', '=', slot('contactId'))
    .where('name', '=', slot('name')),
);
