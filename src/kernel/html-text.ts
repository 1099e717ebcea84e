/** Text written into HTML: `&`, `<` and `>` as entities, so a provider reads them as text, not markup. */
export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>]/g, (sign) => escapes[sign]!);
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

// The named entities an HTML serialiser writes for plain text (Google's `&#39;` and `&quot;`, any
// serialiser's `&amp;`, `&lt;`, `&gt;`, `&nbsp;`); numeric ones are read whatever their number.
const named = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', '\u00a0']]);

/**
 * The text an HTML fragment's entities stand for: `&#39;`, `&#x27;`, `&quot;`, `&amp;`…
 * An entity it does not know, or a number that is no character, is kept as written.
 */
export function decodeHtmlEntities(html: string): string {
  return html.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g, (entity, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return named.get(name) ?? entity;
    const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
    return codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff) ? String.fromCodePoint(codePoint) : entity;
  });
}
