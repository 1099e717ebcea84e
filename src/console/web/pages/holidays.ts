/** Holidays: a month calendar per account and year, add/delete a date, import a country's holidays. */
import { api } from '../api.js';
import type { Holiday, HolidayImport } from '../../../api/holiday-schemas.js';
import { h, replace } from '../dom.js';
import { accountPicker, button, field, form, input, notice, section, table } from '../ui.js';

const monthNames = Array.from({ length: 12 }, (_, month) => new Date(Date.UTC(2024, month, 1)).toLocaleString(undefined, { month: 'long', timeZone: 'UTC' }));
const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const pad = (value: number) => String(value).padStart(2, '0');

/** A month as a table of weeks (Monday first); holidays marked and named. */
function calendar(year: number, month: number, holidays: Map<string, string>): HTMLElement {
  const first = new Date(Date.UTC(year, month, 1));
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const offset = (first.getUTCDay() + 6) % 7;
  const cells: Array<HTMLElement> = [];
  for (let blank = 0; blank < offset; blank++) cells.push(h('td', { class: 'blank' }));
  for (let day = 1; day <= days; day++) {
    const date = `${year}-${pad(month + 1)}-${pad(day)}`;
    const name = holidays.get(date);
    cells.push(h('td', name ? { class: 'holiday', title: name } : {}, h('span', { class: 'day' }, String(day)), name ? h('span', { class: 'holiday-name' }, name) : null));
  }
  const weeks: HTMLElement[] = [];
  for (let start = 0; start < cells.length; start += 7) weeks.push(h('tr', {}, cells.slice(start, start + 7)));
  return h(
    'table',
    { class: 'calendar' },
    h('caption', {}, `${monthNames[month]} ${year}`),
    h('thead', {}, h('tr', {}, weekdays.map((day) => h('th', { scope: 'col' }, day)))),
    h('tbody', {}, weeks),
  );
}

export function holidaysPage(main: HTMLElement): void {
  const today = new Date();
  let accountId: number | undefined;
  let year = today.getFullYear();
  let month = today.getMonth();
  let holidays: Holiday[] = [];
  const message = notice();
  const calendarArea = h('div');
  const listArea = h('div');
  const yearInput = input('year', { type: 'number', min: 1900, max: 2999, value: year });
  const monthSelect = h('select', { name: 'month' }, monthNames.map((name, index) => h('option', { value: String(index) }, name)));
  monthSelect.value = String(month);

  function draw(): void {
    const byDate = new Map(holidays.map((holiday) => [holiday.date, holiday.name]));
    replace(calendarArea, calendar(year, month, byDate));
    replace(
      listArea,
      table(
        `Holidays in ${year}`,
        ['Date', 'Name', ''],
        holidays.map((holiday) => [
          holiday.date,
          holiday.name,
          button('Delete', async () => {
            try {
              await api('DELETE', `/api/accounts/${accountId}/holidays/${holiday.date}`);
              message.ok(`Deleted the holiday on ${holiday.date}.`);
              await load();
            } catch (error) {
              message.error(error);
            }
          }, { 'aria-label': `Delete holiday ${holiday.date} ${holiday.name}` }),
        ]),
        'none.',
      ),
    );
  }

  async function load(): Promise<void> {
    if (accountId === undefined) return;
    try {
      holidays = await api<Holiday[]>('GET', `/api/accounts/${accountId}/holidays?year=${year}`);
      draw();
    } catch (error) {
      message.error(error);
    }
  }

  yearInput.addEventListener('change', () => {
    const value = Number(yearInput.value);
    if (!Number.isInteger(value) || value < 1900 || value > 2999) return message.error(new Error('The year must be between 1900 and 2999.'));
    year = value;
    void load();
  });
  monthSelect.addEventListener('change', () => {
    month = Number(monthSelect.value);
    draw();
  });
  const step = (delta: number) => () => {
    month += delta;
    if (month < 0 || month > 11) {
      year += month < 0 ? -1 : 1;
      month = (month + 12) % 12;
      yearInput.value = String(year);
      void load();
    }
    monthSelect.value = String(month);
    draw();
  };

  main.append(
    accountPicker((id) => {
      accountId = id;
      void load();
    }),
    h('div', { class: 'inline' }, field('Year', yearInput), field('Month', monthSelect), button('Previous month', step(-1)), button('Next month', step(1))),
    message.element,
    calendarArea,
    section(
      'Add a holiday',
      form({ label: 'Add a holiday', class: 'inline' }, [field('Date', input('date', { type: 'date', required: true })), field('Name', input('name', { required: true })), h('button', { type: 'submit' }, 'Add holiday')], async (values) => {
        if (!values.date) throw new Error('Choose a date.');
        if (!values.name) throw new Error('Give the holiday a name.');
        await api('PUT', `/api/accounts/${accountId}/holidays/${values.date}`, { name: values.name });
        year = Number(values.date.slice(0, 4));
        month = Number(values.date.slice(5, 7)) - 1;
        yearInput.value = String(year);
        monthSelect.value = String(month);
        await load();
        return `Added ${values.name} on ${values.date}.`;
      }),
    ),
    section(
      'Import public holidays',
      form(
        { label: 'Import public holidays', class: 'inline' },
        [
          field('Country', input('country', { value: 'IN', maxlength: 2, required: true }), 'ISO code, e.g. IN'),
          field('Region (optional)', input('region', { maxlength: 3 }), 'e.g. MH'),
          field('Year', input('year', { type: 'number', value: year, required: true })),
          h('button', { type: 'submit' }, 'Import'),
        ],
        async (values) => {
          const result = await api<HolidayImport>('POST', `/api/accounts/${accountId}/holidays/import`, {
            country: values.country,
            ...(values.region && { region: values.region }),
            ...(values.year && { year: Number(values.year) }),
          });
          await load();
          return `Imported ${result.imported} holidays.`;
        },
      ),
    ),
    listArea,
  );
}
