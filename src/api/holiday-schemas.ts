/** Per-account holiday calendars (docs/management-api.md): what `/api/accounts/{id}/holidays…` takes and answers. */
import { Type, type Static } from '@sinclair/typebox';
import { maxNameLength } from '../holidays/dates.js';
import { accountIdField } from './account-schemas.js';
import { DisplayName, Patterned } from '../kernel/patterned.js';

export const holidayParams = Type.Object({
  id: accountIdField,
  date: Patterned('^\\d{4}-\\d{2}-\\d{2}$', 'must be a date YYYY-MM-DD, e.g. 2026-12-25', { description: '`YYYY-MM-DD`.', examples: ['2026-12-25'] }),
});
const yearSchema = Type.Integer({ minimum: 1900, maximum: 2999, examples: [2026] });
export const holidayListQuery = Type.Object({ year: Type.Optional(yearSchema) }, { additionalProperties: false });
export const holidayBody = Type.Object({ name: DisplayName({ maxLength: maxNameLength, examples: ['Christmas Day'] }) }, { additionalProperties: false });
export const holidayResponse = Type.Object({ date: Type.String(), name: Type.String() });
export const holidayImportBody = Type.Object(
  {
    country: Type.Optional(Patterned('^[A-Za-z]{2}$', 'must be a two-letter country code, e.g. IN', { description: 'ISO 3166-1 alpha-2, with `year`.', examples: ['IN'] })),
    region: Type.Optional(Patterned('^[A-Za-z0-9]{1,3}$', 'must be a region code of 1–3 letters or digits, e.g. MH', { description: 'Region of the country, e.g. `MH`.', examples: ['MH'] })),
    year: Type.Optional(yearSchema),
    ics: Type.Optional(Type.String({ minLength: 1, description: 'iCalendar (.ics) text.' })),
    csv: Type.Optional(Type.String({ minLength: 1, description: '`date,name` lines.' })),
  },
  { additionalProperties: false },
);
export type HolidayImportBody = Static<typeof holidayImportBody>;
export const holidayImportResponse = Type.Object({ imported: Type.Integer() });

export type Holiday = Static<typeof holidayResponse>;
export type HolidayImport = Static<typeof holidayImportResponse>;
