import { sql } from 'kysely';
import { dialectOf, type Database } from './db.js';
import { arrayParam, byPosition, columnArrays, eachCallLooksUp, listValues, preparedQuery, preparedQueryPerCount, readTogetherOnPostgres, sliceBounds, slotList } from './prepared.js';
import { groupWriteFor } from '../kernel/group-write.js';

export interface PreferenceChange {
  name: string;
  /** null deletes the preference. */
  value: string | null;
}

/**
 * Applies every change for one contact, all or nothing: true when applied;
 * false, writing nothing, when the contact would then hold more than
 * `maxPerContact` preferences. PostgreSQL does it in one function call
 * (migration 0018-write-functions). On SQLite a call that only sets values
 * (the usual one) is one upsert that checks the limit itself; a call that
 * also deletes runs its statements in one transaction.
 */
export async function applyPreferenceChanges(
  db: Database,
  accountId: number,
  contactId: string,
  changes: PreferenceChange[],
  now: number,
  maxPerContact: number,
): Promise<boolean> {
  if (dialectOf(db) === 'postgres') {
    const call = { accountId, contactId, names: changes.map((change) => change.name), values: changes.map((change) => change.value), now, maxPerContact };
    if (!db.isTransaction) return applyTogetherOnPostgres(db, call);
    const { rows } = await applyOnPostgres(db, call);
    return rows[0]!.total !== null;
  }
  const upserts = changes.filter((change): change is { name: string; value: string } => change.value !== null);
  const deletions = changes.filter((change) => change.value === null).map((change) => change.name);
  if (changes.length === 0) return true;
  if (deletions.length === 0) {
    // One statement: SQLite has one writer, so the count it checks is the count it writes beside.
    const { numAffectedRows } = await upsertWithinLimitOfCount(upserts.length)(db, upsertSlots({ accountId, contactId, now, maxPerContact }, upserts));
    return Number(numAffectedRows ?? 0) > 0;
  }
  try {
    return await db.transaction().execute(async (trx) => {
      if (upserts.length) await upsertOfCount(upserts.length)(trx, upsertSlots({ accountId, contactId, now }, upserts));
      await deleteOfCount(deletions.length)(trx, listValues({ accountId, contactId }, 'name', deletions));
      const { rows } = await countPreferences(trx, { accountId, contactId });
      if (Number(rows[0]!.count) > maxPerContact) throw new PreferenceLimitExceeded();
      return true;
    });
  } catch (error) {
    if (error instanceof PreferenceLimitExceeded) return false;
    throw error;
  }
}

interface PostgresPreferenceCall {
  accountId: number;
  contactId: string;
  names: string[];
  values: Array<string | null>;
  now: number;
  maxPerContact: number;
}

/**
 * The calls of one event-loop turn, and those that queue behind a write, as one statement: one
 * function call a call, in the calls' order, in one transaction; each call sees the writes of the
 * calls before it, as if they had been sent one by one. Every call's names and values go as one
 * array each, a call reading its own slice. A statement that fails is sent again call by call
 * (groupWrite), so one call's failure is its own.
 */
const applyTogetherOnPostgres = groupWriteFor('preferences', async (db: Database, calls: PostgresPreferenceCall[]): Promise<boolean[]> => {
  const { rows } = await applyManyOnPostgres(db, {
    ...columnArrays(calls, { accountIds: 'accountId', contactIds: 'contactId', nows: 'now', maxes: 'maxPerContact' }),
    ...sliceBounds(calls.map((call) => call.names.length)),
    names: calls.flatMap((call) => call.names),
    values: calls.flatMap((call) => call.values),
  });
  // The function answers one row a call: null over the limit.
  return byPosition(calls.length, rows, (row) => row.total !== null, false);
});

const applyManyOnPostgres = preparedQuery<
  { accountIds: number[]; contactIds: string[]; firsts: number[]; lasts: number[]; nows: number[]; maxes: number[]; names: string[]; values: Array<string | null> },
  { position: string; total: number | null }
>(
  (_db, slot) =>
    sql`select given.position, flowhooks_apply_preferences(given.account_id, given.contact_id,
        (${slot('names')}::text[])[given.first:given.last], (${slot('values')}::text[])[given.first:given.last], given.now, given.max) as total
      from unnest(${arrayParam(slot('accountIds'), 'integer')}, ${arrayParam(slot('contactIds'), 'text')}, ${arrayParam(slot('firsts'), 'integer')}, ${arrayParam(slot('lasts'), 'integer')},
        ${arrayParam(slot('nows'), 'bigint')}, ${arrayParam(slot('maxes'), 'integer')}) with ordinality as given(account_id, contact_id, first, last, now, max, position)`,
);

/** PostgreSQL's one-round-trip write (migration 0018-write-functions). */
const applyOnPostgres = preparedQuery<{ accountId: number; contactId: string; names: string[]; values: Array<string | null>; now: number; maxPerContact: number }, { total: number | null }>(
  (_db, slot) =>
    sql`select flowhooks_apply_preferences(${slot('accountId')}, ${slot('contactId')}, ${slot('names')}::text[], ${slot('values')}::text[], ${slot('now')}, ${slot('maxPerContact')}) as total`,
);

