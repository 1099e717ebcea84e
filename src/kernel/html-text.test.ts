import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, escapeHtmlText } from './html-text.js';

describe('HTML text', () => {
  it('escapes the signs HTML would read as markup, and nothing else', () => {
    expect(escapeHtmlText(`Tom & Jerry: press < 5 or > 9, "it's"`)).toBe(`Tom &amp; Jerry: press &lt; 5 or &gt; 9, "it's"`);
  });

  it('decodes named, decimal and hex entities once', () => {
    expect(decodeHtmlEntities('it&#39;s &quot;x&quot; &amp;lt; &#x27;y&#X27; &apos;&nbsp;&gt;')).toBe(`it's "x" &lt; 'y' '\u00a0>`);
  });

  it('keeps what is no entity it knows as written', () => {
    expect(decodeHtmlEntities('&copy; &constructor; &toString; &#0; &#xD800; &#1114112; & amp; &amp')).toBe('&copy; &constructor; &toString; &#0; &#xD800; &#1114112; & amp; &amp');
  });
});
