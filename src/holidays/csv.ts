import { ImportError, parseHolidayDate, uniqueByDate, type HolidayEntry } from './dates.js';

/** Splits one CSV line: `separator` separates, double quotes quote, `""` is a quote. */
function csvFields(line: string, separator: string): string[] | undefined {
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
    } else if (char === separator) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

/** How a file's columns are read: by its header when it has one, else the date first and the name after it. */
interface Columns {
  separator: string;
  date: number;
  /** The name's column; undefined: every field after the date, joined (an unquoted name may hold the separator). */
  name?: number;
}

// The names spreadsheets give the columns (`Date`, `Holiday Date`; `Name`, `Holiday`, `Occasion`…).
const dateHeading = /date/i;
const nameHeading = /name|holiday|occasion|festival|description|event|title/i;

/**
 * The separator (the first comma, `;` of European spreadsheets or tab of the first line) and, when the first line is a header (it names a date column and its first field is no
 * date), the date and name columns it names: `Date,Day,Holiday` reads the name from `Holiday`.
 */
function columnsOf(firstLine: string): { columns: Columns; header: boolean } {
  const separator = /[,;\t]/.exec(firstLine)?.[0] ?? ',';
  const fields = csvFields(firstLine, separator) ?? [];
  const date = fields.findIndex((field) => dateHeading.test(field));
  if (date < 0 || parseHolidayDate(fields[0] ?? '') !== undefined) return { columns: { separator, date: 0 }, header: false };
  const name = fields.findIndex((field, index) => index !== date && nameHeading.test(field));
  return { columns: { separator, date, name: name < 0 ? undefined : name }, header: true };
}

/**
 * Holiday lines of a CSV file as spreadsheets save it: `,`, `;` or tab
 * separated; CRLF, LF or CR line ends; an optional header naming the date
 * and name columns (`date,name`, `Holiday Date;Holiday Name`,
 * `Date,Day,Holiday`); blank lines skipped. Dates are `YYYY-MM-DD` or day
 * first, the month as a number or a name (parseHolidayDate); without a
 * header the date comes first and an unquoted name may hold the separator.
 * Throws an ImportError naming the first line that fails.
 */
export function holidaysFromCsv(text: string): HolidayEntry[] {
  const entries: HolidayEntry[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let columns: Columns | undefined;
  lines.forEach((line, index) => {
    const number = index + 1;
    if (line.trim() === '') return;
    if (!columns) {
      const first = columnsOf(line);
      columns = first.columns;
      if (first.header) return;
    }
    const fields = csvFields(line, columns.separator);
    if (!fields) throw new ImportError('csv', 'a quoted field is not closed', number);
    const dateText = fields[columns.date] ?? '';
    const date = parseHolidayDate(dateText);
    if (!date) throw new ImportError('csv', `"${dateText.trim().slice(0, 40)}" is not a date (YYYY-MM-DD, DD-MM-YYYY or 15-Aug-2027)`, number);
    const name = columns.name !== undefined ? (fields[columns.name] ?? '') : fields.filter((_, at) => at !== columns!.date).join(columns.separator);
    entries.push({ date, name });
  });
  return uniqueByDate(entries, 'csv');
}
