import { sql } from 'kysely';
import type { Database } from './db.js';
import type { AccountsTable } from './tables.js';

export interface HoursWindow {
  /** `HH:mm`, account time. */
  start: string;
  /** `HH:mm`, account time. */
  end: string;
}

export interface Account {
  id: number;
  name: string;
  timezone: string;
  /** ISO 3166-1 alpha-2 region used to read national phone numbers. */
  country: string;
  clientId: string | null;
  defaultLanguage: string;
  businessHours: HoursWindow;
  callbackHours: HoursWindow;
  workingDaysOff: string[];
  validMaxDays: number;
  /** findLanguage's operator names: `legacy` (VODAFONE, IDEA) or `current` (VI). */
  operatorNames: 'legacy' | 'current';
  /** The stored preference findLanguage reads first (docs/methods/find-language.md). */
  languagePreferenceKey: string;
  /** Whether calls keep what the service did not understand (docs/console.md "Misses"). */
  recordMisses: boolean;
  /** HTTP status of parameter errors on webhook calls: 422, or 200 for flow builders that only parse 2xx (docs/protocol.md). */
  parameterErrorStatus: 422 | 200;
  createdAt: string;
  updatedAt: string;
}

export type AccountFields = Omit<Account, 'id' | 'createdAt' | 'updatedAt'>;

function toAccount(row: AccountsTable): Account {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    country: row.country,
    clientId: row.client_id,
    defaultLanguage: row.default_language,
    businessHours: { start: row.business_start, end: row.business_end },
    callbackHours: { start: row.callback_start, end: row.callback_end },
    workingDaysOff: row.working_days_off ? row.working_days_off.split(',') : [],
    validMaxDays: row.valid_max_days,
    operatorNames: row.operator_names === 'current' ? 'current' : 'legacy',
    languagePreferenceKey: row.language_preference_key,
    recordMisses: row.record_misses !== 0,
    parameterErrorStatus: row.parameter_error_status === 200 ? 200 : 422,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function toColumns(fields: Partial<AccountFields>): Partial<AccountsTable> {
  const columns: Partial<AccountsTable> = {};
  if (fields.name !== undefined) columns.name = fields.name;
  if (fields.timezone !== undefined) columns.timezone = fields.timezone;
  if (fields.country !== undefined) columns.country = fields.country;
  if (fields.clientId !== undefined) columns.client_id = fields.clientId;
  if (fields.defaultLanguage !== undefined) columns.default_language = fields.defaultLanguage;
  if (fields.businessHours) {
    columns.business_start = fields.businessHours.start;
    columns.business_end = fields.businessHours.end;
  }
  if (fields.callbackHours) {
    columns.callback_start = fields.callbackHours.start;
    columns.callback_end = fields.callbackHours.end;
  }
  if (fields.workingDaysOff !== undefined) columns.working_days_off = fields.workingDaysOff.join(',');
  if (fields.validMaxDays !== undefined) columns.valid_max_days = fields.validMaxDays;
  if (fields.operatorNames !== undefined) columns.operator_names = fields.operatorNames;
  if (fields.languagePreferenceKey !== undefined) columns.language_preference_key = fields.languagePreferenceKey;
  if (fields.recordMisses !== undefined) columns.record_misses = fields.recordMisses ? 1 : 0;
  if (fields.parameterErrorStatus !== undefined) columns.parameter_error_status = fields.parameterErrorStatus;
  return columns;
}

/**
 * Inserts an account. Without an id it takes the next free one in the same
 * statement, so concurrent creations cannot pick the same id silently (the
 * primary key rejects the loser, which the caller may retry).
 */
export async function insertAccount(db: Database, fields: AccountFields, id: number | undefined, now: number): Promise<Account> {
  const columns = { ...toColumns(fields), created_at: now, updated_at: now } as Omit<AccountsTable, 'id'>;
  const accountId =
    id ??
    Number(
      (await db.selectFrom('accounts').select(sql<number>`coalesce(max(id), 0) + 1`.as('next')).executeTakeFirstOrThrow()).next,
    );
  await db.insertInto('accounts').values({ ...columns, id: accountId }).execute();
  const account = await findAccount(db, accountId);
  if (!account) throw new Error('inserted account not found');
  return account;
}

export async function findAccount(db: Database, id: number): Promise<Account | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function listAccounts(db: Database): Promise<Account[]> {
  const rows = await db.selectFrom('accounts').selectAll().orderBy('id').execute();
  return rows.map(toAccount);
}

export async function countAccounts(db: Database): Promise<number> {
  const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function updateAccount(db: Database, id: number, fields: Partial<AccountFields>, now: number): Promise<Account | undefined> {
  const columns = toColumns(fields);
  const result = await db
    .updateTable('accounts')
    .set({ ...columns, updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return findAccount(db, id);
}
