import type { Generated } from 'kysely';

/**
 * Column types of every table, as the query builder sees them. Times are
 * epoch milliseconds (integer on SQLite, bigint on PostgreSQL, read back as
 * numbers); booleans are 0/1 integers so both databases agree.
 */
export interface Tables {
  translations: TranslationsTable;
  accounts: AccountsTable;
  api_tokens: ApiTokensTable;
  user_preferences: UserPreferencesTable;
  report_rows: ReportRowsTable;
  numbering_series: NumberingSeriesTable;
  numbering_imports: NumberingImportsTable;
  agents: AgentsTable;
  agent_pause_events: AgentPauseEventsTable;
  holidays: HolidaysTable;
  outbound_flows: OutboundFlowsTable;
  outbound_requests: OutboundRequestsTable;
  outbound_jobs: OutboundJobsTable;
  short_customers: ShortCustomersTable;
  short_domains: ShortDomainsTable;
  short_urls: ShortUrlsTable;
  short_url_visits: ShortUrlVisitsTable;
  short_url_visit_counts: ShortUrlVisitCountsTable;
  bots: BotsTable;
  bot_sessions: BotSessionsTable;
  invocations: InvocationsTable;
  do_not_call_numbers: DoNotCallNumbersTable;
  invocation_hours: InvocationHoursTable;
  rate_limit_counters: RateLimitCountersTable;
  outbound_job_results: OutboundJobResultsTable;
  outbound_job_report_secrets: OutboundJobReportSecretsTable;
  status_webhooks: StatusWebhooksTable;
  status_deliveries: StatusDeliveriesTable;
}

/** Requests counted in the current window of one limit key, shared by every node (docs/deploying.md). */
export interface RateLimitCountersTable {
  /** The limit family and what it counts, e.g. `webhook:account:7`. */
  key: string;
  /** Start of the current window (epoch ms): the key's first request after the previous window ended. */
  window_start: number;
  window_ms: number;
  count: number;
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
  /** `legacy` (allocation-time brands such as VODAFONE) or `current` (VI); findLanguage's operator names. */
  operator_names: string;
  /** The preference name findLanguage reads first (docs/methods/find-language.md); default `language`. */
  language_preference_key: string;
  /** 0/1: whether calls keep what the service did not understand (`invocations.miss`). */
  record_misses: number;
  /** HTTP status of parameter errors on webhook calls: 422 (default) or 200 (flow builders that only parse 2xx). */
  parameter_error_status: number;
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
  /** `FLOWHOOKS_ADMIN_TOKEN` or `FLOWHOOKS_WEBHOOK_TOKEN` when the token came from that setting; at most one live per setting. */
  settings_name: Generated<string | null>;
}

export interface UserPreferencesTable {
  account_id: number;
  contact_id: string;
  name: string;
  value: string;
  updated_at: number;
}

/** One call record written by pullreport (docs/methods/pullreport.md). */
export interface ReportRowsTable {
  id: Generated<number>;
  account_id: number;
  report_type: string;
  stage: 'prod' | 'test';
  /** `$flow.key.callId`: unique per account, report type and stage when given. */
  call_id: string | null;
  flow_id: string;
  dtmf: string | null;
  dnis: string | null;
  /** The call's start as an instant (epoch ms). */
  start_at: number;
  /** The call's start exactly as the flow sent it. */
  start_time: string;
  /** Every other flow variable of the call, as a JSON object of strings keyed by last segment. */
  extra: string;
  created_at: number;
}

/** Imported mobile series; they override the shipped series of the same prefix. Columns as in `mobile-series.csv`. */
export interface NumberingSeriesTable {
  series: string;
  operator: string;
  circle: string;
  circle_code: string;
  operator_legacy: string;
  operator_original: string;
  operator_status: string;
  operator_source: string;
  libphonenumber_operator: string;
  operator_agrees: string;
  circle_alt: string;
  confidence: string;
  sources: string;
  note: string;
  imported_at: number;
}

/** One row per committed import: nodes reload imported series when the count changes. */
export interface NumberingImportsTable {
  id: string;
  row_count: number;
  imported_at: number;
}

