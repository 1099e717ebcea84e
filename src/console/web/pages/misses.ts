/**
 * What callers said that the service did not understand, from `GET
 * /api/misses` (docs/console.md "Misses"): the most frequent refused date
 * texts (each opens the playground with it filled in) and the number blocks
 * findLanguage knew no circle for (each leads to the numbering import).
 */
import { api, query } from '../api.js';
import type { Misses } from '../../../api/overview-schemas.js';
import { h, replace } from '../dom.js';
import { field, localTime, notice, select, table, type Account } from '../ui.js';

/** The playground with validateDateAndTime chosen and the text in `$flow.key.inputDate`. */
export function playgroundLink(text: string): string {
  return `/console/playground${query({ method: 'validateDateAndTime', '$flow.key.inputDate': text })}`;
}

/** The numbering import (`POST /api/numbering/import`) in the API docs, where a block's series is added. */
export const numberingImportLink = '/docs#/Numbering/post_api_numbering_import';

export function missesPage(main: HTMLElement): void {
  const message = notice();
  const accountSelect = select('accountId', [{ value: '', label: 'All accounts' }]);
  const methodSelect = select('method', [
    { value: '', label: 'Dates and numbers' },
    { value: 'validateDateAndTime', label: 'Unparsed dates (validateDateAndTime)' },
    { value: 'findLanguage', label: 'Unknown number blocks (findLanguage)' },
  ]);
  const periodSelect = select('hours', [
    { value: '1', label: 'Last hour' },
    { value: '24', label: 'Last 24 hours' },
    { value: '168', label: 'Last 7 days' },
  ]);
  periodSelect.value = '168';
  const results = h('div');

  async function load(): Promise<void> {
    try {
      const answer = await api<Misses>('GET', `/api/misses${query({ accountId: accountSelect.value, method: methodSelect.value, hours: periodSelect.value })}`);
      const dates = answer.misses.filter((miss) => miss.kind === 'date');
      const blocks = answer.misses.filter((miss) => miss.kind === 'block');
      replace(
        results,
        methodSelect.value === 'findLanguage'
          ? null
          : table(
              'Date inputs validateDateAndTime could not read, most frequent first',
              ['Input text', 'Calls', 'Last seen', 'Next step'],
              dates.map((miss) => [h('code', {}, miss.text), String(miss.count), localTime(miss.lastSeen), h('a', { href: playgroundLink(miss.text) }, 'Try in the playground')]),
              'none in this period.',
            ),
        methodSelect.value === 'validateDateAndTime'
          ? null
          : table(
              'Number blocks findLanguage knew no circle for, most frequent first',
              ['Block', 'Calls', 'Last seen', 'Next step'],
              blocks.map((miss) => [h('code', {}, `${miss.text}xxxxx`), String(miss.count), localTime(miss.lastSeen), h('a', { href: numberingImportLink }, 'Import its series')]),
              'none in this period.',
            ),
      );
      message.ok(`${answer.misses.length} different inputs, as of ${new Date().toLocaleTimeString()}.`);
    } catch (error) {
      message.error(error);
    }
  }

  for (const control of [accountSelect, methodSelect, periodSelect]) control.addEventListener('change', () => void load());
  main.append(
    h('p', { class: 'hint' }, 'Kept only for accounts with recordMisses on, and only as long as the invocation log keeps calls. Runs of ten or more digits are masked.'),
    h('div', { class: 'inline', role: 'group', 'aria-label': 'What to show' }, field('Account', accountSelect), field('Kind', methodSelect), field('Period', periodSelect)),
    message.element,
    results,
  );
  api<Account[]>('GET', '/api/accounts')
    .then((accounts) => {
      for (const account of accounts) accountSelect.append(h('option', { value: String(account.id) }, `${account.id} — ${account.name}`));
    })
    .catch((error) => message.error(error));
  void load();
}
