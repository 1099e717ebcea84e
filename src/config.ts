import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { parseAllowList } from './net/destinations.js';

/**
 * Every setting flowhooks reads, with its default. Values come from the
 * environment, or from the JSON file named by `FLOWHOOKS_CONFIG_FILE` (the
 * environment wins). The README's settings table mirrors this list.
 */
const settingsSchema = Type.Object({
  /** Listen port. Default 8080. */
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'Listen port.' }),
  /** Listen address. Default 127.0.0.1. */
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Listen address.' }),
  /** `sqlite:<path>` or `postgres://…`. Default `sqlite:./data/flowhooks.db`. */
  DATABASE_URL: Type.String({
    pattern: '^(sqlite:.+|postgres(ql)?://.+)$',
    default: 'sqlite:./data/flowhooks.db',
    description: '`sqlite:<path>` or `postgres://user@host:port/db`.',
  }),
  /** Connections each node's PostgreSQL pool opens at the start and keeps open. Default 10. */
  FLOWHOOKS_PG_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 1000, default: 10, description: 'Connections one node\'s PostgreSQL pool opens at the start and keeps open (1–1000).' }),
  /** SQLite's page cache; the operating system caches the rest of the file. Default 4 MiB. */
  FLOWHOOKS_SQLITE_CACHE_MIB: Type.Integer({
    minimum: 1,
    maximum: 1024,
    default: 4,
    description: 'MiB of database pages SQLite keeps in the process (1–1024); the rest of the file is read from the operating system\'s page cache.',
  }),
  /**
   * Checkpoints of SQLite's write-ahead log on a thread of their own, so no commit waits for one (docs/deploying.md
   * "SQLite"). Off by default: the thread is a second JavaScript runtime, 4–10 MiB of resident memory.
   */
  FLOWHOOKS_SQLITE_CHECKPOINT_MS: Type.Integer({
    minimum: 0,
    maximum: 60_000,
    default: 200,
    description: 'SQLite: every so many ms (0–60000, default 200) the write-ahead log is copied into the database file with the syncs to the disk done off the event loop, so no commit waits for a checkpoint\'s syncs; 0 leaves checkpoints to SQLite, inside the commits that fill the log, each waiting for two syncs.',
  }),
  /** Send the hot queries as named statements, parsed and planned once per connection. Default true. */
  FLOWHOOKS_PG_NAMED_STATEMENTS: Type.Boolean({
    default: true,
    description: '`false` or `0`: send every query unnamed (behind a pooler that does not keep prepared statements across transactions).',
  }),
  /** PostgreSQL schema holding flowhooks' tables. Default `public`. */
  DATABASE_SCHEMA: Type.String({
    pattern: '^[a-z_][a-z0-9_]{0,62}$',
    default: 'public',
    description: 'PostgreSQL schema for the tables (lower-case identifier).',
  }),
  /** Admin token for `/api` and the console; generated and printed once when absent. */
  FLOWHOOKS_ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16, description: 'Admin token (at least 16 characters).' })),
  /** Webhook token of account 1, created on first start; generated and printed once when absent. */
  FLOWHOOKS_WEBHOOK_TOKEN: Type.Optional(Type.String({ minLength: 16, description: 'Webhook token of account 1 (at least 16 characters).' })),
  /** How long a node reuses what it learned about a bearer token; a token revoked on another node is refused within it. Default 5000. */
  FLOWHOOKS_TOKEN_CACHE_MS: Type.Integer({ minimum: 0, maximum: 300_000, default: 5000, description: 'How long a node reuses a token lookup in ms (0–300000); a revocation reaches every node within it.' }),
  /** `token` (default) or `off`: trust `accountID` in the keys (VPN-only deployments). */
  FLOWHOOKS_AUTH: Type.Union([Type.Literal('token'), Type.Literal('off')], { default: 'token', description: '`token` or `off`.' }),
  /**
   * Acknowledges FLOWHOOKS_AUTH=off on a HOST other machines can reach: without
   * it such a start is refused (docs/security.md). Default false.
   */
  FLOWHOOKS_AUTH_OFF_ALLOW_REMOTE: Type.Boolean({ default: false, description: '`true` or `1`: let FLOWHOOKS_AUTH=off listen on a HOST that is not loopback.' }),
  /**
   * The address clients reach this server at, for absolute URLs it prints (`/postman.json`). Default: the
   * listening address. Never taken from a request's Host header.
   */
  FLOWHOOKS_PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$', description: 'Public base URL of this server (e.g. `https://hooks.example.com`); default: the listening address.' })),
  /** Default short domain for short URLs. Default `http://HOST:PORT`. */
  FLOWHOOKS_SHORT_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+/?$', description: 'Base URL of the default short domain.' })),
  /** Translation provider. Default `google`. */
  FLOWHOOKS_TRANSLATE_PROVIDER: Type.Union([Type.Literal('google'), Type.Literal('libretranslate')], { default: 'google', description: '`google` or `libretranslate`.' }),
  /** Base URL of the translation provider. Default: the provider's public endpoint. */
  FLOWHOOKS_TRANSLATE_URL: Type.Optional(Type.String({ pattern: '^https?://\\S+$', description: 'Base URL of the translation provider.' })),
  /** Server-side translation key used when a call brings none. */
  FLOWHOOKS_TRANSLATE_API_KEY: Type.Optional(Type.String({ minLength: 1, description: 'Server-side provider key.' })),
  /** Hard timeout of one translation provider call, in ms. Default 3000. */
  FLOWHOOKS_TRANSLATE_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 3000, description: 'Timeout of one translation call in ms (100–60000).' }),
  /** How long a translation is reused, in seconds. Default 2592000 (30 days). */
  FLOWHOOKS_TRANSLATE_CACHE_TTL_SECONDS: Type.Integer({ minimum: 0, maximum: 31_536_000, default: 2_592_000, description: 'Seconds a translation is reused (0 = never cached).' }),
  /** Log level. Default `info`. */
  FLOWHOOKS_LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info', description: 'fatal, error, warn, info, debug, trace or silent.' },
  ),
  /** Largest webhook body in bytes. Default 65536 (64 KiB). */
  FLOWHOOKS_BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 10 * 1024 * 1024, default: 65536, description: 'Largest webhook body in bytes.' }),
  /** How long a whole request (headers and body) may take to arrive. Default 30000. */
  FLOWHOOKS_REQUEST_TIMEOUT_MS: Type.Integer({
    minimum: 1000,
    maximum: 3_600_000,
    default: 30_000,
    description: 'Longest time in ms a request may take to arrive, headers and body; a slower one is answered 408 and its connection closed.',
  }),
  /** Base delay before the first retry of an outbound delivery; doubles each attempt. Default 5000. */
  FLOWHOOKS_DISPATCH_BACKOFF_MS: Type.Integer({ minimum: 1, maximum: 3_600_000, default: 5000, description: 'Base retry delay of outbound deliveries in ms (× 2^(attempt−1), ±20 % jitter).' }),
  /** Deliveries one node has on the wire at once. Default 100. */
  FLOWHOOKS_DISPATCH_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Outbound deliveries one node has on the wire at once (kept-alive connections to the dialer).' }),
  /** Delivery attempts of an outbound job before it is `failed`. Default 8. */
  FLOWHOOKS_DISPATCH_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 8, description: 'Delivery attempts before an outbound job is failed.' }),
  /** How long a dispatcher holds a claimed job before another node may take it over. Default 30000. */
  FLOWHOOKS_DISPATCH_LEASE_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 30_000, description: 'Lease of a claimed outbound job in ms; a crashed node\'s jobs are taken over after it.' }),
  /** How often an idle dispatcher looks for due jobs. Default 250. */
  FLOWHOOKS_DISPATCH_POLL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 250, description: 'How often an idle dispatcher looks for due outbound jobs, in ms; jobs this node makes due now (createOutbound without a delay, a resumed flow) wake it at once.' }),
  /** Largest do-not-call scrub file one import reads, in bytes. Default 67108864 (64 MiB, about 4 million numbers). */
  FLOWHOOKS_DNC_IMPORT_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 1024 * 1024 * 1024, default: 64 * 1024 * 1024, description: 'Largest do-not-call scrub file in bytes (1 KiB–1 GiB); the import is read whole before anything is stored.' }),
  /** Hours the previous dialer secret keeps signing deliveries after a rotation. Default 24. */
  FLOWHOOKS_SECRET_ROTATION_GRACE_HOURS: Type.Integer({ minimum: 0, maximum: 720, default: 24, description: 'Hours deliveries also carry the signature of the previous dialer secret after a rotation (0–720).' }),
  /** Base delay before the first retry of a status callback; doubles each attempt. Default 5000. */
  FLOWHOOKS_CALLBACK_BACKOFF_MS: Type.Integer({ minimum: 1, maximum: 3_600_000, default: 5000, description: 'Base retry delay of status callbacks in ms (× 2^(attempt−1), capped at one hour, ±20 % jitter; a longer Retry-After wins, up to a day).' }),
  /** Status callbacks one node has on the wire at once. Default 50. */
  FLOWHOOKS_CALLBACK_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'Status callbacks one node has on the wire at once (kept-alive connections to each endpoint).' }),
  /** Delivery attempts of a status callback before it is `failed`. Default 12. */
  FLOWHOOKS_CALLBACK_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 12, description: 'Delivery attempts of a status callback before it is given up (`failed`).' }),
  /** Days a webhook call stays in the invocation log. Default 7. */
  FLOWHOOKS_INVOCATION_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 7, description: 'Days a webhook call stays in the invocation log (1–3650); older entries are deleted hourly.' }),
  /** Bearer token `/metrics` requires; absent: `/metrics` is open. */
  FLOWHOOKS_METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16, description: 'Bearer token for /metrics (at least 16 characters); absent: open.' })),
  /** How long a SIGTERM/SIGINT shutdown may take before the process exits anyway. Default 10000. */
  FLOWHOOKS_SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 600_000, default: 10_000, description: 'Longest graceful shutdown in ms (1000–600000).' }),
  /**
   * After SIGTERM/SIGINT, how long `/readyz` answers 503 while the node still
   * serves, so load balancers stop sending before it closes. Default 5000.
   */
  FLOWHOOKS_DRAIN_MS: Type.Integer({ minimum: 0, maximum: 300_000, default: 5000, description: 'After SIGTERM, ms /readyz answers 503 while the node still serves, before it stops accepting (0–300000).' }),
  /**
   * Where request counts live: `cluster` (default) shares them between nodes —
   * in Redis with FLOWHOOKS_REDIS_URL, else in PostgreSQL; SQLite is one node,
   * in memory — or `node`: each node counts alone (limits × nodes).
   */
  FLOWHOOKS_RATE_LIMIT_STORE: Type.Union([Type.Literal('cluster'), Type.Literal('node')], { default: 'cluster', description: '`cluster`: limits hold for all nodes (Redis with FLOWHOOKS_REDIS_URL, else PostgreSQL); `node`: counted per node.' }),
  /** Redis for the cluster-wide request counts, e.g. `redis://127.0.0.1:6379`. Default: none (PostgreSQL counts). */
  FLOWHOOKS_REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://\\S+$', description: '`redis://host:port` (or `rediss://`) for cluster-wide request counts.' })),
  /** Webhook calls a minute of one account. Default 0 (off). */
  FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_MINUTE: Type.Integer({ minimum: 0, default: 0, description: 'Webhook calls a minute per account (0 = off).' }),
  /** Webhook calls a minute from one address. Default 0 (off). */
  FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_IP_PER_MINUTE: Type.Integer({ minimum: 0, default: 0, description: 'Webhook calls a minute per client address (0 = off).' }),
  /** Management API calls a minute of one account (the admin token counts as one). Default 3000. */
  FLOWHOOKS_RATE_LIMIT_API_PER_MINUTE: Type.Integer({ minimum: 0, default: 3000, description: 'Management API calls a minute per account (0 = off).' }),
  /** Management API calls a minute from one address. Default 6000. */
  FLOWHOOKS_RATE_LIMIT_API_PER_IP_PER_MINUTE: Type.Integer({ minimum: 0, default: 6000, description: 'Management API calls a minute per client address (0 = off).' }),
  /** Failed authentications a minute from one address before its failing attempts get 429 for the rest of the minute. Default 20. */
  FLOWHOOKS_AUTH_FAILURES_PER_MINUTE: Type.Integer({ minimum: 0, default: 20, description: 'Failed authentications a minute per address before its failing attempts get 429 (0 = off).' }),
  /** Unknown short codes a minute from one address before its look-ups of unknown codes get 429 for the rest of the minute (codes that exist still redirect). Default 100. */
  FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_PER_MINUTE: Type.Integer({ minimum: 0, default: 100, description: 'Unknown short codes a minute per address before its unknown codes get 429 (0 = off).' }),
  /**
   * Unknown short codes a minute from one address after which *every* short-URL look-up of it (codes
   * that exist and QR codes included) gets 429 for the rest of the minute: a guesser that ignores the
   * first limit's 429s, not a crowd behind one carrier address. Default 1000 (10 × the first limit).
   */
  FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_BLOCK_PER_MINUTE: Type.Integer({ minimum: 0, default: 1000, description: 'Unknown short codes a minute per address before all its short-URL look-ups get 429, codes that exist included (0 = off).' }),
  /** QR image requests (`GET /{code}/qr`) a minute from one address. Default 60. */
  FLOWHOOKS_RATE_LIMIT_QR_PER_IP_PER_MINUTE: Type.Integer({ minimum: 0, default: 60, description: 'QR image requests a minute per client address (0 = off).' }),
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (per-address limits, logs):
   * `true` (any) or addresses/CIDRs separated by commas. Default: none.
   */
  FLOWHOOKS_TRUST_PROXY: Type.Optional(Type.String({ pattern: '^(true|[0-9a-fA-F.:/]+(\\s*,\\s*[0-9a-fA-F.:/]+)*)$', description: '`true`, or proxy addresses/CIDRs separated by commas.' })),
  /**
   * Private ranges a flow's dialerUrl (and any URL set through the API that the service calls) may reach:
   * CIDRs separated by commas, or `all`. Default: none, only public addresses (docs/security-outbound.md).
   */
  FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: Type.Optional(Type.String({ description: 'Private address ranges API-set URLs may reach: CIDRs separated by commas (e.g. `10.1.2.0/24,fd00::/8`), or `all`; unset: none.' })),
  /** Mean event-loop delay in ms above which requests are shed with 503. Default 1000. */
  FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, default: 1000, description: 'Event-loop delay in ms above which requests get 503 (0 = off).' }),
  /** Heap in use in MiB above which requests are shed with 503. Default 0 (off). */
  FLOWHOOKS_MAX_HEAP_USED_MB: Type.Integer({ minimum: 0, default: 0, description: 'Heap in use in MiB above which requests get 503 (0 = off).' }),
});

