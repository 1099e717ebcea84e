

/**
 * Column types of every table, as the query builder sees them. Times are
 * epoch milliseconds (integer on SQLite, bigint on PostgreSQL, read back as
 * numbers); booleans are 0/1 integers so both databases agree.
 */
export interface Tables {
  accounts: AccountsTable;
  api_tokens: ApiTokensTable;
  user_preferences: UserPreferencesTable;
  short_customers: ShortCustomersTable;
  short_domains: ShortDomainsTable;
  short_urls: ShortUrlsTable;
  short_url_visits: ShortUrlVisitsTable;
  bots: BotsTable;
  bot_sessions: BotSessionsTable;
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


/** A customer of the shortener: flows identify it by its custToken (stored hashed). */
export interface ShortCustomersTable {
  id: string;
  account_id: number;
  name: string;
  /** SHA-256 of the custToken, hex. */
  token_hash: string;
  created_at: number;
  updated_at: number;
}

/** A custom short domain; each belongs to one customer. */
export interface ShortDomainsTable {
  /** Lower-case host name without port, e.g. `phn.io`. */
  host: string;
  customer_id: string;
  created_at: number;
}

export interface ShortUrlsTable {
  id: string;
  /** Custom domain host, or '' for the default short domain. */
  domain: string;
  code: string;
  account_id: number;
  /** Null for links made by linkcreation on an account without a short customer. */
  customer_id: string | null;
  long_url: string;
  /** SHA-256 of long_url, hex. */
  url_hash: string;
  /** Set on plain links (no slug, expiry or visit limit) so the same request returns the same link; null otherwise. */
  reuse_key: string | null;
  redirect_status: number;
  custom_slug: number;
  expires_at: number | null;
  max_visits: number | null;
  disabled: number;
  human_visits: number;
  bot_visits: number;
  created_at: number;
  updated_at: number;
}

export interface ShortUrlVisitsTable {
  link_id: string;
  visited_at: number;
  referrer: string | null;
  user_agent: string | null;
  bot: number;
}

export interface BotsTable {
  account_id: number;
  bot_id: string;
  base_url: string;
  /** SHA-256 of the bot's token, hex. */
  token_hash: string;
  /** `query`: every variable in the link; `opaque`: only botUniqueID. */
  link_mode: 'query' | 'opaque';
  created_at: number;
  updated_at: number;
}

export interface BotSessionsTable {
  /** The botUniqueID. */
  id: string;
  account_id: number;
  bot_id: string;
  cli: string;
  /** JSON object of every variable passed, by last segment. */
  variables: string;
  short_url: string;
  created_at: number;
}
