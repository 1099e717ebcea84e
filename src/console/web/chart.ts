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

/** One layer of a stacked chart: a name for the legend, a CSS class for its colour, a value per column. */
export interface Series {
  name: string;
  className: string;
  values: number[];
}

/**
 * Columns stacked by series (calls per hour by outcome), as SVG; each segment
 * carries a tooltip, and the whole chart a text summary for screen readers.
 * The numbers themselves go in a table beside it (`table` in ui.ts).
 */
export function stackedColumns(title: string, labels: string[], series: Series[]): HTMLElement {
  const width = 600;
  const height = 180;
  const bottom = 20;
  const top = 16;
  const totals = labels.map((_, index) => series.reduce((sum, layer) => sum + (layer.values[index] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const slot = width / Math.max(1, labels.length);
  const barWidth = Math.max(1, slot * 0.8);
  const every = Math.ceil(labels.length / 8);
  const scale = (value: number) => ((height - bottom - top) * value) / max;
  const summary = series.map((layer) => `${layer.name}: ${layer.values.reduce((sum, value) => sum + value, 0)}`).join(', ');
  return h(
    'figure',
    { class: 'chart' },
    svg(
      'svg',
      { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}. Totals — ${summary}`, preserveAspectRatio: 'none' },
      labels.map((label, index) => {
        let y = height - bottom;
        return series.map((layer) => {
          const value = layer.values[index] ?? 0;
          if (value === 0) return null;
          const segment = scale(value);
          y -= segment;
          return svg(
            'rect',
            { x: index * slot + (slot - barWidth) / 2, y, width: barWidth, height: segment, class: `segment ${layer.className}` },
            svg('title', {}, `${label} — ${layer.name}: ${value}`),
          );
        });
      }),
      labels.map((label, index) =>
        index % every === 0 ? svg('text', { x: Math.min(width - 18, Math.max(18, index * slot + slot / 2)), y: height - 5, 'text-anchor': 'middle', class: 'axis' }, label) : null,
      ),
      svg('text', { x: 4, y: 12, class: 'axis' }, `max ${max}`),
    ),
    h('figcaption', {}, title, ' ', legend(series)),
  );
}

function legend(series: Series[]): HTMLElement {
  return h(
    'span',
    { class: 'legend' },
    series.map((layer) => h('span', { class: 'legend-item' }, svg('svg', { width: 10, height: 10, 'aria-hidden': 'true' }, svg('rect', { width: 10, height: 10, class: layer.className })), ` ${layer.name}`)),
  );
}

/** Horizontal bars, one a label (failures by code, p95 per method), with the value written at the end of each bar. */
export function horizontalBars(title: string, bars: Bar[], unit = ''): HTMLElement {
  if (bars.length === 0) return h('p', { class: 'empty' }, `${title}: no data.`);
  const width = 600;
  const row = 22;
  const labelWidth = 190;
  const height = bars.length * row + 6;
  const max = Math.max(1e-9, ...bars.map((bar) => bar.value));
  const span = width - labelWidth - 70;
  return h(
    'figure',
    { class: 'chart horizontal' },
    svg(
      'svg',
      { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}. ${bars.map((bar) => `${bar.label}: ${bar.value}${unit}`).join(', ')}`, height },
      bars.map((bar, index) => {
        const y = index * row + 4;
        const length = Math.max(1, (span * bar.value) / max);
        return [
          svg('text', { x: labelWidth - 6, y: y + 13, 'text-anchor': 'end', class: 'axis label' }, bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label),
          svg('rect', { x: labelWidth, y, width: length, height: row - 6, class: 'bar' }, svg('title', {}, `${bar.label}: ${bar.value}${unit}`)),
          svg('text', { x: labelWidth + length + 4, y: y + 13, class: 'axis' }, `${bar.value}${unit}`),
        ];
      }),
    ),
    h('figcaption', {}, title),
  );
}
