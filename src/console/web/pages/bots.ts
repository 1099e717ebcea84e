/** Bots: list and create. */
import { api } from '../api.js';
import type { Bot } from '../../../api/bot-schemas.js';
import { h } from '../dom.js';
import { accountPicker, field, fill, form, input, localTime, notice, section, select, table } from '../ui.js';

export function botsPage(main: HTMLElement): void {
  let accountId: number | undefined;
  const list = h('div');
  const message = notice();

  async function load(): Promise<void> {
    if (accountId === undefined) return;
    await fill(list, message, async () => {
      const bots = await api<Bot[]>('GET', `/api/accounts/${accountId}/bots`);
      return table('Bots', ['Bot id', 'Base URL', 'Link mode', 'Created'], bots.map((bot) => [bot.botId, bot.baseUrl, bot.linkMode, localTime(bot.createdAt)]), 'none yet.');
    });
  }

  main.append(
    accountPicker((id) => {
      accountId = id;
      void load();
    }),
    message.element,
    list,
    section(
      'Create a bot',
      form(
        { label: 'Create a bot', class: 'grid' },
        [
          field('Bot id', input('botId', { required: true })),
          field('Base URL', input('baseUrl', { type: 'url', required: true, placeholder: 'https://bot.example.com/chat' })),
          field('Token', input('token', { type: 'password', required: true, autocomplete: 'off' }), 'at least 8 characters; stored hashed'),
          field('Link mode', select('linkMode', [{ value: 'query', label: 'query — variables in the link' }, { value: 'opaque', label: 'opaque — only botUniqueID' }])),
          h('button', { type: 'submit' }, 'Create bot'),
        ],
        async (values, element) => {
          const created = await api<Bot>('POST', `/api/accounts/${accountId}/bots`, { botId: values.botId ?? '', baseUrl: values.baseUrl ?? '', token: values.token ?? '', linkMode: values.linkMode });
          element.reset();
          await load();
          return `Created bot ${created.botId}.`;
        },
      ),
    ),
  );
}
