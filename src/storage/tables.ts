

/**
 * Column types of every table, as the query builder sees them. Times are
 * epoch milliseconds (integer on SQLite, bigint on PostgreSQL, read back as
 * numbers); booleans are 0/1 integers so both databases agree.
 */
export interface Tables {
  accounts: AccountsTable;
  api_tokens: ApiTokensTable;
  user_preferences: UserPreferencesTable;
  outbound_flows: OutboundFlowsTable;
  outbound_requests: OutboundRequestsTable;
  outbound_jobs: OutboundJobsTable;
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


export interface OutboundFlowsTable {
  account_id: number;
  /** 8 characters, unique within the account. */
  flow_id: string;
  /** SHA-256 of the 64-character security id, hex. The id itself is shown once, when created. */
  security_hash: string;
  name: string;
  dialer_url: string;
  /** Kept in clear: every delivery is signed with it. Never returned by the API. */
  dialer_secret: string;
  throttle_per_second: number | null;
  /** `HH:mm` account time, both set or both null. */
  window_start: string | null;
  window_end: string | null;
  /** The earliest time the next delivery of this flow may start (the cluster-wide throttle). */
  next_slot_at: number;
  created_at: number;
  updated_at: number;
}

export interface OutboundRequestsTable {
  /** UUID, returned as `obdReqID`. */
  id: string;
  /** UUID of the outbound execution, returned as `obdPhononUUID`. */
  execution_id: string;
  account_id: number;
  flow_id: string;
  stage: 'prod' | 'test';
  /** Idempotency-Key header or `$flow.syskey.requestKey`; unique per account while set. */
  idempotency_key: string | null;
  /** The outputs of the first answer, JSON, replayed for a repeated idempotency key. */
  answer: string;
  created_at: number;
  cancelled_at: number | null;
}

export type OutboundJobStatus = 'scheduled' | 'dispatching' | 'delivered' | 'failed' | 'cancelled' | 'simulated';

export interface OutboundJobsTable {
  /** UUID; also the `Idempotency-Key` the dialer receives. */
  id: string;
  request_id: string;
  account_id: number;
  flow_id: string;
  stage: 'prod' | 'test';
  /** E.164. */
  contact_number: string;
  /** The number's place in the request, from 0. */
  position: number;
  due_at: number;
  status: OutboundJobStatus;
  attempts: number;
  last_error: string | null;
  /** The dispatcher holding the job while `dispatching`. */
  locked_by: string | null;
  /** When the lease ends; an expired lease lets another dispatcher take the job over. */
  locked_until: number | null;
  delivered_at: number | null;
  created_at: number;
  updated_at: number;
}
