import { AppError } from '../kernel/errors.js';
import { bearerToken, type Principal, type TokenResolver } from './tokens.js';

/**
 * The caller of a request. With FLOWHOOKS_AUTH=off a webhook call without a
 * token is trusted (its keys say which account); a token, when sent, still counts.
 */
export async function authenticate(
  authorization: string | undefined,
  resolver: TokenResolver,
  options: { allowTrusted: boolean },
): Promise<Principal> {
  const token = bearerToken(authorization);
  if (!token) {
    if (options.allowTrusted) return { kind: 'trusted' };
    throw new AppError('UNAUTHORIZED', 'Send "Authorization: Bearer <token>".');
  }
  const principal = await resolver.resolve(token);
  if (!principal) throw new AppError('UNAUTHORIZED', 'The bearer token is unknown or revoked.');
  return principal;
}
