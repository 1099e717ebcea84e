import { decodeHtmlEntities, escapeHtmlText } from '../../kernel/html-text.js';

/**
 * Placeholders and SSML in a prompt, kept from the translation engine
 * (docs/methods/translate-text.md "Placeholders and SSML"). The text is sent
 * as HTML, which both providers read with `format: "html"`: each placeholder,
 * self-closing SSML tag (`<break time="500ms"/>`) and `<say-as>`/`<phoneme>`
 * element (its content is digits or sounds, not words) goes inside
 * `<span translate="no" class="notranslate">`, which Google and
 * LibreTranslate leave untranslated; paired tags (`<speak>`, `<prosody>`)
 * go as markup, which both keep around the words they enclose; the rest is
 * escaped text.
 */
export interface ProtectedText {
  /** What is sent, with `format: "html"`. */
  html: string;
  /** Each piece kept whole, as the flow wrote it, by its number in the span's `data-fh`. */
  pieces: string[];
  /** Each paired tag sent as markup, as the flow wrote it, in order. */
  tags: string[];
}

// `{{otp}}`, `${amount}`, `{name}`/`{0}`/`{user.name}`, and printf's `%s`, `%d`, `%1$s`, `%.2f`
// (not `50% discount`: a conversion followed by a letter is a word).
const placeholder = String.raw`\{\{[^{}\n]{1,64}\}\}|\$\{[^{}\n]{1,64}\}|\{\s*[\p{L}\p{M}\p{N}_.:-]{1,64}\s*\}|%(?:\d{1,2}\$)?[-+0#]{0,3}\d{0,3}(?:\.\d{1,3})?[sdifu](?!\p{L})`;
const dataElement = String.raw`<(?<data>say-as|phoneme)\b[^<>]*>[^<]*<\/\k<data>\s*>`;
const selfClosingTag = String.raw`<[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/>`;
const pairedTag = String.raw`<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?>`;
const parts = new RegExp(`(${dataElement}|${selfClosingTag}|${placeholder})|(${pairedTag})`, 'giu');

const mayHoldMarkup = /[{%<]/;

type Part = { kind: 'text' | 'kept' | 'tag'; value: string };

/** The text as HTML with its placeholders and SSML kept; undefined when it has neither (it is sent as plain text, as it was). */
export function protectForTranslation(text: string): ProtectedText | undefined {
  // Every placeholder and tag holds one of these: a usual prompt is answered without the full pattern (52 ns, not 410).
  if (!mayHoldMarkup.test(text)) return undefined;
  const split: Part[] = [];
  let end = 0;
  for (const match of text.matchAll(parts)) {
    if (match.index > end) split.push({ kind: 'text', value: text.slice(end, match.index) });
    split.push({ kind: match[1] === undefined ? 'tag' : 'kept', value: match[0] });
    end = match.index + match[0].length;
  }
  if (end < text.length) split.push({ kind: 'text', value: text.slice(end) });
  // A tag of the prompt's own that carries the marker attribute of the kept pieces would be read back as one of
  // them: it is text, escaped like any other.
  for (const part of split) if (part.kind !== 'text' && keptMarker.test(part.value)) part.kind = 'text';
  unpairedTagsAsText(split);
  if (!split.some((part) => part.kind !== 'text')) return undefined;

  const pieces: string[] = [];
  const tags: string[] = [];
  const html = split
    .map(({ kind, value }) => {
      if (kind === 'text') return escapeHtmlText(value);
      if (kind === 'tag') {
        tags.push(value);
        return value;
      }
      pieces.push(value);
      return `<span translate="no" class="notranslate" data-fh="${pieces.length - 1}">${escapeHtmlText(value)}</span>`;
    })
    .join('');
  return { html, pieces, tags };
}

/** A start tag without its end tag, or an end tag without its start (`a<b and c>d`, `press < 5 or > 9`), is text. */
function unpairedTagsAsText(split: Part[]): void {
  const open: Array<{ part: Part; name: string }> = [];
  for (const part of split) {
    if (part.kind !== 'tag') continue;
    const name = tagName(part.value);
    if (!isEndTag(part.value)) open.push({ part, name });
    else if (open.at(-1)?.name === name) open.pop();
    else part.kind = 'text';
  }
  for (const { part } of open) part.kind = 'text';
}

const tagName = (tag: string): string => /^<\/?([^\s/>]+)/.exec(tag)![1]!.toLowerCase();
const isEndTag = (tag: string): boolean => tag.startsWith('</');
/** A tag's name and whether it ends an element: a returned tag stands for the sent tag of the same key. */
const tagKey = (tag: string): string => `${isEndTag(tag) ? '/' : ''}${tagName(tag)}`;

const keptMarker = /\bdata-fh\b/i;
// A kept piece's span as a provider may return it: its attributes in any order, quoted either way or not at all.
const returnedParts = /<span\b[^<>]*?\bdata-fh\s*=\s*["']?(\d+)["']?[^<>]*>[^<]*<\/span\s*>|<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?>/g;

/**
 * The provider's HTML answer as the flow's text: each kept piece back byte for byte (found by its
 * number, wherever the translation moved it), each tag as the flow wrote it (a provider may rewrite
 * one, say add a `style` for a right-to-left language), and the words with their entities decoded.
 * `lost` lists the pieces the answer dropped: the translation then misses a variable or an SSML element;
 * `repeated` those it gave twice or more, or a number no piece has (a `<say-as>` would be read twice).
 */
export function restoreTranslation(html: string, sent: ProtectedText): { text: string; lost: string[]; repeated: string[] } {
  const unused = new Set(sent.pieces.keys());
  const repeated: string[] = [];
  const tagsByName = new Map<string, string[]>();
  for (const tag of sent.tags) tagsByName.set(tagKey(tag), [...(tagsByName.get(tagKey(tag)) ?? []), tag]);
  let text = '';
  let end = 0;
  for (const match of html.matchAll(returnedParts)) {
    text += decodeHtmlEntities(html.slice(end, match.index));
    end = match.index + match[0].length;
    if (match[1] !== undefined) {
      const index = Number(match[1]);
      text += sent.pieces[index] ?? '';
      if (!unused.delete(index)) repeated.push(sent.pieces[index] ?? match[0]);
    } else {
      text += tagsByName.get(tagKey(match[0]))?.shift() ?? match[0];
    }
  }
  text += decodeHtmlEntities(html.slice(end));
  return { text, lost: [...unused].map((index) => sent.pieces[index]!), repeated };
}
