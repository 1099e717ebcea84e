/** Accounts: list, create, edit, and webhook tokens (created once-shown, revoked). */
import { api } from '../api.js';
import type { CreatedToken, TokenRecord } from '../../../api/account-schemas.js';
import { h, replace } from '../dom.js';
import { button, copyButton, field, fill, form, input, localTime, notice, section, select, table, type Account } from '../ui.js';

const hours = (window: { start: string; end: string }) => `${window.start}–${window.end}`;

/** Split "09:00-18:00" style pairs of a form into {start, end} when both are given. */
function window(values: Record<string, string>, prefix: string) {
  const start = values[`${prefix}Start`];
  const end = values[`${prefix}End`];
  return start || end ? { start: start ?? '', end: end ?? '' } : undefined;
}

function accountFields(values: Record<string, string>) {
  return {
    ...(values.name && { name: values.name }),
    ...(values.timezone && { timezone: values.timezone }),
    ...(values.country && { country: values.country }),
    ...(values.clientId && { clientId: values.clientId }),
    ...(values.defaultLanguage && { defaultLanguage: values.defaultLanguage }),
    ...(window(values, 'business') && { businessHours: window(values, 'business') }),
    ...(window(values, 'callback') && { callbackHours: window(values, 'callback') }),
    ...(values.workingDaysOff && { workingDaysOff: values.workingDaysOff.split(',').map((day) => day.trim()).filter(Boolean) }),
    ...(values.validMaxDays && { validMaxDays: Number(values.validMaxDays) }),
    ...(values.languagePreferenceKey && { languagePreferenceKey: values.languagePreferenceKey }),
    ...(values.recordMisses && { recordMisses: values.recordMisses === 'yes' }),
  };
}

/** The editable account fields, filled from `account` when editing. */
function accountInputs(account?: Account) {
  return [
    field('Name', input('name', { required: !account, value: account?.name, autocomplete: 'off' })),
    field('Time zone', input('timezone', { value: account?.timezone, placeholder: 'Asia/Kolkata' }), 'IANA name'),
    field('Country', input('country', { value: account?.country, placeholder: 'IN', maxlength: 2 })),
    field('Client id', input('clientId', { value: account?.clientId ?? undefined })),
    field('Default language', input('defaultLanguage', { value: account?.defaultLanguage, placeholder: 'HINDI' })),
    h(
      'fieldset',
      { class: 'pair' },
      h('legend', {}, 'Business hours'),
      field('Start', input('businessStart', { type: 'time', value: account?.businessHours.start })),
      field('End', input('businessEnd', { type: 'time', value: account?.businessHours.end })),
    ),
    h(
      'fieldset',
      { class: 'pair' },
      h('legend', {}, 'Callback hours'),
      field('Start', input('callbackStart', { type: 'time', value: account?.callbackHours.start })),
      field('End', input('callbackEnd', { type: 'time', value: account?.callbackHours.end })),
    ),
    field('Working days off', input('workingDaysOff', { value: account?.workingDaysOff.join(', '), placeholder: 'Sunday' }), 'comma-separated'),
    field('Valid max days', input('validMaxDays', { type: 'number', min: 1, max: 365, value: account?.validMaxDays })),
    field('Language preference key', input('languagePreferenceKey', { value: account?.languagePreferenceKey, placeholder: 'language' }), 'the stored preference findLanguage answers with first'),
    recordMissesField(account),
  ];
}

/** Whether the account keeps what callers said that the service did not understand (the Misses page; docs/console.md). */
function recordMissesField(account?: Account) {
  const control = select('recordMisses', [
    { value: 'yes', label: 'Yes: keep refused date texts and unknown number blocks' },
    { value: 'no', label: 'No: keep nothing' },
  ]);
  control.value = account?.recordMisses === false ? 'no' : 'yes';
  return field('Record misses', control);
}

export function accountsPage(main: HTMLElement): void {
  const list = h('div', { class: 'list' });
  const detail = h('div', { class: 'detail' });
  const listMessage = notice();

  async function load(): Promise<void> {
    await fill(list, listMessage, async () => {
      const accounts = await api<Account[]>('GET', '/api/accounts');
      return table(
        'Accounts',
        ['Id', 'Name', 'Time zone', 'Language', 'Business hours', ''],
        accounts.map((account) => [
          String(account.id),
          account.name,
          account.timezone,
          account.defaultLanguage,
          hours(account.businessHours),
          button('Edit', () => edit(account), { 'aria-label': `Edit account ${account.id} ${account.name}` }),
        ]),
        'no accounts yet.',
      );
    });
  }

  function edit(account: Account): void {
    const tokens = h('div');
    const tokenMessage = notice();
    const shownToken = h('div', { class: 'secret', 'aria-live': 'polite' });

    async function loadTokens(): Promise<void> {
      await fill(tokens, tokenMessage, async () => {
        const records = await api<TokenRecord[]>('GET', `/api/accounts/${account.id}/tokens`);
        return table(
          'Tokens',
          ['Label', 'Kind', 'Created', 'State', ''],
          records.map((record) => [
            record.label,
            record.kind,
            localTime(record.createdAt),
            record.revokedAt ? `revoked ${localTime(record.revokedAt)}` : 'active',
            record.revokedAt
              ? ''
              : button('Revoke', async () => {
                  if (!confirm(`Revoke the token "${record.label}"? Flows using it will be refused.`)) return;
                  try {
                    await api('DELETE', `/api/accounts/${account.id}/tokens/${encodeURIComponent(record.id)}`);
                    tokenMessage.ok(`Token "${record.label}" revoked.`);
                    await loadTokens();
                  } catch (error) {
                    tokenMessage.error(error);
                  }
                }, { 'aria-label': `Revoke token ${record.label}` }),
          ]),
          'no tokens.',
        );
      });
    }

    replace(
      detail,
      section(
        `Account ${account.id} — ${account.name}`,
        form({ label: `Edit account ${account.id}`, class: 'grid' }, [...accountInputs(account), h('button', { type: 'submit' }, 'Save changes')], async (values) => {
          const updated = await api<Account>('PATCH', `/api/accounts/${account.id}`, accountFields(values));
          await load();
          return `Saved account ${updated.id}.`;
        }),
        h('h3', {}, 'Webhook tokens'),
        tokenMessage.element,
        tokens,
        form({ label: 'Create a token', class: 'inline' }, [field('Label', input('label', { placeholder: 'webhook token' })), h('button', { type: 'submit' }, 'Create token')], async (values) => {
          const created = await api<CreatedToken>('POST', `/api/accounts/${account.id}/tokens`, values.label ? { label: values.label } : {});
          replace(
            shownToken,
            h('p', {}, `New token "${created.label}" — shown this once; copy it now:`),
            h('code', { class: 'token' }, created.token),
            copyButton('Copy token', () => created.token),
          );
          await loadTokens();
        }),
        shownToken,
      ),
    );
    void loadTokens();
    detail.querySelector('h2')?.setAttribute('tabindex', '-1');
    detail.querySelector<HTMLElement>('h2')?.focus();
  }

  main.append(
    listMessage.element,
    list,
    section(
      'Create an account',
      form({ label: 'Create an account', class: 'grid' }, [field('Id (optional)', input('id', { type: 'number', min: 1 })), ...accountInputs(), h('button', { type: 'submit' }, 'Create account')], async (values, element) => {
        const created = await api<Account>('POST', '/api/accounts', { ...(values.id && { id: Number(values.id) }), ...accountFields(values) });
        element.reset();
        await load();
        return `Created account ${created.id} — ${created.name}.`;
      }),
    ),
    detail,
  );
  void load();
}
