import type { ShortCustomer } from '../storage/short-customers.js';
import { slugProblem } from './codes.js';
import { normaliseDomain } from './hosts.js';
import { checkLongUrl } from './long-url.js';
import type { CreateLinkInput, RedirectStatus } from './shortener.js';

/** A customer's request for a short URL, as `POST /api/short-urls` and the path flows call take it (docs/short-urls.md). */
export interface ShortUrlRequest {
  longUrl: unknown;
  domain?: string;
  customSlug?: string;
  /** An ISO 8601 date-time. */
  expiresAt?: string;
  maxVisits?: number;
  redirectStatus?: RedirectStatus;
}

/** Why a link is not made; each transport answers it with its own error. */
export type ShortUrlIssue =
  | { code: 'INVALID_URL' | 'DOMAIN_NOT_ALLOWED'; message: string }
  | { code: 'VALIDATION_FAILED'; fields: Array<{ field: string; message: string }> };

/**
 * A long URL on one of the service's own short domains (the shortener's `leadsToShortLinks`): its
 * link would redirect back here, to itself or into a loop, so it is refused (docs/short-urls.md, Rules).
 */
export const longUrlIsShortLink = {
  field: 'longUrl',
  message: "is on one of this service's short-link domains, so the link would redirect back here (to itself, or round other short links): give the address it leads to",
} as const;

/**
 * The rules of a customer's new short URL: a redirectable long URL (its
 * look-alike host warnings come back, they do not refuse), a domain that is
 * the default short domain or one of the customer's, a well-formed custom
 * slug and an expiry not in the past. The first issue found, in that order
 * (slug and expiry together), or the link to create.
 */
export function readShortUrlRequest(
  request: ShortUrlRequest,
  customer: Pick<ShortCustomer, 'id' | 'accountId' | 'domains'>,
  defaultHost: string,
  now: number,
): { ok: true; input: CreateLinkInput; warnings: string[] } | { ok: false; issue: ShortUrlIssue } {
  const longUrl = checkLongUrl(request.longUrl);
  if (!longUrl.ok) return { ok: false, issue: { code: 'INVALID_URL', message: `${longUrl.reason}.` } };
  let domain = '';
  if (request.domain !== undefined && request.domain.trim() !== '') {
    const host = normaliseDomain(request.domain);
    if (host !== defaultHost) {
      if (!host || !customer.domains.includes(host)) {
        return { ok: false, issue: { code: 'DOMAIN_NOT_ALLOWED', message: `The domain "${request.domain.slice(0, 253)}" is not registered to this customer.` } };
      }
      domain = host;
    }
  }
  const fields: Array<{ field: string; message: string }> = [];
  if (request.customSlug !== undefined) {
    const problem = slugProblem(request.customSlug);
    if (problem) fields.push({ field: 'customSlug', message: problem });
  }
  const expiresAt = request.expiresAt === undefined ? undefined : Date.parse(request.expiresAt);
  if (expiresAt !== undefined && expiresAt <= now) fields.push({ field: 'expiresAt', message: 'is in the past' });
  if (fields.length) return { ok: false, issue: { code: 'VALIDATION_FAILED', fields } };
  return {
    ok: true,
    input: { accountId: customer.accountId, customerId: customer.id, longUrl: longUrl.url, domain, customSlug: request.customSlug, expiresAt, maxVisits: request.maxVisits, redirectStatus: request.redirectStatus },
    warnings: longUrl.warnings,
  };
}
