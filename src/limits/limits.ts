import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { bearerToken, type TokenResolver } from '../auth/tokens.js';
import { AppError, type ErrorCode } from '../kernel/errors.js';
import type { FailureLimiter } from './failure-limiter.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** @fastify/under-pressure's per-route handler; one answering nothing lets the request through. */
    pressureHandler?: (request: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => Promise<void> | void;
  }
}

/** Route config of routes that answer even under pressure (liveness, metrics). */
export const exemptFromShedding = { pressureHandler: () => undefined };

/** A 429 with `Retry-After`; the error handler writes the wire body (webhook routes: `status: FAILURE`). */
export function rateLimited(reply: FastifyReply, retryAfterSeconds: number, message: string): AppError {
  reply.header('retry-after', Math.max(1, retryAfterSeconds));
  return new AppError('RATE_LIMITED', `${message} Retry in ${Math.max(1, retryAfterSeconds)} s.`, { retryAfterSeconds: Math.max(1, retryAfterSeconds) });
}

/** Where @fastify/rate-limit keeps its counts: its own memory (default) or a store class shared by the nodes. */
export type CounterStore = { store?: new () => unknown; onClose?: () => Promise<void> };

/** Registers @fastify/rate-limit without limiting any route by itself: the hooks below choose. */
export async function registerRateLimiting(app: FastifyInstance, counters: CounterStore = {}): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    ...(counters.store && { store: counters.store as never }),
  });
  if (counters.onClose) app.addHook('onClose', counters.onClose);
}

export interface RequestLimits {
  /** Names the family of routes in the shared counters (`webhook`, `api`): each family counts apart. */
  family: string;
  /** Requests a minute of one account (the bearer token's; no or an unknown token: the address). 0 = off. */
  perAccountPerMinute: number;
  /** Requests a minute from one address. 0 = off. */
  perAddressPerMinute: number;
  tokens: TokenResolver;
}

/**
 * An onRequest hook applying the per-account and per-address limits of one
 * family of routes (webhooks or the API), each family with counters of its
 * own; undefined when both limits are off, so an unlimited route pays nothing.
 */
export function requestLimitHook(app: FastifyInstance, limits: RequestLimits): onRequestHookHandler | undefined {
  const checks: Array<{ check: ReturnType<FastifyInstance['createRateLimit']>; what: string }> = [];
  if (limits.perAccountPerMinute > 0) {
    checks.push({
      what: 'This account sent more than its limit of requests a minute.',
      check: app.createRateLimit({ max: limits.perAccountPerMinute, timeWindow: 60_000, keyGenerator: async (request) => `${limits.family}:${await accountKey(request, limits.tokens)}` }),
    });
  }
  if (limits.perAddressPerMinute > 0) {
    checks.push({
      what: 'This address sent more than its limit of requests a minute.',
      check: app.createRateLimit({ max: limits.perAddressPerMinute, timeWindow: 60_000, keyGenerator: (request) => `${limits.family}:address:${request.ip}` }),
    });
  }
  if (checks.length === 0) return undefined;
  return async (request, reply) => {
    // Both counts at once: with shared counters they join one write (one round trip, not two).
    const results = await Promise.all(checks.map(({ check }) => check(request)));
    results.forEach((result, index) => {
      if (!result.isAllowed && result.isExceeded) throw rateLimited(reply, result.ttlInSeconds, checks[index]!.what);
    });
  };
}

/** The account a bearer token belongs to (from the token cache), else the address. */
async function accountKey(request: FastifyRequest, tokens: TokenResolver): Promise<string> {
  const token = bearerToken(request.headers.authorization);
  const principal = token ? await tokens.resolve(token) : null;
  if (principal?.kind === 'account') return `account:${principal.accountId}`;
  if (principal?.kind === 'admin') return 'admin';
  return `address:${request.ip}`;
}

/**
 * Error codes that mean the caller's credential was wrong: a bearer token, a
 * `custToken`, a bot's token (linkcreation), an outbound flow's `securityID`
 * (createOutbound) — the last two answered inside a webhook's 200 (docs/operations.md, Limits).
 */
export const authenticationFailureCodes: ReadonlySet<string> = new Set<ErrorCode>(['UNAUTHORIZED', 'INVALID_CUST_TOKEN', 'INVALID_BOT_TOKEN', 'OUTBOUND_UNAUTHORIZED']);

/**
 * Decides what a failed authentication is answered with: while its address is
 * under the limit the failure is counted and answered as it is (undefined is
 * returned); past the limit, a 429 to answer instead. Only failures reach it,
 * so a valid credential is always served, even from an address that is
 * limited: a flow builder's few egress addresses carry every tenant's flows,
 * and one flow with a stale token must not stop the others.
 */
export type AuthenticationFailureGuard = (request: FastifyRequest, reply: FastifyReply, code: string) => AppError | undefined;

export function authenticationFailureGuard(limiter: FailureLimiter, message: string): AuthenticationFailureGuard {
  return (request, reply, code) => {
    if (!authenticationFailureCodes.has(code)) return undefined;
    const wait = limiter.refuseOrCount(request.ip);
    return wait > 0 ? rateLimited(reply, wait, message) : undefined;
  };
}

export interface PressureLimits {
  /** Mean event-loop delay (ms) over a second above which requests are shed. 0 = off. */
  maxEventLoopDelayMs: number;
  /** Heap in use (MiB) above which requests are shed. 0 = off. */
  maxHeapUsedMb: number;
}

/**
 * @fastify/under-pressure: while the process is overloaded every route
 * (except those with `exemptFromShedding`) answers 503 OVERLOADED with
 * `Retry-After`, so callers back off instead of queueing into timeouts.
 */
export async function registerPressureShedding(app: FastifyInstance, limits: PressureLimits): Promise<void> {
  if (limits.maxEventLoopDelayMs <= 0 && limits.maxHeapUsedMb <= 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    maxHeapUsedBytes: limits.maxHeapUsedMb * 1024 * 1024,
    // Sampled every second (the plugin's default).
    pressureHandler: (_request, reply, type) => {
      reply.header('retry-after', 10);
      const what = type === 'heapUsedBytes' ? 'memory' : 'event loop delay';
      return Promise.reject(new AppError('OVERLOADED', `The server is overloaded (${what}); retry in 10 s.`, { retryAfterSeconds: 10 }));
    },
  });
}
