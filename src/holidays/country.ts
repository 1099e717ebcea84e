import { ImportError, uniqueByDate, type HolidayEntry } from './dates.js';

/** Holiday types a contact centre closes for; `optional`, `school` and `observance` days stay open. */
const closedTypes = new Set(['public', 'bank']);

/**
 * A country's (and region's) public and bank holidays of one year, from the
 * date-holidays library. Its India data has fixed-date holidays only: lunar
 * festivals (Diwali, Holi, Eid…) must be added by iCalendar, CSV or by hand.
 * The library (every country's rules, 17 MiB of resident memory) is loaded on
 * the first import, not at start: most deployments never import by country.
 */
export async function holidaysOfCountry(country: string, region: string | undefined, year: number): Promise<HolidayEntry[]> {
  const { default: Holidays } = await import('date-holidays');
  const library = new Holidays();
  const countryCode = country.toUpperCase();
  if (!library.getCountries()[countryCode]) throw new ImportError('country', 'must be an ISO 3166-1 country code the holiday library knows, e.g. IN');
  const regionCode = region?.toUpperCase();
  if (regionCode !== undefined && !library.getStates(countryCode)?.[regionCode]) {
    throw new ImportError('region', `must be a region of ${countryCode} the holiday library knows, e.g. MH`);
  }
  if (regionCode) library.init(countryCode, regionCode);
  else library.init(countryCode);
  const holidays = library.getHolidays(year).filter((holiday) => closedTypes.has(holiday.type));
  return uniqueByDate(holidays.map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name })), 'country');
}
