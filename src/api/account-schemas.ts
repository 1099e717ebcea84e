import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './nullable.js';
import { DisplayName, Patterned } from '../kernel/patterned.js';

const clock = Patterned('^([01]\\d|2[0-3]):[0-5]\\d$', 'must be a 24-hour time HH:mm with two digits each, e.g. 09:00', { description: '`HH:mm`, 24-hour, account time.', examples: ['09:00'] });
/** `{start, end}` in `HH:mm`, account time. */
export const hoursWindow = Type.Object({ start: clock, end: clock }, { additionalProperties: false });

const accountFields = {
  name: DisplayName({ maxLength: 200 }),
  timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone name (Area/Location, any case, or UTC; abbreviations such as IST are refused). Default `Asia/Kolkata`.', examples: ['Asia/Kolkata'] }),
  country: Patterned('^[A-Za-z]{2}$', 'must be a two-letter country code, e.g. IN', { description: 'ISO 3166-1 alpha-2 region for national phone numbers. Default `IN`.', examples: ['IN'] }),
  clientId: Nullable(Type.String({ minLength: 1, maxLength: 64 }), { description: 'Client identifier flows send as `clientID`.', examples: ['phononio123456'] }),
  defaultLanguage: Patterned('^[A-Za-z][A-Za-z ]{1,31}$', 'must be a language name of 2–32 English letters (spaces allowed), e.g. HINDI', { description: 'Default language name. Default `HINDI`.', examples: ['HINDI'] }),
  businessHours: Type.Object(hoursWindow.properties, { additionalProperties: false, description: 'Default 09:00–18:00.' }),
  callbackHours: Type.Object(hoursWindow.properties, { additionalProperties: false, description: 'Default 08:00–20:00.' }),
  workingDaysOff: Type.Array(Type.String({ minLength: 3, maxLength: 9 }), { maxItems: 6, description: 'Weekday names (any case, 3-letter ok). Default `["Sunday"]`.' }),
  validMaxDays: Type.Integer({ minimum: 1, maximum: 365, description: 'Business days ahead a chosen date may be. Default 30.' }),
  operatorNames: Type.Union([Type.Literal('legacy'), Type.Literal('current')], {
    description: 'Operator names findLanguage returns: `legacy` brands flows already branch on (VODAFONE, IDEA) or `current` brands (VI). Default `legacy`.',
    examples: ['legacy'],
  }),
  // The pattern is the preference methods' name rule (docs/methods/preferences.md), so any name they store can be named here.
  languagePreferenceKey: Patterned('^[A-Za-z0-9_]{1,64}$', 'must be a preference name: 1–64 letters, digits or underscores', {
    description: 'The stored preference ($user.key.NAME) findLanguage answers with first when its value is in languageSupported. Default `language`.',
    examples: ['language'],
  }),
  recordMisses: Type.Boolean({
    description: 'Keep what callers said that the service did not understand (a refused date text, the 5-digit block of a number without a circle) with the call, for the Misses page. Default `true`.',
    examples: [true],
  }),
  parameterErrorStatus: Type.Union([Type.Literal(422), Type.Literal(200)], {
    description: 'HTTP status of parameter errors on webhook calls: `422` (default), or `200` for flow builders that send any non-2xx down a "Fail" branch unread; the body is the same FAILURE either way.',
    examples: [200],
  }),
};

export const createAccountBody = Type.Object(
  {
    id: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999, description: 'Account id; the next free one when absent.' })),
    name: accountFields.name,
    timezone: Type.Optional(accountFields.timezone),
    country: Type.Optional(accountFields.country),
    clientId: Type.Optional(accountFields.clientId),
    defaultLanguage: Type.Optional(accountFields.defaultLanguage),
    businessHours: Type.Optional(accountFields.businessHours),
    callbackHours: Type.Optional(accountFields.callbackHours),
    workingDaysOff: Type.Optional(accountFields.workingDaysOff),
    validMaxDays: Type.Optional(accountFields.validMaxDays),
    operatorNames: Type.Optional(accountFields.operatorNames),
    languagePreferenceKey: Type.Optional(accountFields.languagePreferenceKey),
    recordMisses: Type.Optional(accountFields.recordMisses),
    parameterErrorStatus: Type.Optional(accountFields.parameterErrorStatus),
  },
  { additionalProperties: false },
);
export type CreateAccountBody = Static<typeof createAccountBody>;

export const updateAccountBody = Type.Partial(Type.Omit(createAccountBody, ['id']), { additionalProperties: false, minProperties: 1 });
export type UpdateAccountBody = Static<typeof updateAccountBody>;

/**
 * An account id in a path or query. Bounded like the ids accounts are created
 * with: a larger number is a 422, not an integer overflow in PostgreSQL.
 */
export const accountIdField = Type.Integer({ minimum: 1, maximum: 999_999_999, description: 'Account id.' });
export const accountIdParams = Type.Object({ id: accountIdField });

export const accountResponse = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  timezone: Type.String(),
  country: Type.String(),
  clientId: Type.Union([Type.String(), Type.Null()]),
  defaultLanguage: Type.String(),
  businessHours: hoursWindow,
  callbackHours: hoursWindow,
  workingDaysOff: Type.Array(Type.String()),
  validMaxDays: Type.Integer(),
  operatorNames: accountFields.operatorNames,
  languagePreferenceKey: Type.String(),
  recordMisses: Type.Boolean(),
  parameterErrorStatus: accountFields.parameterErrorStatus,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const createTokenBody = Type.Object({ label: Type.Optional(DisplayName({ maxLength: 100 })) }, { additionalProperties: false });
const tokenIdField = Type.String({ minLength: 1, maxLength: 64, description: 'Token id (not the token).' });
export const tokenParams = Type.Object({ id: accountIdField, tokenId: tokenIdField });
export const adminTokenParams = Type.Object({ tokenId: tokenIdField });

/** A token as listed: never the token itself, which is shown once when created. */
export const tokenRecord = Type.Object({
  id: Type.String(),
  accountId: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.Union([Type.Literal('admin'), Type.Literal('account')]),
  label: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  setting: Type.Union([Type.String(), Type.Null()], { description: 'The setting this token came from (`FLOWHOOKS_ADMIN_TOKEN`, `FLOWHOOKS_WEBHOOK_TOKEN`); changing the setting revokes it.' }),
});

export const createdTokenResponse = Type.Object({
  id: Type.String(),
  token: Type.String({ description: 'The token, shown in this answer only.' }),
  label: Type.String(),
  accountId: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

/** What the console and other callers read (docs/management-api.md). */
export type Account = Static<typeof accountResponse>;
export type TokenRecord = Static<typeof tokenRecord>;
export type CreatedToken = Static<typeof createdTokenResponse>;