/** `values` with `nameI` and `valueI` set for each upsert, as the upsert statements' slots name them. */
const upsertSlots = (values: Record<string, unknown>, upserts: ReadonlyArray<{ name: string; value: string }>) =>
  listValues(listValues(values, 'name', upserts.map((change) => change.name)), 'value', upserts.map((change) => change.value));

/** Thrown inside the transaction to roll it back when the contact would hold too many preferences. */
class PreferenceLimitExceeded extends Error {}

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

/**
 * The upsert of `count` preferences of one contact (`nameI`, `valueI`) that writes nothing when the
 * contact would then hold more than `maxPerContact`: its other preferences and these must fit.
 */
const upsertWithinLimitOfCount = preparedQueryPerCount(mostPrepared, (count) => (_db, slot) => {
  const names = slotList<string>(slot, 'name', count);
  const rows = Array.from({ length: count }, (_, index) => sql`(${names[index]}, ${slot(`value${index}`)})`);
  return sql`insert into user_preferences (account_id, contact_id, name, value, updated_at)
    select ${slot('accountId')}, ${slot('contactId')}, changed.column1, changed.column2, ${slot('now')}
    from (values ${sql.join(rows)}) as changed
    where (select count(*) from user_preferences
           where account_id = ${slot('accountId')} and contact_id = ${slot('contactId')} and name not in (${sql.join(names)})) + ${sql.lit(count)} <= ${slot('maxPerContact')}
    on conflict (account_id, contact_id, name) do update set value = excluded.value, updated_at = excluded.updated_at`;
});

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

/**
 * Every preference of a contact, by name (a stable order for flows). PostgreSQL reads the contacts of
 * the calls that arrive together in one select (readTogetherOnPostgres): one round trip and one
 * statement for them all instead of one each.
 */
export function listPreferences(db: Database, accountId: number, contactId: string): Promise<Array<{ name: string; value: string }>> {
  return contactPreferencesRead(db, { accountId, contactId });
}

type ContactKey = { accountId: number; contactId: string };

const contactPreferences = preparedQuery<ContactKey, { name: string; value: string }>((db, slot) =>
  db
    .selectFrom('user_preferences')
    .select(['name', 'value'])
    .where('account_id', '=', slot('accountId'))
    .where('contact_id', '=', slot('contactId'))
    .orderBy('name'),
);

const contactPreferencesRead = readTogetherOnPostgres(
  'preference_read',
  async (db, contact: ContactKey) => (await contactPreferences(db, contact)).rows,
  async (db, contacts) => {
    const { rows } = await contactsPreferencesPostgres(db, columnArrays(contacts, { accountIds: 'accountId', contactIds: 'contactId' }));
    const answers = contacts.map((): Array<{ name: string; value: string }> => []);
    // Rows come by position, then by name.
    for (const row of rows) answers[Number(row.position) - 1]!.push({ name: row.name, value: row.value });
    return answers;
  },
);

const contactsPreferencesPostgres = preparedQuery<{ accountIds: number[]; contactIds: string[] }, { position: string; name: string; value: string }>(
  (_db, slot) =>
    sql`select given.position, preference.name, preference.value
      from unnest(${arrayParam(slot('accountIds'), 'integer')}, ${arrayParam(slot('contactIds'), 'text')}) with ordinality as given(account_id, contact_id, position)
      ${eachCallLooksUp(sql`select stored.name, stored.value from user_preferences as stored where stored.account_id = given.account_id and stored.contact_id = given.contact_id`, 'preference')}
      order by given.position, preference.name`,
);

/**
 * One preference of a contact, or undefined: a single primary-key read (findLanguage's stored choice).
 * On PostgreSQL the reads of the calls that arrive together go as one select, as listPreferences'.
 */
export function findPreference(db: Database, accountId: number, contactId: string, name: string): Promise<string | undefined> {
  return preferenceValueRead(db, { accountId, contactId, name });
}

const onePreference = preparedQuery<ContactKey & { name: string }, { value: string }>((db, slot) =>
  db
    .selectFrom('user_preferences')
    .select('value')
    .where('account_id', '=', slot('accountId'))
    .where('contact_id', '=', slot('contactId'))
    .where('name', '=', slot('name')),
);

const preferenceValueRead = readTogetherOnPostgres(
  'preference_value_read',
  async (db, lookup: ContactKey & { name: string }) => (await onePreference(db, lookup)).rows[0]?.value,
  async (db, lookups) => {
    const { rows } = await namedPreferencesPostgres(db, columnArrays(lookups, { accountIds: 'accountId', contactIds: 'contactId', names: 'name' }));
    return byPosition(lookups.length, rows, (row) => row.value);
  },
);

const namedPreferencesPostgres = preparedQuery<{ accountIds: number[]; contactIds: string[]; names: string[] }, { position: string; value: string }>(
  (_db, slot) =>
    sql`select given.position, preference.value
      from unnest(${arrayParam(slot('accountIds'), 'integer')}, ${arrayParam(slot('contactIds'), 'text')}, ${arrayParam(slot('names'), 'text')}) with ordinality as given(account_id, contact_id, name, position)
      ${eachCallLooksUp(
        sql`select stored.value from user_preferences as stored where stored.account_id = given.account_id and stored.contact_id = given.contact_id and stored.name = given.name`,
        'preference',
      )}`,
);
