import { ImportError, parseHolidayDate, uniqueByDate, type HolidayEntry } from './dates.js';

/** Splits one CSV line: commas separate, double quotes quote, `""` is a quote. */
function csvFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

/**
 * `date,name` lines (a `date,name` header is optional, blank lines are
 * skipped). Dates are `YYYY-MM-DD` or day first; an unquoted name may hold
 * commas. Throws an ImportError naming the first line that fails.
 */
export function holidaysFromCsv(text: string): HolidayEntry[] {
  const entries: HolidayEntry[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const number = index + 1;
    if (line.trim() === '') return;
    const fields = csvFields(line);
    if (!fields) throw new ImportError('csv', 'a quoted field is not closed', number);
    const [dateText = '', ...nameParts] = fields;
    if (entries.length === 0 && /^\s*date\s*$/i.test(dateText)) return;
    const date = parseHolidayDate(dateText);
    if (!date) throw new ImportError('csv', `"${dateText.trim().slice(0, 40)}" is not a date (YYYY-MM-DD or DD-MM-YYYY)`, number);
    entries.push({ date, name: nameParts.join(',') });
  });
  return uniqueByDate(entries, 'csv');
}