export type Settings = Static<typeof settingsSchema>;

/** Names of settings whose values must never be echoed, even in an error. */
const secretSettings = new Set(['FLOWHOOKS_ADMIN_TOKEN', 'FLOWHOOKS_WEBHOOK_TOKEN', 'FLOWHOOKS_TRANSLATE_API_KEY', 'FLOWHOOKS_METRICS_TOKEN', 'DATABASE_URL', 'FLOWHOOKS_REDIS_URL']);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The settings schema, for documentation generators. */
export const settingsDocumentation = Object.entries(settingsSchema.properties).map(([name, schema]) => ({
  name,
  default: (schema as TSchema & { default?: unknown }).default,
  description: (schema as TSchema & { description?: string }).description ?? '',
}));

const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true, strict: false });
const validateSettings = ajv.compile<Settings>(settingsSchema);

/**
 * Reads and validates every setting. Throws a ConfigError whose message names
 * each bad setting and what it allows.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const fromFile = env.FLOWHOOKS_CONFIG_FILE ? readConfigFile(env.FLOWHOOKS_CONFIG_FILE) : {};
  const raw: Record<string, unknown> = { ...fromFile };
  for (const name of Object.keys(settingsSchema.properties)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  // Switches read `1` and `0` as well as `true` and `false`.
  for (const [name, schema] of Object.entries(settingsSchema.properties)) {
    if ((schema as TSchema).type === 'boolean' && (raw[name] === '1' || raw[name] === '0')) raw[name] = raw[name] === '1';
  }
  if (validateSettings(raw)) {
    try {
      parseAllowList(raw.FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS);
    } catch (error) {
      throw new ConfigError(`Invalid settings — FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: ${(error as Error).message}`);
    }
    refuseOpenAuthOff(raw);
    return raw;
  }
  const problems = (validateSettings.errors ?? []).map((error) => {
    const name = error.instancePath.replace(/^\//, '');
    const schema = (settingsSchema.properties as Record<string, TSchema>)[name];
    const allowed = schema?.description ?? error.message ?? 'invalid';
    const shown = secretSettings.has(name) ? '' : ` (got ${JSON.stringify(raw[name])})`;
    return `${name}: ${allowed}${shown}`;
  });
  throw new ConfigError(`Invalid settings — ${[...new Set(problems)].join('; ')}`);
}

/** Whether `host` is reachable only from this machine: `localhost`, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(host: string): boolean {
  const address = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (address === 'localhost' || address === '::1') return true;
  const ipv4 = /^(?:::ffff:)?(\d{1,3})\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.exec(address);
  return ipv4?.[1] === '127' && isIP(address.replace(/^::ffff:/, '')) === 4;
}

/** What FLOWHOOKS_AUTH=off opens on `address` (`host:port` or a URL), said at start (docs/security.md). */
export function authOffExposure(address: string): string {
  return `FLOWHOOKS_AUTH=off: anyone who can reach ${address} may call every webhook method for every account without a token ` +
    '(accountID in the keys decides the account; /api and the console still need tokens)';
}

