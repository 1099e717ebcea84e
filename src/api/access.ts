import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/tokens.js';
import { AppError } from '../kernel/errors.js';
import type { Account } from '../storage/accounts.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Whether the caller may touch an account's resources. Another account's
 * resources answer 404, not 403, so ids cannot be probed; an account token
 * may read its own account but changes need the admin token. `notFound` is
 * the message a missing resource answers with: a resource found by an id of
 * its own (a short URL, a bot session) answers another account's caller
 * with exactly that, so nothing tells the two apart.
 */
export function assertAccountAccess(request: FastifyRequest, accountId: number, access: 'read' | 'write', notFound?: string): void {
  const principal = request.principal;
  if (principal?.kind === 'admin') return;
  if (principal?.kind !== 'account' || principal.accountId !== accountId) {
    throw notFound === undefined ? accountNotFound(accountId) : new AppError('NOT_FOUND', notFound);
  }
  if (access === 'write') throw new AppError('ADMIN_REQUIRED', 'This change needs the admin token.');
}

/** The 404 of an account id that names no account. */
export function accountNotFound(accountId: number): AppError {
  return new AppError('NOT_FOUND', `Account ${accountId} not found.`);
}

/**
 * The account `accountId` names, read by `find` (the account cache or the
 * table, as the route reads it), or the 404 accountNotFound.
 */
export async function existingAccount(accountId: number, find: (accountId: number) => Promise<Account | undefined>): Promise<Account> {
  const account = await find(accountId);
  if (!account) throw accountNotFound(accountId);
  return account;
}

/**
 * Every change through `/api` (any method but GET and HEAD) needs the admin
 * token. Checked in onRequest, before the body is read: an account token
 * sending 15 MB to an import is refused without the 15 MB being read. The
 * answer is the same whichever account's resource is named, so it reveals
 * nothing about other accounts.
 */
export function assertChangeAllowed(request: FastifyRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.principal?.kind === 'admin') return;
  throw new AppError('ADMIN_REQUIRED', 'This change needs the admin token.');
}

export function assertAdmin(request: FastifyRequest): void {
  if (request.principal?.kind !== 'admin') throw new AppError('ADMIN_REQUIRED', 'This route needs the admin token.');
}

/** A 422 naming each bad field, in the same shape as schema validation failures. */
export function fieldErrors(fields: Array<{ field: string; message: string }>): AppError {
  return new AppError('VALIDATION_FAILED', fields.map((field) => `${field.field} ${field.message}`).join('; '), { fields });
}
