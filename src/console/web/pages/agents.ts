/** Agents: list, add, pause/unpause, and the break history of one agent. */
import { api } from '../api.js';
import type { Agent, AgentHistory } from '../../../api/agent-schemas.js';
import { h, replace } from '../dom.js';
import { accountPicker, button, field, fill, form, input, localTime, notice, section, table } from '../ui.js';

export function agentsPage(main: HTMLElement): void {
  let accountId: number | undefined;
  const list = h('div');
  const message = notice();
  const historyArea = h('div');

  async function load(): Promise<void> {
    if (accountId === undefined) return;
    await fill(list, message, async () => {
      const agents = await api<Agent[]>('GET', `/api/accounts/${accountId}/agents`);
      return table(
        'Agents',
        ['Number', 'Name', 'State', 'Last allocated', '', ''],
        agents.map((agent) => [
          agent.cli,
          agent.name,
          agent.paused ? `on break since ${localTime(agent.pausedSince)}` : 'available',
          localTime(agent.lastAllocatedAt),
          button(agent.paused ? 'Unpause' : 'Pause', async () => {
            try {
              const updated = await api<Agent>('PATCH', `/api/accounts/${accountId}/agents/${encodeURIComponent(agent.cli)}`, { paused: !agent.paused });
              message.ok(`${updated.name} is ${updated.paused ? 'now on break' : 'available again'}.`);
              await load();
            } catch (error) {
              message.error(error);
            }
          }, { 'aria-label': `${agent.paused ? 'Unpause' : 'Pause'} ${agent.name}` }),
          button('History', () => void history(agent), { 'aria-label': `History of ${agent.name}` }),
        ]),
        'no agents yet.',
      );
    });
  }

  async function history(agent: Agent): Promise<void> {
    await fill(historyArea, message, async () => {
      const found = await api<AgentHistory>('GET', `/api/accounts/${accountId}/agents/${encodeURIComponent(agent.cli)}/history`);
      return section(
        `History of ${found.name} (${found.cli})`,
        h('p', {}, `From ${localTime(found.from)} to ${localTime(found.to)}: ${found.breaks} breaks, ${Math.round(found.totalBreakSeconds / 60)} minutes on break.`),
        table('Events', ['When', 'Change', 'Source'], found.events.map((event) => [localTime(event.at), event.paused ? 'paused' : 'unpaused', event.source]), 'no changes in the last 24 hours.'),
      );
    });
  }

  main.append(
    accountPicker((id) => {
      accountId = id;
      replace(historyArea);
      void load();
    }),
    message.element,
    list,
    section(
      'Add an agent',
      form({ label: 'Add an agent', class: 'inline' }, [field('Number', input('cli', { type: 'tel', required: true })), field('Name', input('name', { required: true })), h('button', { type: 'submit' }, 'Add agent')], async (values, element) => {
        const created = await api<Agent>('POST', `/api/accounts/${accountId}/agents`, { cli: values.cli ?? '', name: values.name ?? '' });
        element.reset();
        await load();
        return `Added ${created.name} (${created.cli}).`;
      }),
    ),
    historyArea,
  );
}
