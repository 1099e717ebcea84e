import { readFileSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseClock } from '../parse-input.js';
import { parseInputDate } from '../parse-input.js';
import { isoDateOf } from '../rules.js';

interface Corpus {
  now: string;
  zone: string;
  window: [string, string];
  holidays: Array<{ date: string; name: string }>;
  utterances: Record<string, Array<[text: string, expected: string]>>;
}

/**
 * The corpus (corpus.json beside this file): what callers say and type, each
 * with the day a careful person would understand. Not every line has to pass:
 * a reading rule is judged by how much of real speech it covers, so the test
 * asks for 95% overall and 90% in every category, and prints every miss.
 */
const corpus = JSON.parse(readFileSync(new URL('./corpus.json', import.meta.url), 'utf8')) as Corpus;
const zone = IANAZone.create(corpus.zone);
const now = new Date(corpus.now);
const window = { start: parseClock(corpus.window[0])!, end: parseClock(corpus.window[1])! };

function read(text: string): string {
  const parsed = parseInputDate(text, now, zone, { holidays: corpus.holidays, window });
  if (!parsed) return 'REFUSE';
  if (parsed.time === undefined) return isoDateOf(parsed.day);
  return `${isoDateOf(parsed.day)}T${String(Math.floor(parsed.time / 3600)).padStart(2, '0')}:${String(Math.floor((parsed.time % 3600) / 60)).padStart(2, '0')}`;
}

describe('the utterance corpus', () => {
  it('has at least 400 utterances, refusals among them', () => {
    const all = Object.values(corpus.utterances).flat();
    expect(all.length).toBeGreaterThanOrEqual(400);
    expect(all.filter(([, expected]) => expected === 'REFUSE').length).toBeGreaterThanOrEqual(40);
  });

  it('is understood at 95% overall and 90% in every category', () => {
    const misses: string[] = [];
    const scores: string[] = [];
    let passed = 0;
    let total = 0;
    const weak: string[] = [];
    for (const [category, lines] of Object.entries(corpus.utterances)) {
      let categoryPassed = 0;
      for (const [text, expected] of lines) {
        const got = read(text);
        if (got === expected) categoryPassed++;
        else misses.push(`${category}: ${JSON.stringify(text)} expected ${expected}, got ${got}`);
      }
      passed += categoryPassed;
      total += lines.length;
      const share = categoryPassed / lines.length;
      scores.push(`${category}: ${categoryPassed}/${lines.length} (${(share * 100).toFixed(1)}%)`);
      if (share < 0.9) weak.push(category);
    }
    console.log(`corpus: ${passed}/${total} (${((passed / total) * 100).toFixed(1)}%)\n${scores.join('\n')}${misses.length ? `\nmisses:\n${misses.join('\n')}` : ''}`);
    expect(weak, `categories under 90%:\n${misses.join('\n')}`).toEqual([]);
    expect(passed / total, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
