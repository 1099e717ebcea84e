/** The do-not-call list of an account on the outbound page: search, add, remove, import a scrub file, export (docs/console.md). */
import type { DoNotCallAdded, DoNotCallImported, DoNotCallPage } from '../../../api/dnc-schemas.js';
import { api, download, query, upload } from '../api.js';
import { h, replace } from '../dom.js';
import { button, field, form, input, localTime, notice, saveBlob, section, table } from '../ui.js';

const pageSize = 50;

/** The section and a function that shows an account's list in it. */
export function doNotCallSection(): { element: HTMLElement; show(accountId: number): void } {
  let accountId: number | undefined;
  let search = '';
  const list = h('div');
  const listMessage = notice();
  const summary = h('p', { class: 'hint', 'aria-live': 'polite' });
  const searchInput = input('search', { maxlength: 32, inputmode: 'tel', placeholder: 'digits, e.g. 98765' });
  const fileInput = input('file', { type: 'file', accept: '.csv,.txt,text/csv,text/plain', required: true });

  const base = () => `/api/accounts/${accountId}/dnc`;

  /** Draws the first page (or appends the next one) of the current search. */
  async function load(cursor?: string, done?: string): Promise<void> {
    if (accountId === undefined) return;
    listMessage.clear();
    try {
      const page = await api<DoNotCallPage>('GET', `${base()}${query({ search, limit: pageSize, cursor })}`);
      summary.textContent = search ? `${page.total} numbers match "${search}".` : `${page.total} numbers on the list.`;
      const rows = page.numbers.map((entry) => [
        entry.number,
        entry.source,
        localTime(entry.addedAt),
        button('Remove', () => remove(entry.number).catch((error) => listMessage.error(error)), { 'aria-label': `Remove ${entry.number}` }),
      ]);
      const existing = list.querySelector('tbody');
      if (cursor && existing) {
        for (const cells of rows) existing.append(h('tr', {}, cells.map((cell) => h('td', {}, cell))));
        list.querySelector('.more')?.remove();
      } else {
        replace(list, table('Do-not-call numbers', ['Number', 'Source', 'Added', ''], rows, search ? 'no number matches.' : 'empty.'));
      }
      if (page.next) {
        const next = page.next;
        list.append(h('p', { class: 'more' }, button('More numbers', () => void load(next))));
      }
      if (done) listMessage.ok(done);
    } catch (error) {
      listMessage.error(error);
    }
  }

  async function remove(number: string): Promise<void> {
    await api('DELETE', `${base()}/${encodeURIComponent(number)}`);
    await load(undefined, `Removed ${number} from the do-not-call list.`);
  }

  const describe = (counts: DoNotCallAdded | DoNotCallImported) =>
    `${counts.added} added, ${counts.alreadyPresent} already on the list${'rows' in counts ? ` (${counts.rows} rows)` : ''}; ${counts.listSize} numbers on the list now.`;

  const element = section(
    'Do-not-call list',
    h('p', { class: 'hint' }, 'createOutbound never schedules these numbers, and a job whose number is added later is closed as refused instead of being dialled.'),
    form({ label: 'Search the do-not-call list', class: 'inline' }, [field('Search numbers', searchInput), h('button', { type: 'submit' }, 'Search')], async () => {
      search = searchInput.value.trim();
      await load();
    }),
    summary,
    listMessage.element,
    list,
    form(
      { label: 'Add to the do-not-call list', class: 'inline' },
      [field('Numbers to add', input('numbers', { required: true, maxlength: 20000 }), 'separated by commas or spaces; national numbers use the account\'s country'), h('button', { type: 'submit' }, 'Add numbers')],
      async (values, formElement) => {
        const numbers = (values.numbers ?? '').split(/[,;\s]+/).filter(Boolean);
        if (numbers.length === 0) throw new Error('Enter at least one number.');
        const counts = await api<DoNotCallAdded>('POST', base(), { numbers });
        formElement.reset();
        await load();
        return `Added: ${describe(counts)}`;
      },
    ),
    form(
      { label: 'Import a scrub file', class: 'inline' },
      [field('Scrub file', fileInput, 'CSV with the number in the first column, or one number a line; all rows or none'), h('button', { type: 'submit' }, 'Import file')],
      async (_values, formElement) => {
        const file = fileInput.files?.[0];
        if (!file) throw new Error('Choose a file to import.');
        const counts = await upload<DoNotCallImported>(`${base()}/import`, file, file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain');
        formElement.reset();
        await load();
        return `Imported: ${describe(counts)}`;
      },
    ),
    button('Export as CSV', async () => {
      try {
        const exported = await download(`${base()}/export`);
        saveBlob(exported.blob, exported.filename ?? 'do-not-call.csv');
      } catch (error) {
        listMessage.error(error);
      }
    }),
  );

  return {
    element,
    show(id) {
      accountId = id;
      search = '';
      searchInput.value = '';
      void load();
    },
  };
}
