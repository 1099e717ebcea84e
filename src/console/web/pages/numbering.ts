/**
 * Numbering: for a number, the series row findLanguage matched (series, sources,
 * confidence, alternative circle) and the language it would answer; for the
 * account, how often each findLanguage rule answered over the last 7 days.
 */
import { api, query } from '../api.js';
import type { LanguageSourceCounts, NumberLookup } from '../../../api/numbering-schemas.js';
import { h, replace } from '../dom.js';
import { accountPicker, field, fill, form, input, notice, section, select, table } from '../ui.js';

/** What each cliLanguageSource means, in the order findLanguage tries them (docs/methods/find-language.md). */
const sourceLabels: ReadonlyArray<readonly [string, string]> = [
  ['preference', "the caller's stored choice"],
  ['circle', "the mobile number's circle"],
  ['state', "the landline's state"],
  ['default', "the account's default language"],
  ['first', 'the first language offered'],
];

/** The matched row as label/value pairs; a dash where the data knows nothing. */
function matchedRow(found: NumberLookup): HTMLElement {
  const dash = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? '—' : value);
  const pairs: Array<[string, string]> = [
    ['Kind', found.kind],
    [found.kind === 'LANDLINE' ? 'STD prefix' : 'Series', dash(found.prefix)],
    ['Row from', found.source === 'imported' ? 'an import' : found.source === 'shipped' ? 'the shipped data' : 'nothing matched'],
    ['Sources', dash(found.sources)],
    ['Operator', `${found.operator} (${found.operatorSource})`],
    ['Circle', found.circleCode ? `${found.circle} (${found.circleCode})` : found.circle],
    ['Confidence', found.confidence],
    ['Alternative circle', found.circleAlternative ? `${found.circleAlternative.name} (${found.circleAlternative.code})` : '—'],
    ['Place', found.place ? `${found.place}, ${dash(found.state)}` : '—'],
    ['Languages', found.languages ? `${found.languages.primary}, then ${found.languages.secondary}` : '—'],
    ['Stored preference', dash(found.storedPreference)],
    ['Answer', found.language ? `${found.language} (${found.languageSource})` : '—'],
    ['Note', dash(found.note)],
  ];
  return h('dl', { class: 'facts', 'aria-label': 'The row that matched' }, pairs.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}

function sourceTable(counts: LanguageSourceCounts): HTMLElement {
  const share = (calls: number) => (counts.total === 0 ? '—' : `${Math.round((1000 * calls) / counts.total) / 10} %`);
  return h(
    'div',
    {},
    table(
      `findLanguage answers by source, last ${counts.days} days`,
      ['Source', 'Meaning', 'Calls', 'Share'],
      sourceLabels.map(([source, meaning]) => [h('code', {}, source), meaning, String(counts.sources[source] ?? 0), share(counts.sources[source] ?? 0)]),
    ),
    h('p', { class: 'hint' }, `${counts.total} answered calls since ${new Date(counts.since).toLocaleString()}.`),
  );
}

export function numberingPage(main: HTMLElement): void {
  let accountId: number | undefined;
  const answer = h('div', { 'aria-live': 'polite' });
  const usage = h('div');
  const usageMessage = notice();

  const loadUsage = () => {
    if (accountId === undefined) return;
    void fill(usage, usageMessage, async () => sourceTable(await api<LanguageSourceCounts>('GET', `/api/numbering/language-sources${query({ accountId, days: 7 })}`)));
  };

  const lookupForm = form(
    { label: 'Look a number up' },
    [
      h(
        'div',
        { class: 'inline' },
        field('Number', input('number', { required: true, placeholder: '+91 98200 12345', autocomplete: 'off' })),
        field('Languages offered', input('languageSupported', { placeholder: 'HINDI,MARATHI,TAMIL' }), 'optional: shows the language findLanguage would answer'),
        field('Kind', select('cliSource', [{ value: '', label: 'detect' }, 'MOBILE', 'LANDLINE'])),
      ),
      h('button', { type: 'submit' }, 'Look up'),
    ],
    async (values) => {
      if (!values.number) throw new Error('Enter a number.');
      const found = await api<NumberLookup>('GET', `/api/numbering/lookup${query({ number: values.number, languageSupported: values.languageSupported, cliSource: values.cliSource, accountId })}`);
      replace(answer, section('Matched row', matchedRow(found)));
    },
  );

  main.append(
    accountPicker((id) => {
      accountId = id;
      replace(answer);
      loadUsage();
    }),
    section('Look a number up', lookupForm, answer),
    section('Where answers came from', usageMessage.element, usage),
  );
}
