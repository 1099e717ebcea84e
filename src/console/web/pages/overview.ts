/**
 * The landing page: the service's health at a glance from `GET /api/overview`
 * (docs/console.md "Overview") — charts with their numbers in tables beside
 * them, for one account or all, over 1 hour, 24 hours or 7 days; refreshed
 * every 30 seconds while open.
 */
import type { Overview } from '../../../api/overview-schemas.js';
import { api, query } from '../api.js';
import { horizontalBars, stackedColumns, type Series } from '../chart.js';
import { h, replace } from '../dom.js';
import { field, notice, section, select, table, type Account } from '../ui.js';

type Outcomes = Overview['outcomes'];

export const refreshMs = 30_000;
const outcomeSeries: Array<{ key: keyof Outcomes; name: string; className: string }> = [
  { key: 'SUCCESS', name: 'SUCCESS', className: 'success' },
  { key: 'FAILURE', name: 'FAILURE', className: 'failure' },
  { key: '4xx', name: '4xx', className: 'client' },
  { key: '5xx', name: '5xx', className: 'server' },
];

/** An hour's label: local `HH:00`, with the day when the period spans days. */
function hourLabel(iso: string, days: boolean): string {
  const date = new Date(iso);
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return days ? `${date.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}` : time;
}

/** A chart and the table of its numbers side by side. */
const pair = (chart: HTMLElement, numbers: HTMLElement) => h('div', { class: 'overview-grid' }, chart, numbers);
const ms = (value: number | null) => (value === null ? '—' : String(value));

