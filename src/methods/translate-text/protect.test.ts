import { describe, expect, it } from 'vitest';
import { protectForTranslation, restoreTranslation } from './protect.js';

const kept = (piece: string, index: number) => `<span translate="no" class="notranslate" data-fh="${index}">${piece}</span>`;
const ssml = '<speak>Your code is <say-as interpret-as="digits">4821</say-as><break time="500ms"/> thank you</speak>';

describe('protectForTranslation', () => {
  it.each([
    'Your appointment is tomorrow',
    'Press < 5 for balance, or > 9 to repeat',
    'a<b and c>d',
    '50% discount, 100%',
    'Press {1 for balance',
    'Rates: }{ and { }',
    'Tom & Jerry say "hi"',
  ])('leaves a text without placeholders or markup alone: %s', (text) => {
    expect(protectForTranslation(text)).toBeUndefined();
  });

  it('keeps each placeholder in a span the providers leave untranslated, the words escaped', () => {
    expect(protectForTranslation('Hello {name}, your order {orderId} & more')).toEqual({
      html: `Hello ${kept('{name}', 0)}, your order ${kept('{orderId}', 1)} &amp; more`,
      pieces: ['{name}', '{orderId}'],
      tags: [],
    });
  });

  it.each([
    ['Pay ${amount} today', ['${amount}']],
    ['Your OTP is {{otp}}', ['{{otp}}']],
    ['Your OTP is {{ otp }}', ['{{ otp }}']],
    ['%s, you owe %d rupees; %1$s again, %.2f', ['%s', '%d', '%1$s', '%.2f']],
    ['नमस्ते {नाम}, {0}', ['{नाम}', '{0}']],
    ['{{name}, {user.name}', ['{name}', '{user.name}']],
  ])('finds the placeholders of %s', (text, pieces) => {
    expect(protectForTranslation(text)?.pieces).toEqual(pieces);
  });

  it('sends paired SSML tags as markup, and keeps self-closing tags and say-as elements whole', () => {
    expect(protectForTranslation(ssml)).toEqual({
      html: `<speak>Your code is ${kept('&lt;say-as interpret-as="digits"&gt;4821&lt;/say-as&gt;', 0)}${kept('&lt;break time="500ms"/&gt;', 1)} thank you</speak>`,
      pieces: ['<say-as interpret-as="digits">4821</say-as>', '<break time="500ms"/>'],
      tags: ['<speak>', '</speak>'],
    });
  });

  it('escapes a < or > of the words and a tag without its pair, beside a placeholder', () => {
    expect(protectForTranslation('Press < 5 or <b>9</b> {name}, <i>then')?.html).toBe(`Press &lt; 5 or <b>9</b> ${kept('{name}', 0)}, &lt;i&gt;then`);
  });
});

describe('restoreTranslation', () => {
  it.each([
    'Hello {name}, your order {orderId}',
    'Pay ${amount} & {{otp}} %1$s',
    ssml,
    '<speak><prosody rate="slow">Please <emphasis level=\'strong\'>wait</emphasis> {name}</prosody></speak>',
    'Press < 5 & > 9 for {name}; a<b and c>d',
    '{{name}',
  ])('gives back the text that was protected, when the provider changes nothing: %s', (text) => {
    const sent = protectForTranslation(text)!;
    expect(restoreTranslation(sent.html, sent)).toEqual({ text, lost: [], repeated: [] });
  });

  it('puts each placeholder back byte for byte where the translation moved it', () => {
    const sent = protectForTranslation('Hello {name}, your order {orderId}')!;
    const answer = `आपका ऑर्डर ${kept('{ORDERID}', 1)}, नमस्ते ${kept('{नाम}', 0)}`;
    expect(restoreTranslation(answer, sent)).toEqual({ text: 'आपका ऑर्डर {orderId}, नमस्ते {name}', lost: [], repeated: [] });
  });

  it("decodes the provider's entities in the words, once", () => {
    const sent = protectForTranslation("It's {name}")!;
    const answer = `It&#39;s &quot;${kept('{name}', 0)}&quot; &amp;lt; &#x27;5&#x27; &amp; &copy;`;
    expect(restoreTranslation(answer, sent).text).toBe(`It's "{name}" &lt; '5' & &copy;`);
  });

  it('gives back the tags as the flow wrote them when the provider rewrites them', () => {
    const sent = protectForTranslation("<speak><prosody rate='slow'>Wait {name}</prosody></speak>")!;
    const answer = `<speak style=";text-align:right;direction:rtl"><prosody rate="slow">انتظار ${kept('{name}', 0)}</prosody></speak>`;
    expect(restoreTranslation(answer, sent).text).toBe("<speak><prosody rate='slow'>انتظار {name}</prosody></speak>");
  });

  it('finds a kept piece whose attributes the provider quotes otherwise, and lists one it repeats', () => {
    const sent = protectForTranslation('Hello {name}, your OTP is {{otp}}')!;
    const singleQuoted = `नमस्ते <span translate='no' class='notranslate' data-fh='0'>{name}</span>, आपका ओटीपी <span data-fh=1 translate=no>{{otp}}</span>`;
    expect(restoreTranslation(singleQuoted, sent)).toEqual({ text: 'नमस्ते {name}, आपका ओटीपी {{otp}}', lost: [], repeated: [] });
    const twice = `${kept('{name}', 0)} ${kept('{name}', 0)} ${kept('{{otp}}', 1)}`;
    expect(restoreTranslation(twice, sent).repeated).toEqual(['{name}']);
  });

  it("keeps the prompt's own tag that carries the kept pieces' marker as text, never as one of them", () => {
    const text = 'Hi <span translate="no" data-fh="0">Bob</span> {name}';
    const sent = protectForTranslation(text)!;
    expect(sent.pieces).toEqual(['{name}']);
    expect(restoreTranslation(sent.html, sent)).toEqual({ text, lost: [], repeated: [] });
  });

  it('lists the pieces the translation dropped', () => {
    const sent = protectForTranslation('Hello {name}, your OTP is {{otp}}')!;
    expect(restoreTranslation(`नमस्ते ${kept('{name}', 0)}, आपका ओटीपी`, sent)).toEqual({ text: 'नमस्ते {name}, आपका ओटीपी', lost: ['{{otp}}'], repeated: [] });
  });
});
