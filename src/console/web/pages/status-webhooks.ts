/**
 * An account's status-webhook endpoints on the outbound page: their state and failures,
 * add (the secret shown once), enable / disable, remove, and an endpoint's recent deliveries
 * (docs/console.md; the callbacks themselves: docs/methods/create-outbound.md, status callbacks).
 */
import type { CreatedStatusWebhook, StatusDelivery, StatusWebhook, StatusWebhookDetail } from '../../../api/status-webhook-schemas.js';
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { button, copyButton, field, form, input, localTime, notice, section, table } from '../ui.js';

/** The event types the API takes, with what each announces (as in docs/methods/create-outbound.md). */
const eventTypes: Array<[string, string]> = [
  ['outbound.job.delivered', 'the dialer accepted a dial'],
  ['outbound.job.attempted', 'each outcome report'],
  ['outbound.job.completed', 'a job reached its final state'],
  ['outbound.request.completed', 'every job of a request is final'],
];

const state = (endpoint: StatusWebhook) =>
  endpoint.disabled ? `disabled since ${localTime(endpoint.disabledAt)}: ${endpoint.disabledReason ?? 'no reason given'}` : 'enabled';

const lastFailure = (endpoint: StatusWebhook) => (endpoint.lastFailureAt ? `${localTime(endpoint.lastFailureAt)}: ${endpoint.lastError ?? 'no error recorded'}` : '—');

const deliveredOrNext = (delivery: StatusDelivery) =>
  delivery.deliveredAt ? `delivered ${localTime(delivery.deliveredAt)}` : delivery.nextAttemptAt ? `next attempt ${localTime(delivery.nextAttemptAt)}` : '—';