/** Direct-dial agents of an account (docs/methods/agents.md). */
export interface AgentsTable {
  id: Generated<number>;
  account_id: number;
  /** E.164, e.g. `+919876543210`; unique within the account. */
  cli: string;
  name: string;
  /** 0/1. */
  paused: number;
  /** When the current break began; null when not paused. */
  paused_since: number | null;
  /** When the agent was last handed out by allocation; 0 when never. */
  last_allocated_at: number;
  created_at: number;
  updated_at: number;
  /**
   * SQLite only (migration 0022): who made the latest pause change, `webhook` or `api`; an update that sets
   * it and changes the state gets its event recorded by the trigger. Never read by the service.
   */
  pause_source?: 'webhook' | 'api' | null;
}

/** One row a pause or unpause that changed an agent's state. */
export interface AgentPauseEventsTable {
  id: Generated<number>;
  agent_id: number;
  account_id: number;
  /** 0/1: the state the agent went into. */
  paused: number;
  at: number;
  source: 'webhook' | 'api';
}

export interface HolidaysTable {
  account_id: number;
  /** `YYYY-MM-DD`, the account's calendar day. */
  date: string;
  name: string;
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
  /** `promotional`, `service` or `transactional` (India's calling rules, docs/methods/create-outbound.md). */
  category: 'promotional' | 'service' | 'transactional';
  /** JSON of the flow's retry policy by disposition; null: the defaults. */
  retry_policy: string | null;
  /** Minutes a delivered job waits for its outcome report; 0: the dialer reports none. */
  result_timeout_minutes: number;
  dedupe_window_minutes: number | null;
  /** Set while the flow is paused: jobs are kept but nothing is dialled. */
  paused_at: number | null;
  /** The secret before the last rotation, still signing (beside the new one) until `previous_secret_until`. */
  previous_dialer_secret: string | null;
  previous_secret_until: number | null;
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
  /** Idempotency-Key header or `$flow.syskey.requestKey`; unique per account and stage while set (migration 0023). */
  idempotency_key: string | null;
  /** The outputs of the first answer, JSON, replayed for a repeated idempotency key. */
  answer: string;
  created_at: number;
  cancelled_at: number | null;
  /** When every job of the request became final (outbound.request.completed was queued). */
  completed_at: number | null;
}

/** `refused`: the number was on the account's do-not-call list when the job came due (docs/methods/create-outbound.md). */
export type OutboundJobStatus =
  | 'scheduled'
  | 'dispatching'
  | 'paused'
  | 'delivered'
  | 'answered'
  | 'unreached'
  | 'failed'
  | 'cancelled'
  | 'refused'
  | 'simulated';

/** What a dialer reports about one dial (docs/methods/create-outbound.md). */
export type Disposition = 'answered' | 'busy' | 'no-answer' | 'failed' | 'invalid-number' | 'dnd' | 'rejected';

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
  /** 1 for the first dial; a retry by disposition is the next dial (and `attempts` starts again). */
  dial: number;
  /** The last disposition reported. */
  disposition: Disposition | null;
  /** Set while a delivered job waits for its outcome: when it is closed without one. */
  result_due_at: number | null;
  /** When the job reached a final state. */
  finished_at: number | null;
  created_at: number;
  updated_at: number;
}

/** One outcome report of one dial; the primary key makes a repeated report a no-op. */
export interface OutboundJobResultsTable {
  job_id: string;
  dial: number;
  disposition: Disposition;
  duration_seconds: number | null;
  detail: string | null;
  reported_at: number;
}

/**
 * The dialer secrets of a deleted flow, kept for one of its jobs that was
 * delivered and waiting for its outcome report when the flow was deleted
 * (migration 0024): they verify that report (and its repeats) until the
 * job's outcome deadline, and are deleted after it, or with the job.
 */
export interface OutboundJobReportSecretsTable {
  job_id: string;
  account_id: number;
  dialer_secret: string;
  previous_dialer_secret: string | null;
  previous_secret_until: number | null;
  /** The job's outcome deadline at the deletion: the secrets verify nothing after it. */
  expires_at: number;
  created_at: number;
}

