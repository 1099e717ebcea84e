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

/**
 * The stored spelling of an IANA time zone name, or undefined when `zone` is none: an Area/Location
 * name (`Asia/Kolkata`, `America/New_York`, `Etc/GMT-5`), or `UTC`/`GMT`. The JavaScript runtime
 * also takes abbreviations such as `IST`, which mean different zones to different people (India,
 * Ireland, Israel): they are refused. A name written in another case is stored as the runtime lists
 * it (`asia/kolkata` → `Asia/Kolkata`).
 */
export function timeZoneName(zone: string): string | undefined {
  const upper = zone.toUpperCase();
  if (upper === 'UTC' || upper === 'GMT') return upper;
  if (!zone.includes('/')) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return undefined;
  }
  return listedZones().get(zone.toLowerCase()) ?? titleCased(zone);
}

let zonesByLowerCase: Map<string, string> | undefined;
/** Every zone the runtime lists, by its name in lower case (it lists Asia/Calcutta, not Asia/Kolkata, which it reads all the same). */
function listedZones(): Map<string, string> {
  zonesByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((name) => [name.toLowerCase(), name]));
  return zonesByLowerCase;
}

/** `asia/kolkata` → `Asia/Kolkata`, `america/new_york` → `America/New_York` (each word's first letter upper-cased), `etc/gmt-5` → `Etc/GMT-5`. */
function titleCased(zone: string): string {
  if (/^etc\//i.test(zone)) return `Etc/${zone.slice(4).toUpperCase()}`;
  return zone.toLowerCase().replace(/(^|[/_-])([a-z])/g, (_whole, before: string, letter: string) => `${before}${letter.toUpperCase()}`);
}
