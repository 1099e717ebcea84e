import { isSupportedCountry } from 'libphonenumber-js/max';
import type { AccountFields, HoursWindow } from '../storage/accounts.js';
import { timeZoneName, weekdayName } from './defaults.js';

export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Checks what a schema cannot (a real time zone, a country libphonenumber knows, weekday names, a window that
 * ends after it starts) and puts values in their stored form (upper-case
 * country and language, full weekday names).
 */
export function normaliseAccountFields<T extends Partial<AccountFields>>(input: T): { fields: T; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const fields = { ...input };
  if (fields.timezone !== undefined) {
    const name = timeZoneName(fields.timezone);
    if (name === undefined) issues.push({ field: 'timezone', message: 'must be an IANA time zone name such as Asia/Kolkata, or UTC (abbreviations such as IST name different zones in different countries)' });
    else fields.timezone = name;
  }
  if (fields.country !== undefined) {
    fields.country = fields.country.toUpperCase();
    // Every national number of the account is read in this region: one libphonenumber has no plan for breaks them all.
    if (!isSupportedCountry(fields.country)) issues.push({ field: 'country', message: 'must be an ISO 3166-1 alpha-2 country code with a phone numbering plan, e.g. IN' });
  }
  if (fields.defaultLanguage !== undefined) fields.defaultLanguage = fields.defaultLanguage.trim().toUpperCase();
  if (fields.workingDaysOff !== undefined) {
    const days = new Set<string>();
    fields.workingDaysOff.forEach((text, index) => {
      const day = weekdayName(text);
      if (day) days.add(day);
      else issues.push({ field: `workingDaysOff[${index}]`, message: 'must be a weekday name such as Sunday or Sun' });
    });
    fields.workingDaysOff = [...days];
  }
  for (const name of ['businessHours', 'callbackHours'] as const) {
    const window: HoursWindow | undefined = fields[name];
    if (window && window.start >= window.end) issues.push({ field: name, message: 'must end after it starts' });
  }
  return { fields, issues };
}