/** FLOWHOOKS_AUTH=off on an address other machines reach needs FLOWHOOKS_AUTH_OFF_ALLOW_REMOTE. */
function refuseOpenAuthOff(settings: Settings): void {
  if (settings.FLOWHOOKS_AUTH !== 'off' || isLoopbackHost(settings.HOST) || settings.FLOWHOOKS_AUTH_OFF_ALLOW_REMOTE) return;
  throw new ConfigError(
    `Refusing to start — ${authOffExposure(`${settings.HOST}:${settings.PORT}`)}, and HOST is not a loopback address. ` +
      'Listen on 127.0.0.1 (or ::1), or, when a VPN or firewall guards this address, set FLOWHOOKS_AUTH_OFF_ALLOW_REMOTE=1.',
  );
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`FLOWHOOKS_CONFIG_FILE: cannot read ${path}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : String(value)]));
    }
  } catch {
    // fall through to the error below
  }
  throw new ConfigError(`FLOWHOOKS_CONFIG_FILE: ${path} is not a JSON object of settings`);
}

/** Fastify's `trustProxy` from FLOWHOOKS_TRUST_PROXY: undefined (no proxy), true, or a list of addresses. */
export function trustedProxies(settings: Settings): true | string[] | undefined {
  const value = settings.FLOWHOOKS_TRUST_PROXY;
  if (value === undefined) return undefined;
  return value === 'true' ? true : value.split(',').map((address) => address.trim());
}

/**
 * Settings that are each valid but wrong together, for `flowhooks serve`.
 * On PostgreSQL (several nodes) without FLOWHOOKS_SHORT_BASE_URL each node
 * would put its own address in short URLs (docs/deploying.md).
 */
export function assertDeployable(settings: Settings): void {
  if (/^postgres(ql)?:\/\//.test(settings.DATABASE_URL) && settings.FLOWHOOKS_SHORT_BASE_URL === undefined && !publicUrlIsRoot(settings)) {
    throw new ConfigError(
      'FLOWHOOKS_SHORT_BASE_URL must be set when DATABASE_URL is PostgreSQL: every node must put the same public address in short URLs, not its own (e.g. FLOWHOOKS_SHORT_BASE_URL=https://go.example.com).',
    );
  }
}

/** FLOWHOOKS_PUBLIC_URL is set and has no path, so short codes can live at its root. */
function publicUrlIsRoot(settings: Settings): boolean {
  return settings.FLOWHOOKS_PUBLIC_URL !== undefined && /^https?:\/\/[^/]+\/?$/.test(settings.FLOWHOOKS_PUBLIC_URL);
}

/** The short base URL: FLOWHOOKS_SHORT_BASE_URL, else FLOWHOOKS_PUBLIC_URL when it has no path (short codes live at the root), else the listen address. */
export function shortBaseUrl(settings: Settings): string {
  const publicRoot = publicUrlIsRoot(settings) ? settings.FLOWHOOKS_PUBLIC_URL : undefined;
  return (settings.FLOWHOOKS_SHORT_BASE_URL ?? publicRoot ?? `http://${settings.HOST}:${settings.PORT}`).replace(/\/$/, '');
}

/**
 * The base URL this server prints in absolute URLs: FLOWHOOKS_PUBLIC_URL, else
 * the address it listens on (`address`, once listening; HOST:PORT before),
 * with an unspecified listen address (0.0.0.0, ::) shown as loopback. Never a
 * request's Host header, which any caller can set (docs/security-outbound.md).
 */
export function publicBaseUrl(settings: Settings, address?: { address: string; port: number } | string | null): string {
  if (settings.FLOWHOOKS_PUBLIC_URL) return settings.FLOWHOOKS_PUBLIC_URL.replace(/\/$/, '');
  const listening = address && typeof address === 'object' ? address : { address: settings.HOST, port: settings.PORT };
  const host = listening.address === '0.0.0.0' ? '127.0.0.1' : listening.address === '::' ? '::1' : listening.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${listening.port}`;
}
