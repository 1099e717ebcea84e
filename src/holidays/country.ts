import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ImportError, uniqueByDate, type HolidayEntry } from './dates.js';

/** Holiday types a contact centre closes for; `optional`, `school` and `observance` days stay open. */
const closedTypes = new Set(['public', 'bank']);

/** What the library answers for one country, region and year, as plain data a worker can send. */
type LibraryAnswer = { unknown: 'country' | 'region' } | { holidays: Array<{ date: string; name: string; type: string }> };

/**
 * The worker's whole program (CommonJS, evaluated): it loads the library from the path the
 * service resolved, answers once and ends, so nothing of the library outlives the import.
 */
const libraryProgram = `
const { parentPort, workerData: { library, country, region, year } } = require('node:worker_threads');
const Holidays = require(library);
const holidays = new Holidays();
if (!holidays.getCountries()[country]) parentPort.postMessage({ unknown: 'country' });
else if (region !== undefined && !holidays.getStates(country)?.[region]) parentPort.postMessage({ unknown: 'region' });
else {
  if (region !== undefined) holidays.init(country, region);
  else holidays.init(country);
  parentPort.postMessage({ holidays: holidays.getHolidays(year).map(({ date, name, type }) => ({ date, name, type })) });
}`;

/**
 * A country's (and region's) public and bank holidays of one year, from the
 * date-holidays library. Its India data has fixed-date holidays only: lunar
 * festivals (Diwali, Holi, Eid…) must be added by iCalendar, CSV or by hand.
 * The library holds every country's rules (about 17 MiB once loaded), so it
 * runs in a worker thread of its own for each import: an import takes a few
 * hundred milliseconds longer, and the server's memory does not keep it.
 */
export async function holidaysOfCountry(country: string, region: string | undefined, year: number): Promise<HolidayEntry[]> {
  const countryCode = country.toUpperCase();
  const regionCode = region?.toUpperCase();
  const answer = await askLibrary({ library: createRequire(import.meta.url).resolve('date-holidays'), country: countryCode, region: regionCode, year });
  if ('unknown' in answer) {
    throw answer.unknown === 'country'
      ? new ImportError('country', 'must be an ISO 3166-1 country code the holiday library knows, e.g. IN')
      : new ImportError('region', `must be a region of ${countryCode} the holiday library knows, e.g. MH`);
  }
  const holidays = answer.holidays.filter((holiday) => closedTypes.has(holiday.type));
  return uniqueByDate(holidays.map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name })), 'country');
}

/** Runs the library's program in a worker and resolves with its one answer once the worker has ended. */
function askLibrary(question: { library: string; country: string; region: string | undefined; year: number }): Promise<LibraryAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(libraryProgram, { eval: true, workerData: question });
    let answer: LibraryAnswer | undefined;
    worker.once('message', (message: LibraryAnswer) => (answer = message));
    worker.once('error', reject);
    worker.once('exit', (code) => (answer ? resolve(answer) : reject(new Error(`the holiday library's worker ended (code ${code}) without an answer`))));
  });
}
