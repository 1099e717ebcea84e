/** Short URLs: list, visits per day as a chart, and the QR image from `/{code}/qr`. */
import { api } from '../api.js';
import type { ShortUrlVisits, ShortUrlView } from '../../../api/short-url-schemas.js';
import { barChart } from '../chart.js';
import { h, replace } from '../dom.js';
import { accountPicker, button, fill, notice, section, table } from '../ui.js';

export function shortUrlsPage(main: HTMLElement): void {
  let accountId: number | undefined;
  const list = h('div');
  const detail = h('div');
  const message = notice();

  async function load(): Promise<void> {
    if (accountId === undefined) return;
    await fill(list, message, async () => {
      const links = await api<ShortUrlView[]>('GET', `/api/accounts/${accountId}/short-urls`);
      return table(
        'Short URLs',
        ['Short URL', 'Long URL', 'State', 'Visits (humans / bots)', ''],
        links.map((link) => [
          h('a', { href: link.shortUrl, rel: 'noopener noreferrer', target: '_blank' }, link.shortUrl),
          h('span', { class: 'long' }, link.longUrl),
          link.state,
          `${link.visits.humans} / ${link.visits.bots}`,
          button('Visits and QR', () => void show(link), { 'aria-label': `Visits and QR of ${link.shortUrl}` }),
        ]),
        'none yet (links are made through the short-URL API or the linkcreation method).',
      );
    });
  }

  async function show(link: ShortUrlView): Promise<void> {
    await fill(detail, message, async () => {
      const visits = await api<ShortUrlVisits>('GET', `/api/short-urls/${encodeURIComponent(link.domain)}/${encodeURIComponent(link.code)}/visits`);
      return section(
        link.shortUrl,
        h('p', {}, `Visits from ${visits.from} to ${visits.to} (${visits.timezone}): ${visits.total.humans} by people, ${visits.total.bots} by bots.`),
        barChart('Visits by people per day', visits.days.map((day) => ({ label: day.date, value: day.humans }))),
        h('img', { src: `${link.shortUrl}/qr`, alt: `QR code of ${link.shortUrl}`, class: 'qr', width: 200, height: 200 }),
      );
    });
  }

  main.append(
    accountPicker((id) => {
      accountId = id;
      replace(detail);
      void load();
    }),
    message.element,
    list,
    detail,
  );
}
