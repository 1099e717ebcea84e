import type { Database } from './db.js';

export interface Holiday {
  /** `YYYY-MM-DD`. */
  date: string;
  name: string;
}

/** An account's holidays in date order, optionally between two dates (inclusive). */
export async function listHolidays(db: Database, accountId: number, range: { from?: string; to?: string } = {}): Promise<Holiday[]> {
  let query = db.selectFrom('holidays').select(['date', 'name']).where('account_id', '=', accountId);
  if (range.from) query = query.where('date', '>=', range.from);
  if (range.to) query = query.where('date', '<=', range.to);
  return query.orderBy('date').execute();
}

/** Sets the name of one holiday; answers whether the date was new. */
export async function putHoliday(db: Database, accountId: number, holiday: Holiday, now: number): Promise<'created' | 'updated'> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('holidays').select('date').where('account_id', '=', accountId).where('date', '=', holiday.date).executeTakeFirst();
    await trx
      .insertInto('holidays')
      .values({ account_id: accountId, date: holiday.date, name: holiday.name, updated_at: now })
      .onConflict((conflict) => conflict.columns(['account_id', 'date']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), updated_at: eb.ref('excluded.updated_at') })))
      .execute();
    return existing ? 'updated' : 'created';
  });
}

/** Removes one holiday; false when there was none. */
export async function deleteHoliday(db: Database, accountId: number, date: string): Promise<boolean> {
  const result = await db.deleteFrom('holidays').where('account_id', '=', accountId).where('date', '=', date).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// Both databases cap the parameters of one statement; 4 a row keeps a chunk far below either cap.
const chunkSize = 500;

/**
 * Adds holidays whose dates the account does not have yet, in one
 * transaction; dates already present keep their name. Returns how many were
 * added, so importing the same calendar twice adds nothing the second time.
 */
export async function addMissingHolidays(db: Database, accountId: number, holidays: readonly Holiday[], now: number): Promise<number> {
  if (holidays.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let added = 0;
    for (let start = 0; start < holidays.length; start += chunkSize) {
      const rows = holidays.slice(start, start + chunkSize).map((holiday) => ({ account_id: accountId, date: holiday.date, name: holiday.name, updated_at: now }));
      const inserted = await trx
        .insertInto('holidays')
        .values(rows)
        .onConflict((conflict) => conflict.columns(['account_id', 'date']).doNothing())
        .returning('date')
        .execute();
      added += inserted.length;
    }
    return added;
  });
}
