import { Type, type Static } from '@sinclair/typebox';
import { accountIdField } from './account-schemas.js';
import { Nullable } from './nullable.js';
import { DisplayName, Patterned } from '../kernel/patterned.js';

const domainField = Type.String({ minLength: 1, maxLength: 253, description: 'Custom domain host name, e.g. `phn.io`.', examples: ['phn.io'] });
const custToken = Patterned('^[A-Za-z0-9_.~-]+$', 'must be letters, digits, _, ., ~ or -', { minLength: 8, maxLength: 128, description: 'The customer token flows send; generated when absent.', examples: ['abcd1234'] });

export const createShortCustomerBody = Type.Object(
  { name: DisplayName({ maxLength: 200 }), custToken: Type.Optional(custToken), domains: Type.Optional(Type.Array(domainField, { maxItems: 50 })) },
  { additionalProperties: false },
);
export type CreateShortCustomerBody = Static<typeof createShortCustomerBody>;

export const updateShortCustomerBody = Type.Object(
  {
    name: Type.Optional(DisplayName({ maxLength: 200 })),
    domains: Type.Optional(Type.Array(domainField, { maxItems: 50 })),
    custToken: Type.Optional(custToken),
    rotateToken: Type.Optional(Type.Boolean({ description: 'Generate a new custToken (shown in this answer only).' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateShortCustomerBody = Static<typeof updateShortCustomerBody>;

export const customerParams = Type.Object({ id: accountIdField, customerId: Type.String({ minLength: 1, maxLength: 64 }) });

export const createShortUrlBody = Type.Object(
  {
    custToken: Type.String({ minLength: 1, maxLength: 128, description: 'The customer token.' }),
    longUrl: Type.Unknown({ description: 'Absolute http/https URL, at most 2048 characters.', examples: ['https://google.co.in'] }),
    domain: Type.Optional(Type.String({ maxLength: 253, description: 'A custom domain of the customer; the default short domain when absent.' })),
    customSlug: Type.Optional(Type.String({ maxLength: 64, description: '3–64 letters, digits, `-`, `_` instead of a generated code.' })),
    expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'After this instant the link answers 410.' })),
    maxVisits: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'Human visits after which the link answers 410.' })),
    redirectStatus: Type.Optional(Type.Union([Type.Literal(301), Type.Literal(302), Type.Literal(307), Type.Literal(308)], { description: 'Default 302.' })),
  },
  { additionalProperties: false },
);
export type CreateShortUrlBody = Static<typeof createShortUrlBody>;

export const shortUrlParams = Type.Object({ domain: Type.String({ minLength: 1, maxLength: 253 }), code: Type.String({ minLength: 1, maxLength: 64 }) });

export const updateShortUrlBody = Type.Object(
  {
    disabled: Type.Optional(Type.Boolean()),
    expiresAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'After this instant the link answers 410; not in the past. `null`: never expires.' }))),
    maxVisits: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'Human visits after which the link answers 410. `null`: no limit.' }))),
    redirectStatus: Type.Optional(Type.Union([Type.Literal(301), Type.Literal(302), Type.Literal(307), Type.Literal(308)])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateShortUrlBody = Static<typeof updateShortUrlBody>;

const day = Patterned('^\\d{4}-\\d{2}-\\d{2}$', 'must be a date YYYY-MM-DD, e.g. 2026-12-25', { description: '`YYYY-MM-DD` in the account time zone.' });
export const visitsQuery = Type.Object({ from: Type.Optional(day), to: Type.Optional(day) }, { additionalProperties: false });

export const listShortUrlsQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) }, { additionalProperties: false });

// Answers that type their handlers, not declared as response schemas (docs/layout.md, api/).
/** A short URL as the API answers it: in the account's list, and as the base of its own answer. */
export const shortUrlResponse = Type.Object({
  id: Type.String(),
  shortUrl: Type.String(),
  longUrl: Type.String(),
  domain: Type.String({ description: 'The custom domain, or the default short domain.' }),
  code: Type.String(),
  accountId: Type.Integer(),
  customerId: Type.Union([Type.String(), Type.Null()]),
  redirectStatus: Type.Integer(),
  customSlug: Type.Boolean(),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  maxVisits: Type.Union([Type.Integer(), Type.Null()]),
  disabled: Type.Boolean(),
  state: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('expired'), Type.Literal('exhausted')]),
  visits: Type.Object({ total: Type.Integer(), humans: Type.Integer(), bots: Type.Integer() }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type ShortUrlView = Static<typeof shortUrlResponse>;

const visitCounts = { humans: Type.Integer(), bots: Type.Integer() };
/** `GET /api/short-urls/{domain}/{code}/visits`: visits per local day, days without visits included. */
export const shortUrlVisitsResponse = Type.Object({
  shortUrl: Type.String(),
  timezone: Type.String(),
  from: Type.String(),
  to: Type.String(),
  total: Type.Object(visitCounts),
  days: Type.Array(Type.Object({ date: Type.String(), ...visitCounts })),
});
export type ShortUrlVisits = Static<typeof shortUrlVisitsResponse>;