export function overviewPage(main: HTMLElement): () => void {
  const message = notice();
  const accountSelect = select('accountId', [{ value: '', label: 'All accounts' }]);
  const periodSelect = select('hours', [
    { value: '1', label: 'Last hour' },
    { value: '24', label: 'Last 24 hours' },
    { value: '168', label: 'Last 7 days' },
  ]);
  periodSelect.value = '24';
  const autoRefresh = h('input', { type: 'checkbox', name: 'autoRefresh', id: 'overview-refresh', checked: true });
  const body = h('div', { 'aria-live': 'off' });
  let timer: ReturnType<typeof setInterval> | undefined;

  function draw(overview: Overview): void {
    const days = overview.hours > 24;
    const labels = overview.callsPerHour.map((entry) => hourLabel(entry.hour, days));
    const series: Series[] = outcomeSeries.map((layer) => ({ name: layer.name, className: layer.className, values: overview.callsPerHour.map((entry) => entry[layer.key]) }));
    const busyHours = overview.callsPerHour.filter((entry) => outcomeSeries.some((layer) => entry[layer.key] > 0));
    const jobs = Object.entries(overview.outbound.jobs);
    const deliveries = overview.outbound.deliveriesPerHour;
    const visits = overview.visitsPerHour;
    replace(
      body,
      h(
        'div',
        { class: 'totals', 'aria-label': 'Totals' },
        h('div', {}, h('strong', { 'data-total': 'calls' }, String(overview.calls)), 'calls'),
        outcomeSeries.map((layer) => h('div', {}, h('strong', { 'data-total': layer.key }, String(overview.outcomes[layer.key])), layer.name)),
      ),
      section(
        'Calls per hour by outcome',
        pair(
          stackedColumns('Calls per hour, stacked by outcome', labels, series),
          table('Calls per hour (hours with calls)', ['Hour', ...outcomeSeries.map((layer) => layer.name)], busyHours.map((entry) => [hourLabel(entry.hour, days), ...outcomeSeries.map((layer) => String(entry[layer.key]))]), 'no calls in this period.'),
        ),
      ),
      section(
        'Failures by error code',
        pair(
          horizontalBars('Calls by error code', overview.errorCodes.map((entry) => ({ label: entry.code, value: entry.calls }))),
          table('Error codes', ['Code', 'Calls'], overview.errorCodes.map((entry) => [entry.code, String(entry.calls)]), 'no failures in this period.'),
        ),
      ),
      section(
        'Methods',
        h(
          'div',
          {},
          horizontalBars('p95 duration per method (ms)', overview.methods.filter((method) => method.durationMs.p95 !== null).map((method) => ({ label: method.method ?? '(no method)', value: method.durationMs.p95 ?? 0 })), ' ms'),
          table(
            'Calls and durations per method',
            ['Method', 'Calls', 'SUCCESS', 'FAILURE', '4xx', '5xx', 'p50 ms', 'p95 ms', 'p99 ms', 'Top errors'],
            overview.methods.map((method) => [
              method.method ?? '(no method)',
              String(method.calls),
              ...outcomeSeries.map((layer) => String(method.outcomes[layer.key])),
              ms(method.durationMs.p50),
              ms(method.durationMs.p95),
              ms(method.durationMs.p99),
              method.errorCodes.map((entry) => `${entry.code} ${entry.calls}`).join(', '),
            ]),
            'no calls in this period.',
          ),
        ),
      ),
      section(
        'Outbound',
        pair(
          horizontalBars('Outbound jobs made in the period, by status now', jobs.map(([status, count]) => ({ label: status, value: count }))),
          table('Outbound jobs by status', ['Status', 'Jobs'], jobs.map(([status, count]) => [status, String(count)])),
        ),
        pair(
          stackedColumns('Deliveries per hour', deliveries.map((entry) => hourLabel(entry.hour, days)), [{ name: 'delivered', className: 'humans', values: deliveries.map((entry) => entry.delivered) }]),
          table('Deliveries per hour (hours with deliveries)', ['Hour', 'Delivered'], deliveries.filter((entry) => entry.delivered > 0).map((entry) => [hourLabel(entry.hour, days), String(entry.delivered)]), 'no deliveries in this period.'),
        ),
      ),
      section(
        'Short-URL visits',
        pair(
          stackedColumns('Visits per hour, people and bots', visits.map((entry) => hourLabel(entry.hour, days)), [
            { name: 'people', className: 'humans', values: visits.map((entry) => entry.humans) },
            { name: 'bots', className: 'bots', values: visits.map((entry) => entry.bots) },
          ]),
          table('Visits per hour (hours with visits)', ['Hour', 'People', 'Bots'], visits.filter((entry) => entry.humans + entry.bots > 0).map((entry) => [hourLabel(entry.hour, days), String(entry.humans), String(entry.bots)]), 'no visits in this period.'),
        ),
      ),
    );
  }

  async function load(): Promise<void> {
    try {
      const overview = await api<Overview>('GET', `/api/overview${query({ accountId: accountSelect.value, hours: periodSelect.value })}`);
      draw(overview);
      message.ok(`As of ${new Date(overview.to).toLocaleTimeString()}${autoRefresh.checked ? `; refreshes every ${refreshMs / 1000} seconds` : ''}.`);
    } catch (error) {
      message.error(error);
    }
  }

  const restart = () => {
    clearInterval(timer);
    timer = autoRefresh.checked ? setInterval(() => void load(), refreshMs) : undefined;
  };
  accountSelect.addEventListener('change', () => void load());
  periodSelect.addEventListener('change', () => void load());
  autoRefresh.addEventListener('change', () => {
    restart();
    void load();
  });

  main.append(
    h(
      'div',
      { class: 'inline', role: 'group', 'aria-label': 'What to show' },
      field('Account', accountSelect),
      field('Period', periodSelect),
      h('div', { class: 'check' }, autoRefresh, h('label', { for: 'overview-refresh' }, `Refresh every ${refreshMs / 1000} seconds`)),
    ),
    message.element,
    body,
  );
  api<Account[]>('GET', '/api/accounts')
    .then((accounts) => {
      for (const account of accounts) accountSelect.append(h('option', { value: String(account.id) }, `${account.id} — ${account.name}`));
    })
    .catch((error) => message.error(error));
  void load();
  restart();
  return () => clearInterval(timer);
}
