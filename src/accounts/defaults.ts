import type { AccountFields } from '../storage/accounts.js';

/** Account settings a new account gets unless told otherwise (docs/management-api.md). */
export const accountDefaults: Omit<AccountFields, 'name'> = {
  timezone: 'Asia/Kolkata',
  country: 'IN',
  clientId: null,
  defaultLanguage: 'HINDI',
  businessHours: { start: '09:00', end: '18:00' },
  callbackHours: { start: '08:00', end: '20:00' },
  workingDaysOff: ['Sunday'],
  validMaxDays: 30,
  operatorNames: 'legacy',
  languagePreferenceKey: 'language',
  recordMisses: true,
  parameterErrorStatus: 422,
};

export const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type Weekday = (typeof weekdays)[number];

/** `sun`, `SUNDAY`, `Sunday` → `Sunday`; anything else → undefined. */
export function weekdayName(text: string): Weekday | undefined {
  const lower = text.trim().toLowerCase();
  if (lower.length < 3) return undefined;
  return weekdays.find((day) => day.toLowerCase() === lower || (lower.length === 3 && day.toLowerCase().startsWith(lower)));
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
