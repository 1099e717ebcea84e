/** The invocation log: recent webhook calls, filtered by account, method and status, optionally refreshed every few seconds. */
import type { Invocation, InvocationPage } from '../../../api/invocation-schemas.js';
import { api, query } from '../api.js';
import { h, replace } from '../dom.js';
import { button, field, form, input, localTime, notice, select, table } from '../ui.js';

const refreshMs = 5000;

export function invocationsPage(main: HTMLElement): () => void {
  const results = h('div');
  const more = h('div');
  const message = notice();
  const autoRefresh = h('input', { type: 'checkbox', name: 'autoRefresh', id: 'auto-refresh' });
  let timer: ReturnType<typeof setInterval> | undefined;
  let shown: Invocation[] = [];

  const filters = () => {
    const values = Object.fromEntries(new FormData(filterForm)) as Record<string, string>;
    return { accountId: values.accountId?.trim(), method: values.method?.trim(), status: values.status, limit: values.limit || '50' };
  };

  function draw(nextBefore: number | null): void {
    replace(
      results,
      table(
        'Webhook calls, newest first',
        ['Time', 'Account', 'Method', 'Flow', 'Stage', 'HTTP', 'Outcome', 'Error', 'ms', 'Caller', 'Request id'],
        shown.map((call) => [
          localTime(call.at),
          call.accountId === null ? '—' : String(call.accountId),
          call.method,
          call.flowId ?? '—',
          call.stage,
          String(call.httpStatus),
          h('span', { class: call.outcome === 'SUCCESS' ? 'outcome ok' : 'outcome failed' }, call.outcome),
          call.errorCode ?? '',
          String(call.durationMs),
          call.caller ?? '',
          h('code', {}, call.requestId),
        ]),
        'no calls match.',
      ),
    );
    replace(more, nextBefore === null ? null : button('Show older calls', () => void load(nextBefore)));
  }

  async function load(before?: number): Promise<void> {
    try {
      const answer = await api<InvocationPage>('GET', `/api/invocations${query({ ...filters(), before })}`);
      shown = before === undefined ? answer.invocations : [...shown, ...answer.invocations];
      draw(answer.nextBefore);
      message.ok(`${shown.length} calls shown, as of ${new Date().toLocaleTimeString()}.`);
    } catch (error) {
      message.error(error);
    }
  }

  const filterForm = form(
    { label: 'Invocation filters', class: 'inline' },
    [
      field('Account id', input('accountId', { type: 'number', min: 1 })),
      field('Method', input('method')),
      field('Status', select('status', [{ value: '', label: 'any' }, 'SUCCESS', 'FAILURE'])),
      field('Limit', input('limit', { type: 'number', min: 1, max: 1000, value: 50 })),
      h('button', { type: 'submit' }, 'Show calls'),
    ],
    async () => load(),
  );

  autoRefresh.addEventListener('change', () => {
    clearInterval(timer);
    timer = autoRefresh.checked ? setInterval(() => void load(), refreshMs) : undefined;
  });

  main.append(filterForm, h('div', { class: 'check' }, autoRefresh, h('label', { for: 'auto-refresh' }, `Refresh every ${refreshMs / 1000} seconds`)), message.element, results, more);
  void load();
  return () => clearInterval(timer);
}