/** An account's endpoint for status callbacks (docs/methods/create-outbound.md). */
export interface StatusWebhooksTable {
  id: string;
  account_id: number;
  url: string;
  /** `whsec_<base64>`; shown once, kept to sign every callback. */
  secret: string;
  /** JSON array of event types. */
  event_types: string;
  /** Failed delivery attempts since the last success. */
  failure_count: number;
  disabled_at: number | null;
  disabled_reason: string | null;
  last_success_at: number | null;
  last_failure_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export type StatusDeliveryStatus = 'pending' | 'dispatching' | 'delivered' | 'failed' | 'dropped';

/** One callback to one endpoint, durable until delivered (the outbound jobs' lease model). */
export interface StatusDeliveriesTable {
  /** `msg_…`, sent as webhook-id on every attempt. */
  id: string;
  endpoint_id: string;
  account_id: number;
  event_type: string;
  /** The JSON body, fixed when the event happened. */
  payload: string;
  status: StatusDeliveryStatus;
  attempts: number;
  due_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  last_status: number | null;
  delivered_at: number | null;
  created_at: number;
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
  /** Visits counted before migration 0021 (and by older nodes during an upgrade); the rest are in short_url_visit_counts. */
  human_visits: number;
  bot_visits: number;
  created_at: number;
  updated_at: number;
}

/** A link's visits counted since migration 0021; added to by each batch of visits. */
export interface ShortUrlVisitCountsTable {
  link_id: string;
  humans: number;
  bots: number;
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

/** translateText's cache: one row per (account, provider, source, target, text). */
export interface TranslationsTable {
  account_id: number;
  provider: string;
  /** Provider code, or `auto` when the source was detected. */
  source: string;
  target: string;
  /** SHA-256 of the input text, hex: the text itself is not kept. */
  text_hash: string;
  translated_text: string;
  detected_source: string | null;
  created_at: number;
  expires_at: number;
}

/** One webhook call (the invocation log); pruned after `FLOWHOOKS_INVOCATION_RETENTION_DAYS`. */
export interface InvocationsTable {
  id: Generated<number>;
  /** When the call arrived (epoch ms). */
  at: number;
  /** Null when no account was resolved (bad token, body unreadable). */
  account_id: number | null;
  /** The method's documented name; null when the call named no known method. */
  method: string | null;
  /** The call's `flowId` key (any scope, any case), at most 64 characters. */
  flow_id: string | null;
  stage: 'prod' | 'test';
  http_status: number;
  outcome: 'SUCCESS' | 'FAILURE';
  error_code: string | null;
  duration_ms: number;
  /** The caller's number masked (`98XXXXXX45`); never the full number. */
  caller: string | null;
  /** Which rule answered, for methods that say (findLanguage's cliLanguageSource); null otherwise. */
  answer_source: string | null;
  request_id: string;
  /** What the call said that the service did not understand: a refused date text or an unknown number block (docs/console.md "Misses"). */
  miss: string | null;
}

/**
 * The invocation log added up by hour (docs/console.md "Overview"), kept by
 * the log's writer in the transaction of each batch; `d00`…`d18` count calls
 * per duration bucket (`durationBounds` in src/storage/invocation-hours.ts).
 */
export interface InvocationHoursTable {
  /** Start of the clock hour, epoch ms. */
  hour: number;
  /** 0: calls without an account. */
  account_id: number;
  /** '': calls that named no known method. */
  method: string;
  kind: 'SUCCESS' | 'FAILURE' | '4xx' | '5xx';
  /** '': no error code. */
  error_code: string;
  calls: number;
  duration_sum_ms: number;
  d00: number; d01: number; d02: number; d03: number; d04: number; d05: number; d06: number; d07: number; d08: number; d09: number;
  d10: number; d11: number; d12: number; d13: number; d14: number; d15: number; d16: number; d17: number; d18: number;
}

/** How a number came onto a do-not-call list. */
export type DoNotCallSource = 'api' | 'import' | 'opt-out';

/** One number an account must never dial (docs/methods/create-outbound.md, "Do-not-call lists"). */
export interface DoNotCallNumbersTable {
  account_id: number;
  /** E.164, read with the account's country. */
  number: string;
  source: DoNotCallSource;
  added_at: number;
}
