/** Reports: filters, a table of rows, CSV download, and calls per day. */
import { api, download, query } from '../api.js';
import type { ReportPage, ReportTypeCount } from '../../../api/report-schemas.js';
import { barChart, perDay } from '../chart.js';
import { h, replace } from '../dom.js';
import { accountPicker, field, form, input, notice, saveBlob, section, select, table } from '../ui.js';

export function reportsPage(main: HTMLElement): void {
  let accountId: number | undefined;
  const types = h('p');
  const results = h('div');
  const message = notice();
  const typeInput = input('reportType', { required: true, value: 'call', list: 'report-types' });
  const typeList = h('datalist', { id: 'report-types' });

  const filters = () => {
    const values = Object.fromEntries(new FormData(filterForm)) as Record<string, string>;
    const reportType = values.reportType?.trim();
    if (!reportType) throw new Error('Enter a report type (as pullreport wrote it, e.g. call).');
    return { reportType, filter: { from: values.from, to: values.to, flowId: values.flowId?.trim(), dnis: values.dnis?.trim(), stage: values.stage } };
  };

  async function loadTypes(): Promise<void> {
    try {
      const counts = await api<ReportTypeCount[]>('GET', `/api/accounts/${accountId}/reports`);
      replace(typeList, counts.map((count) => h('option', { value: count.reportType })));
      replace(types, counts.length ? `Report types: ${counts.map((count) => `${count.reportType} (${count.prodRows} prod, ${count.testRows} test rows)`).join('; ')}.` : 'This account has no report rows yet.');
    } catch (error) {
      message.error(error);
    }
  }

  const filterForm = form(
    { label: 'Report filters', class: 'grid' },
    [
      field('Report type', typeInput),
      typeList,
      field('From', input('from', { type: 'date' })),
      field('To', input('to', { type: 'date' })),
      field('Flow id', input('flowId')),
      field('DNIS', input('dnis')),
      field('Stage', select('stage', ['prod', 'test'])),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show rows'), h('button', { type: 'button', class: 'download' }, 'Download CSV')),
    ],
    async () => {
      const { reportType, filter } = filters();
      const answer = await api<ReportPage>('GET', `/api/accounts/${accountId}/reports/${encodeURIComponent(reportType)}${query({ ...filter, limit: 1000 })}`);
      const extras = [...new Set(answer.rows.flatMap((row) => Object.keys(row.extra)))];
      replace(
        results,
        barChart('Calls per day', perDay(answer.rows.map((row) => row.startTime))),
        table(
          `${reportType} rows${answer.next ? ' (first 1000; download the CSV for all)' : ''}`,
          ['Start', 'Flow', 'DNIS', 'DTMF', 'Call id', ...extras],
          answer.rows.map((row) => [row.startTime, row.flowId, row.dnis ?? '', row.dtmf ?? '', row.callId ?? '', ...extras.map((name) => row.extra[name] ?? '')]),
          'no rows match.',
        ),
      );
      return `${answer.rows.length} rows.`;
    },
  );

  filterForm.querySelector('button.download')?.addEventListener('click', async () => {
    try {
      const { reportType, filter } = filters();
      // The token goes in a header, so the file is fetched and then saved from memory. With a byte order
      // mark: people open it in a spreadsheet, and Excel on Windows garbles Indian scripts without one.
      const file = await download(`/api/accounts/${accountId}/reports/${encodeURIComponent(reportType)}${query({ ...filter, format: 'csv', bom: 'true' })}`);
      saveBlob(file.blob, file.filename ?? `${reportType}.csv`);
      message.ok(`Downloaded ${file.filename ?? `${reportType}.csv`}.`);
    } catch (error) {
      message.error(error);
    }
  });

  main.append(
    accountPicker((id) => {
      accountId = id;
      replace(results);
      void loadTypes();
    }),
    types,
    section('Filters', filterForm),
    message.element,
    results,
  );
}
