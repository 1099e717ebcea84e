/** Outbound flows (list, create), outbound requests (look up by id, status per number, cancel), status webhooks and the do-not-call list. */
import type { CancelledRequest, CreatedOutboundFlow, OutboundFlow, OutboundRequest, OutboundRequestSummary } from '../../../api/outbound-schemas.js';
import { api, query } from '../api.js';
import { h, replace } from '../dom.js';
import { accountPicker, button, copyButton, field, fill, form, input, localTime, notice, section, table } from '../ui.js';
import { doNotCallSection } from './dnc.js';
import { statusWebhooksSection } from './status-webhooks.js';

/** A job of a request, its fields also read by name: the ones not in knownJobFields are shown as they come. */
type Job = OutboundRequest['jobs'][number] & Readonly<Record<string, unknown>>;

/** Job fields every version of the API returns; any other field (dispositions, outcomes…) is shown as it comes. */
const knownJobFields = new Set(['id', 'contactNumber', 'dueAt', 'status', 'attempts', 'lastError', 'deliveredAt']);

/** A field value in words: text as it is, a list or an object compactly, nothing as a dash. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return /^\d{4}-\d\d-\d\dT/.test(value) ? localTime(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(shown).join('; ');
  return Object.entries(value as Record<string, unknown>).map(([name, inner]) => `${name}: ${shown(inner)}`).join(', ');
}

export function outboundPage(main: HTMLElement): void {
  let accountId: number | undefined;
  const flows = h('div');
  const flowMessage = notice();
  const secrets = h('div', { class: 'secret', 'aria-live': 'polite' });
  const requestArea = h('div');
  const recent = h('div');
  const recentMessage = notice();
  const recentFlow = input('flowId', { maxlength: 64 });
  const settings = h('div');
  const doNotCall = doNotCallSection();
  const statusWebhooks = statusWebhooksSection();

  /** Fields of the request's jobs beyond the known ones, in the order first seen. */
  const extraFields = (request: OutboundRequest) => [...new Set(request.jobs.flatMap((job) => Object.keys(job).filter((name) => !knownJobFields.has(name))))];

  async function loadRecent(): Promise<void> {
    if (accountId === undefined) return;
    await fill(recent, recentMessage, async () => {
      const list = await api<OutboundRequestSummary[]>('GET', `/api/accounts/${accountId}/outbound-requests${query({ flowId: recentFlow.value.trim(), limit: 50 })}`);
      return table(
        'Recent outbound requests',
        ['Created', 'Flow', 'Stage', 'Status', 'Numbers', 'Jobs', ''],
        list.map((request) => [
          localTime(request.createdAt),
          request.flowId,
          request.stage,
          request.status,
          String(request.numbers),
          Object.entries(request.jobs).map(([status, count]) => `${count} ${status}`).join(', '),
          button('Details', () => lookUp(request.id).catch((error) => recentMessage.error(error)), { 'aria-label': `Details of request ${request.id}` }),
        ]),
        'none yet.',
      );
    });
  }

  async function lookUp(requestId: string): Promise<void> {
    replace(requestArea);
    showRequest(await api<OutboundRequest>('GET', `/api/outbound-requests/${encodeURIComponent(requestId)}`));
    requestArea.querySelector<HTMLElement>('dl')?.scrollIntoView({ block: 'nearest' });
  }

  async function loadFlows(): Promise<void> {
    if (accountId === undefined) return;
    await fill(flows, flowMessage, async () => {
      const list = await api<OutboundFlow[]>('GET', `/api/accounts/${accountId}/outbound-flows`);
      return table(
        'Outbound flows',
        ['Flow id', 'Name', 'Dialer URL', 'Throttle / s', 'Calling window', 'Created', ''],
        list.map((flow) => [
          flow.flowId,
          flow.name,
          flow.dialerUrl,
          flow.throttlePerSecond === null ? 'unlimited' : String(flow.throttlePerSecond),
          flow.callingWindow ? `${flow.callingWindow.start}–${flow.callingWindow.end}` : 'any time',
          localTime(flow.createdAt),
          button('Settings', () => showSettings(flow.flowId).catch((error) => flowMessage.error(error)), { 'aria-label': `Settings of flow ${flow.flowId}` }),
        ]),
        'none yet.',
      );
    });
  }

  /** Every setting the API returns for a flow (retry policy, category, pause state… when the API has them). */
  async function showSettings(flowId: string): Promise<void> {
    const flow = await api<OutboundFlow>('GET', `/api/accounts/${accountId}/outbound-flows/${encodeURIComponent(flowId)}`);
    replace(
      settings,
      h('h3', {}, `Settings of flow ${flowId}`),
      h('dl', { class: 'facts', 'aria-label': `Settings of flow ${flowId}` }, Object.entries(flow).flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, shown(value))])),
    );
  }

  function showRequest(request: OutboundRequest): void {
    const message = notice();
    replace(
      requestArea,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Request'), h('dd', {}, request.id),
        h('dt', {}, 'Flow'), h('dd', {}, request.flowId),
        h('dt', {}, 'Stage'), h('dd', {}, request.stage),
        h('dt', {}, 'Status'), h('dd', {}, request.status),
        h('dt', {}, 'Created'), h('dd', {}, localTime(request.createdAt)),
      ),
      table(
        'Numbers',
        ['Number', 'Due', 'Status', 'Attempts', 'Last error', 'Delivered', ...extraFields(request)],
        request.jobs.map((job: Job) => [
          job.contactNumber,
          localTime(job.dueAt),
          job.status,
          String(job.attempts),
          job.lastError ?? '—',
          localTime(job.deliveredAt),
          ...extraFields(request).map((name) => shown(job[name])),
        ]),
        'no numbers.',
      ),
      request.status === 'pending'
        ? button('Cancel request', async () => {
            try {
              const result = await api<CancelledRequest>('POST', `/api/outbound-requests/${encodeURIComponent(request.id)}/cancel`);
              showRequest(result.request);
              void loadRecent();
              requestArea.append(h('p', { class: 'notice ok', role: 'status' }, `Cancelled ${result.cancelledJobs} jobs not yet delivered.`));
            } catch (error) {
              message.error(error);
            }
          })
        : null,
      message.element,
    );
  }

  main.append(
    accountPicker((id) => {
      accountId = id;
      replace(secrets);
      replace(settings);
      void loadFlows();
      void loadRecent();
      doNotCall.show(id);
      statusWebhooks.show(id);
    }),
    flowMessage.element,
    flows,
    settings,
    section(
      'Create an outbound flow',
      form(
        { label: 'Create an outbound flow', class: 'grid' },
        [
          field('Flow id', input('flowId', { required: true, maxlength: 8, pattern: '[A-Za-z0-9_-]{8}' }), '8 letters, digits, _ or -'),
          field('Name', input('name', { required: true })),
          field('Dialer URL', input('dialerUrl', { type: 'url', required: true, placeholder: 'https://dialer.example.com/flowhooks' })),
          field('Throttle per second (optional)', input('throttlePerSecond', { type: 'number', min: 1, max: 1000 })),
          field('Calling window start (optional)', input('windowStart', { type: 'time' })),
          field('Calling window end (optional)', input('windowEnd', { type: 'time' })),
          h('button', { type: 'submit' }, 'Create flow'),
        ],
        async (values, element) => {
          const created = await api<CreatedOutboundFlow>('POST', `/api/accounts/${accountId}/outbound-flows`, {
            flowId: values.flowId ?? '',
            name: values.name ?? '',
            dialerUrl: values.dialerUrl ?? '',
            ...(values.throttlePerSecond && { throttlePerSecond: Number(values.throttlePerSecond) }),
            ...((values.windowStart || values.windowEnd) && { callingWindow: { start: values.windowStart ?? '', end: values.windowEnd ?? '' } }),
          });
          element.reset();
          replace(
            secrets,
            h('p', {}, `Flow ${created.flowId} created. Its secrets are shown this once:`),
            h('p', {}, 'Security id: ', h('code', { class: 'token' }, created.securityId), ' ', copyButton('Copy security id', () => created.securityId)),
            h('p', {}, 'Dialer secret: ', h('code', { class: 'token' }, created.dialerSecret), ' ', copyButton('Copy dialer secret', () => created.dialerSecret)),
          );
          await loadFlows();
        },
      ),
      secrets,
    ),
    section(
      'Look up an outbound request',
      form({ label: 'Look up an outbound request', class: 'inline' }, [field('Request id (obdReqID)', input('requestId', { required: true })), h('button', { type: 'submit' }, 'Look up')], async (values) => {
        if (!values.requestId) throw new Error('Enter the request id.');
        await lookUp(values.requestId);
      }),
      requestArea,
    ),
    section(
      'Recent outbound requests',
      form({ label: 'Recent outbound requests', class: 'inline' }, [field('Flow id (optional)', recentFlow), h('button', { type: 'submit' }, 'Show requests')], async () => loadRecent()),
      recentMessage.element,
      recent,
    ),
    statusWebhooks.element,
    doNotCall.element,
  );
}