/** The section and a function that shows an account's endpoints in it. */
export function statusWebhooksSection(): { element: HTMLElement; show(accountId: number): void } {
  let accountId: number | undefined;
  /** The endpoint whose deliveries are shown, if any. */
  let chosen: string | undefined;
  const list = h('div');
  const listMessage = notice();
  const deliveries = h('div');
  const secret = h('div', { class: 'secret', 'aria-live': 'polite' });
  const checkboxes = eventTypes.map(([type]) => h('input', { type: 'checkbox', name: 'eventTypes', value: type, id: `status-event-${type.replaceAll('.', '-')}`, checked: true }));

  const base = () => `/api/accounts/${accountId}/status-webhooks`;
  const path = (id: string) => `${base()}/${encodeURIComponent(id)}`;

  /** Draws the endpoints (and the chosen one's deliveries again); `done` is said once they are drawn. */
  async function load(done?: string): Promise<void> {
    if (accountId === undefined) return;
    listMessage.clear();
    try {
      const endpoints = await api<StatusWebhook[]>('GET', base());
      replace(
        list,
        table(
          'Status webhook endpoints',
          ['URL', 'Events', 'State', 'Failures', 'Last success', 'Last failure', ''],
          endpoints.map((endpoint) => [
            endpoint.url,
            endpoint.eventTypes.join(', '),
            state(endpoint),
            String(endpoint.failureCount),
            localTime(endpoint.lastSuccessAt),
            lastFailure(endpoint),
            h(
              'span',
              { class: 'actions' },
              button('Deliveries', () => void showDeliveries(endpoint.id), { 'aria-label': `Deliveries of ${endpoint.url}` }),
              button(endpoint.disabled ? 'Enable' : 'Disable', () => setEnabled(endpoint, endpoint.disabled).catch((error) => listMessage.error(error)), {
                'aria-label': `${endpoint.disabled ? 'Enable' : 'Disable'} ${endpoint.url}`,
              }),
              button('Remove', () => remove(endpoint).catch((error) => listMessage.error(error)), { 'aria-label': `Remove ${endpoint.url}` }),
            ),
          ]),
          'none yet: this account gets no status callbacks.',
        ),
      );
      if (chosen && !endpoints.some((endpoint) => endpoint.id === chosen)) {
        chosen = undefined;
        replace(deliveries);
      }
      if (chosen) await showDeliveries(chosen);
      if (done) listMessage.ok(done);
    } catch (error) {
      listMessage.error(error);
    }
  }

  async function showDeliveries(id: string): Promise<void> {
    chosen = id;
    try {
      const endpoint = await api<StatusWebhookDetail>('GET', path(id));
      const caption = `Recent deliveries to ${endpoint.url}`;
      replace(
        deliveries,
        h('p', { class: 'hint' }, 'The 50 latest callbacks to this endpoint, newest first. The webhook id is the same on every retry of one callback.'),
        table(
          caption,
          ['Event', 'Status', 'Attempts', 'Last HTTP status', 'Last error', 'Created', 'Delivered / next attempt', 'Webhook id'],
          endpoint.recentDeliveries.map((delivery) => [
            delivery.eventType,
            delivery.status,
            String(delivery.attempts),
            delivery.lastStatus === null ? '—' : String(delivery.lastStatus),
            delivery.lastError ?? '—',
            localTime(delivery.createdAt),
            deliveredOrNext(delivery),
            h('span', { class: 'long' }, delivery.id),
          ]),
          'none yet.',
        ),
      );
    } catch (error) {
      listMessage.error(error);
    }
  }

  async function setEnabled(endpoint: StatusWebhook, enabled: boolean): Promise<void> {
    await api('PATCH', path(endpoint.id), { enabled });
    await load(enabled ? `Enabled ${endpoint.url}; its failure count starts again from 0.` : `Disabled ${endpoint.url}: it gets no callbacks until it is enabled.`);
  }

  async function remove(endpoint: StatusWebhook): Promise<void> {
    if (!confirm(`Remove the status webhook ${endpoint.url}? It will get no more callbacks.`)) return;
    await api('DELETE', path(endpoint.id));
    await load(`Removed ${endpoint.url}.`);
  }

  const element = section(
    'Status webhooks',
    h('p', { class: 'hint' }, "Endpoints of this account's own systems that get a signed callback when an outbound job or request changes. An endpoint answering 410 Gone is disabled."),
    listMessage.element,
    list,
    button('Refresh endpoints', () => void load()),
    deliveries,
    h('h3', {}, 'Add a status webhook'),
    form(
      { label: 'Add a status webhook', class: 'add-status-webhook' },
      [
        field('Endpoint URL', input('url', { type: 'url', required: true, maxlength: 2048, placeholder: 'https://crm.example.com/flowhooks-status' })),
        h(
          'fieldset',
          { class: 'events' },
          h('legend', {}, 'Events'),
          eventTypes.map(([type, when], index) => h('div', { class: 'check' }, checkboxes[index], h('label', { for: checkboxes[index]!.id }, type), h('small', { class: 'hint' }, when))),
        ),
        h('button', { type: 'submit' }, 'Add endpoint'),
      ],
      async (values, formElement) => {
        const chosenTypes = checkboxes.filter((box) => box.checked).map((box) => box.value);
        if (!values.url) throw new Error('Enter the endpoint URL.');
        if (chosenTypes.length === 0) throw new Error('Choose at least one event.');
        const created = await api<CreatedStatusWebhook>('POST', base(), { url: values.url, eventTypes: chosenTypes });
        formElement.reset();
        replace(
          secret,
          h('p', {}, `Added ${created.url}. Its signing secret is shown only now: keep it where your receiver checks the signatures.`),
          h('p', {}, 'Signing secret: ', h('code', { class: 'token' }, created.secret), ' ', copyButton('Copy signing secret', () => created.secret)),
        );
        await load();
      },
    ),
    secret,
  );

  return {
    element,
    show(id) {
      accountId = id;
      chosen = undefined;
      replace(deliveries);
      replace(secret);
      void load();
    },
  };
}
