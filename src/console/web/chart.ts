/** A small bar chart drawn as SVG: one bar a label, the values written under the chart for screen readers. */
import { h, svg } from './dom.js';

export interface Bar {
  label: string;
  value: number;
}

export function barChart(title: string, bars: Bar[]): HTMLElement {
  if (bars.length === 0) return h('p', { class: 'empty' }, `${title}: no data.`);
  const width = 600;
  const height = 160;
  const bottom = 20;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = width / bars.length;
  const barWidth = Math.max(1, slot * 0.8);
  const every = Math.ceil(bars.length / 8);
  const summary = bars.map((bar) => `${bar.label}: ${bar.value}`).join(', ');
  return h(
    'figure',
    { class: 'chart' },
    svg(
      'svg',
      { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}. ${summary}`, preserveAspectRatio: 'none' },
      bars.map((bar, index) => {
        const barHeight = ((height - bottom - 10) * bar.value) / max;
        return svg(
          'rect',
          { x: index * slot + (slot - barWidth) / 2, y: height - bottom - barHeight, width: barWidth, height: barHeight, class: 'bar' },
          svg('title', {}, `${bar.label}: ${bar.value}`),
        );
      }),
      bars.map((bar, index) =>
        // Month-day under every few bars; kept inside the drawing at both ends.
        index % every === 0 ? svg('text', { x: Math.min(width - 18, Math.max(18, index * slot + slot / 2)), y: height - 5, 'text-anchor': 'middle', class: 'axis' }, bar.label.slice(5)) : null,
      ),
      svg('text', { x: 4, y: 12, class: 'axis' }, `max ${max}`),
    ),
    h('figcaption', {}, title),
  );
}

/** Counts a day ("YYYY-MM-DD…") each, over every day from the first to the last, so quiet days show as gaps. */
export function perDay(days: string[]): Bar[] {
  if (days.length === 0) return [];
  const counts = new Map<string, number>();
  for (const day of days) counts.set(day.slice(0, 10), (counts.get(day.slice(0, 10)) ?? 0) + 1);
  const sorted = [...counts.keys()].sort();
  const bars: Bar[] = [];
  for (let day = new Date(`${sorted[0]}T00:00:00Z`); day.toISOString().slice(0, 10) <= (sorted.at(-1) ?? ''); day.setUTCDate(day.getUTCDate() + 1)) {
    const label = day.toISOString().slice(0, 10);
    bars.push({ label, value: counts.get(label) ?? 0 });
  }
  return bars;
}
