

/**
 * Column types of every table, as the query builder sees them. Times are
 * epoch milliseconds (integer on SQLite, bigint on PostgreSQL, read back as
 * numbers); booleans are 0/1 integers so both databases agree.
 */
export interface Tables {
  accounts: AccountsTable;
  api_tokens: ApiTokensTable;
  user_preferences: UserPreferencesTable;
  holidays: HolidaysTable;
}

export interface AccountsTable {
  id: number;
  name: string;
  timezone: string;
  /** ISO 3166-1 alpha-2 region for reading national phone numbers, e.g. `IN`. */
  country: string;
  client_id: string | null;
  default_language: string;
  business_start: string;
  business_end: string;
  callback_start: string;
  callback_end: string;
  /** Comma-separated English weekday names, e.g. `Sunday` or `Saturday,Sunday`. */
  working_days_off: string;
  valid_max_days: number;
  created_at: number;
  updated_at: number;
}

export interface ApiTokensTable {
  id: string;
  /** Null for admin tokens. */
  account_id: number | null;
  kind: 'admin' | 'account';
  label: string;
  /** SHA-256 of the token, hex. The token itself is never stored. */
  token_hash: string;
  created_at: number;
  revoked_at: number | null;
}

export interface UserPreferencesTable {
  account_id: number;
  contact_id: string;
  name: string;
  value: string;
  updated_at: number;
}


export interface HolidaysTable {
  account_id: number;
  /** `YYYY-MM-DD`, the account's calendar day. */
  date: string;
  name: string;
  updated_at: number;
}
