import { domainToUnicode } from 'node:url';

/**
 * Look-alike host names (docs/short-urls.md): an internationalised label
 * (`xn--…`) that mixes scripts (`pаypal`, a Cyrillic `а` among Latin letters),
 * or that is written wholly in Cyrillic, Greek or Armenian letters that each
 * look like a Latin one (`аррӏе` for `apple`). After Unicode's "highly
 * restrictive" profile (UTS #39): one script a label, or Latin with the
 * Chinese/Japanese/Korean scripts used together.
 */

// Letters of other scripts that pass for Latin ones in a lower-case host name (UTS #39 confusables, the common ones).
const latinLookalikes: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', ь: 'b', с: 'c', ԁ: 'd', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm', п: 'n', о: 'o', р: 'p',
  ԛ: 'q', г: 'r', ѕ: 's', т: 't', ц: 'u', ѵ: 'v', ԝ: 'w', х: 'x', у: 'y', ү: 'y', з: '3',
  // Greek
  α: 'a', β: 'b', ϲ: 'c', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ω: 'w',
  // Armenian
  ց: 'g', հ: 'h', ո: 'n', օ: 'o', զ: 'q', ս: 'u', ա: 'w',
};

const scripts = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo', 'Arabic', 'Hebrew', 'Devanagari', 'Bengali', 'Tamil', 'Telugu', 'Thai'] as const;
const scriptPatterns = scripts.map((name) => ({ name, pattern: new RegExp(`\\p{Script=${name}}`, 'u') }));

function scriptOf(character: string): string | undefined {
  // Digits, hyphens and combining marks belong to every script.
  if (/[\p{Script=Common}\p{Script=Inherited}]/u.test(character)) return undefined;
  return scriptPatterns.find((script) => script.pattern.test(character))?.name ?? 'Other';
}

// Scripts a single label may combine (UTS #39 "highly restrictive").
const allowedMixes = [new Set(['Latin', 'Han', 'Hiragana', 'Katakana']), new Set(['Latin', 'Han', 'Bopomofo']), new Set(['Latin', 'Han', 'Hangul'])];

function labelWarning(label: string, topLevelScripts: Set<string>): string | undefined {
  const used = new Set<string>();
  for (const character of label) {
    const script = scriptOf(character);
    if (script) used.add(script);
  }
  if (used.size > 1 && !allowedMixes.some((mix) => [...used].every((script) => mix.has(script)))) {
    return `mixes ${[...used].join(' and ')} letters in "${label}"`;
  }
  const [only] = used;
  // As browsers do, a whole label in one of these scripts is expected under a top-level domain of that script (.рф, .ελ).
  if (used.size === 1 && (only === 'Cyrillic' || only === 'Greek' || only === 'Armenian') && !topLevelScripts.has(only)) {
    const letters = [...label].filter((character) => scriptOf(character));
    if (letters.every((character) => latinLookalikes[character] !== undefined)) {
      return `writes "${label}" in ${only} letters that look like the Latin "${[...label].map((character) => latinLookalikes[character] ?? character).join('')}"`;
    }
  }
  return undefined;
}

/**
 * Warnings for a host name as the URL parser writes it (punycode), one per
 * look-alike label; empty for an ASCII host or a plain internationalised one.
 */
export function lookalikeHostWarnings(hostname: string): string[] {
  if (!/(^|\.)xn--/i.test(hostname)) return [];
  const unicode = domainToUnicode(hostname);
  const labels = unicode.split('.');
  const topLevelScripts = new Set([...(labels.at(-1) ?? '')].map(scriptOf).filter((script): script is string => script !== undefined));
  const warnings: string[] = [];
  for (const label of labels) {
    const problem = labelWarning(label, topLevelScripts);
    if (problem) warnings.push(`The host ${hostname} (${unicode}) ${problem}: it may imitate another site.`);
  }
  return warnings;
}
