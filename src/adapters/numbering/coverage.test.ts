import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNumberingPlan } from './numbering.js';
import { loadShippedNumbering, shippedDataFolder } from './shipped-data.js';

/**
 * How much of India's allocated mobile numbering the shipped data can place
 * in a circle, measured over libphonenumber's +91 carrier prefixes (the best
 * public list of allocated blocks; numbering-data/sources/libphonenumber-carrier-en-91.txt).
 * Unit: the 5-digit block (100,000 numbers) — a block is allocated when a
 * carrier prefix of 2 to 5 national digits covers it. The figures must match
 * the table in numbering-data/SOURCES.md to one decimal: a drop fails here,
 * and so does a rise the docs do not state yet.
 */

const folder = shippedDataFolder();

function allocatedBlocks(): string[] {
  const prefixes = new Set(
    readFileSync(join(folder, 'sources', 'libphonenumber-carrier-en-91.txt'), 'utf8')
      .split('\n')
      .filter((line) => /^91[6-9]\d*\|/.test(line))
      .map((line) => line.slice(2, line.indexOf('|'))),
  );
  const blocks: string[] = [];
  for (let block = 60_000; block <= 99_999; block++) {
    const digits = String(block);
    if ([2, 3, 4, 5].some((length) => prefixes.has(digits.slice(0, length)))) blocks.push(digits);
  }
  return blocks;
}

interface Share {
  blocks: number;
  /** Blocks whose own series row names a circle (confidence high, medium or low). */
  ownCircle: number;
  /** Blocks findLanguage answers a circle for, counting the candidate circle of a 5-digit block (low). */
  answered: number;
}

function measure(): Record<string, Share> {
  const plan = createNumberingPlan(loadShippedNumbering());
  const shares: Record<string, Share> = {};
  for (const block of allocatedBlocks()) {
    const facts = plan.lookup(`${block}00000`, 'MOBILE');
    const own = ownCircle(block);
    for (const key of ['all', block[0] as string]) {
      const share = (shares[key] ??= { blocks: 0, ownCircle: 0, answered: 0 });
      share.blocks++;
      if (own) share.ownCircle++;
      if (facts.circle) share.answered++;
    }
  }
  return shares;
}

const seriesCircle = new Map(loadShippedNumbering().series.map((row) => [row.series, row.circleCode]));
/** Whether the block's longest series row (5 digits, else 4) names a circle of its own, not only a candidate. */
function ownCircle(block: string): boolean {
  const code = seriesCircle.get(block) ?? seriesCircle.get(block.slice(0, 4));
  return code !== undefined && code !== '';
}

/** The coverage table of numbering-data/SOURCES.md: `| 9xxxx | blocks | own % | answered % |`, and `| all | … |`. */
function recordedFigures(): Record<string, { blocks: number; ownCircle: number; answered: number }> {
  const text = readFileSync(join(folder, 'SOURCES.md'), 'utf8');
  const figures: Record<string, { blocks: number; ownCircle: number; answered: number }> = {};
  for (const match of text.matchAll(/^\| (all|[6-9]xxxx) \| ([\d,]+) \| ([\d.]+) % \| ([\d.]+) % \|/gm)) {
    figures[match[1] === 'all' ? 'all' : match[1]!.slice(0, 1)] = { blocks: Number(match[2]!.replace(/,/g, '')), ownCircle: Number(match[3]), answered: Number(match[4]) };
  }
  return figures;
}

describe('coverage of allocated mobile blocks (numbering-data/SOURCES.md)', () => {
  const measured = measure();
  const recorded = recordedFigures();
  const percent = (part: number, whole: number) => Math.round((1000 * part) / whole) / 10;

  it('states a figure for every first digit and overall', () => {
    expect(Object.keys(recorded).sort()).toEqual(['6', '7', '8', '9', 'all']);
  });

  it.each(['all', '6', '7', '8', '9'])('places %sxxxx blocks in a circle at least as often as SOURCES.md states, and the table is current', (key) => {
    const share = measured[key]!;
    const stated = recorded[key]!;
    expect(share.blocks).toBe(stated.blocks);
    expect(percent(share.ownCircle, share.blocks)).toBeGreaterThanOrEqual(stated.ownCircle);
    expect(percent(share.answered, share.blocks)).toBeGreaterThanOrEqual(stated.answered);
    // A rise must be written down too, so the docs never understate or overstate what the data can do.
    expect([percent(share.ownCircle, share.blocks), percent(share.answered, share.blocks)]).toEqual([stated.ownCircle, stated.answered]);
  });
});
