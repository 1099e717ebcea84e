import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { normaliseContactId } from '../../phone/contact-id.js';
import { createNumberingPlan } from '../../adapters/numbering/numbering.js';
import { loadShippedNumbering } from '../../adapters/numbering/shipped-data.js';
import { callerFacts, canonicalLanguage, chooseLanguage, detectKind, languageSource, operatorName, operatorSource, parseCli, parseCliSource, supportedLanguages } from './rules.js';

describe('parseCli', () => {
  it.each([
    ['9820012345', '9820012345'],
    ['09820012345', '9820012345'],
    ['919820012345', '9820012345'],
    ['+919820012345', '9820012345'],
    ['+91 98200-12345', '9820012345'],
    ['(0) 98200 12345', '9820012345'],
    ['0919820012345', '9820012345'],
    ['00919820012345', '9820012345'],
    ['022 2600 1234', '2226001234'],
    ['+91 (0) 94470 12345', '9447012345'],
    ['+91 094470 12345', '9447012345'],
    ['91 (0) 94470 12345', '9447012345'],
    ['091 0 94470 12345', '9447012345'],
    ['0091 (0) 94470 12345', '9447012345'],
  ])('reads %s as the national number %s', (raw, national) => {
    expect(parseCli(raw)).toEqual({ ok: true, national });
  });

  it.each([
    // Full-width keyboards type the signs too; word processors put en dashes and minus signs between groups.
    ['＋９１９８２００１２３４５', '9820012345'],
    ['（０２２）２２２２１２３４', '2222221234'],
    ['98200–12345', '9820012345'],
    ['98200−12345', '9820012345'],
    ['98200\u201112345', '9820012345'],
    // Telephony URIs as SIP trunks and PBXs pass the caller (RFC 3966, RFC 3261), parameters dropped.
    ['tel:+919820012345', '9820012345'],
    ['tel:+91-22-2222-1234;ext=56', '2222221234'],
    ['sip:+919820012345@127.0.0.1;user=phone', '9820012345'],
    ['SIP:%2B919820012345@127.0.0.1', '9820012345'],
    ['"Asha" <sip:09820012345@127.0.0.1;user=phone>', '9820012345'],
    // Ol Chiki (Santali) and Meetei Mayek (Manipuri) digits.
    ['᱙᱘᱒᱐᱐᱑᱒᱓᱔᱕', '9820012345'],
    ['꯹꯸꯲꯰꯰꯱꯲꯳꯴꯵', '9820012345'],
    // An extension after the number: the line places the caller, not the desk.
    ['+91 22 2222 1234 ext. 56', '2222221234'],
    ['022 2222 1234 x56', '2222221234'],
    ['02222221234 Extension 5', '2222221234'],
    ['022-2222-1234#12', '2222221234'],
  ])('reads %s as the national number %s', (raw, national) => {
    expect(parseCli(raw)).toEqual({ ok: true, national });
  });

  it('says a withheld caller ID is one, and what a number may hold when the text is none', () => {
    for (const raw of ['anonymous', 'Private Number', 'UNKNOWN', 'withheld', 'restricted', '***']) {
      expect(parseCli(raw), raw).toEqual({ ok: false, reason: expect.stringContaining('withheld caller ID') });
    }
    for (const raw of ['sip:alice@127.0.0.1', 'caller-id', 'tel:reception']) {
      expect(parseCli(raw), raw).toEqual({ ok: false, reason: expect.stringContaining('or a tel: or sip: URI') });
    }
  });

  it('says why an address or URI names no caller, as the preference methods say it, rather than asking for digits', () => {
    for (const raw of ['sip:anonymous@anonymous.invalid', '"Anonymous" <sip:anonymous@anonymous.invalid>', 'anonymous@anonymous.invalid', 'sip:Restricted@127.0.0.1', 'unknown@unknown.invalid']) {
      expect(parseCli(raw), raw).toEqual({ ok: false, reason: expect.stringMatching(/withheld caller|\.invalid domain/) });
    }
    for (const raw of ['tel:', 'sip:@127.0.0.1', 'tel: ']) expect(parseCli(raw), raw).toEqual({ ok: false, reason: expect.stringContaining('URI without a number') });
    for (const raw of ['{{cli}}', '$flow.key.cli']) expect(parseCli(raw), raw).toEqual({ ok: false, reason: expect.stringContaining('flow variable') });
  });

  it("reads a number after a Tel: label, and hints at the + a foreign number lost, naming its country code but never the number", () => {
    expect(parseCli('Tel: +91 98200 12345')).toEqual({ ok: true, national: '9820012345' });
    for (const [raw, code] of [['447911123456', '44'], ['971501234567', '971'], ['4915123456789', '49'], ['12125550123', '1'], ['8801712345678', '880']] as const) {
      const parsed = parseCli(raw);
      expect(parsed, raw).toEqual({ ok: false, reason: expect.stringContaining(`reads as a +${code} number written without its +`) });
      expect(JSON.stringify(parsed), raw).not.toContain(raw.slice(code.length));
    }
    // No hint for what no country's plan takes.
    expect(parseCli('98200123456')).toEqual({ ok: false, reason: 'has an impossible length: give 10 digits, optionally after 0, 91 or +91' });
  });

  it('reads a toll-free or shared-cost number, of 10 or 11 digits, as one that places no caller', () => {
    for (const raw of ['1800 419 0001', '18001234567', '1800114000', '1860 500 1111', '18602662666']) expect(parseCli(raw), raw).toEqual({ ok: true, national: null });
    // 1801… is no such number: 11 digits without a trunk 0 stay an impossible length.
    expect(parseCli('18011234567').ok).toBe(false);
  });

  // The ways a number is written with India's code or a trunk 0 (docs/methods/find-language.md), before its digits.
  const prefixedForms: ReadonlyArray<(digits: string) => string> = [
    (digits) => `0${digits}`,
    (digits) => `91${digits}`,
    (digits) => `+91 ${digits}`,
    (digits) => `091 ${digits}`,
    (digits) => `0091 ${digits}`,
    (digits) => `+91 (0) ${digits}`,
    (digits) => `tel:+91-${digits}`,
    (digits) => `sip:+91${digits}@127.0.0.1;user=phone`,
  ];

  it('reads a toll-free or shared-cost number after any prefix as it reads the bare number: no caller placed, never a landline or a wrong length', () => {
    const serviceNumbers = fc.tuple(fc.constantFrom('1800', '1860'), fc.stringMatching(/^[0-9]{6,7}$/)).map(([code, rest]) => `${code}${rest}`);
    fc.assert(
      fc.property(serviceNumbers, fc.constantFrom(...prefixedForms), (digits, form) => {
        expect(parseCli(digits)).toEqual({ ok: true, national: null });
        expect(parseCli(form(digits)), form(digits)).toEqual({ ok: true, national: null });
      }),
      { numRuns: 2_000, seed: 20261201 },
    );
  });

  it('still reads a 186x or 180x landline that is no service number after a prefix as that line', () => {
    const lines = fc.tuple(fc.constantFrom('1862', '1864', '1802', '1805'), fc.stringMatching(/^[2-7][0-9]{5}$/)).map(([code, rest]) => `${code}${rest}`);
    fc.assert(
      fc.property(lines, fc.constantFrom(...prefixedForms), (national, form) => {
        expect(parseCli(form(national)), form(national)).toEqual({ ok: true, national });
      }),
      { numRuns: 500, seed: 20261202 },
    );
  });

  it('decides by length, not by a leading 91: ten digits starting 91 are a national number', () => {
    expect(parseCli('9175748123')).toEqual({ ok: true, national: '9175748123' });
    expect(parseCli('917574812345')).toEqual({ ok: true, national: '7574812345' });
  });

  it('treats a number with another country code as outside the plan, written with + or the 00 dialled from India', () => {
    for (const raw of ['+14155550123', '001 415 555 0123', '00971 50 123 4567', '0044 20 7946 0958', '+00977 1 4412345']) {
      expect(parseCli(raw), raw).toEqual({ ok: true, national: null });
    }
  });

  it("reads a number without a country code as the account's country's: on another country's account an Indian number needs +91", () => {
    expect(parseCli('020 7946 0958', 'GB')).toEqual({ ok: true, national: null });
    expect(parseCli('07911 123456', 'GB')).toEqual({ ok: true, national: null });
    expect(parseCli('(731) 555-0123', 'US')).toEqual({ ok: true, national: null });
    expect(parseCli('+91 98200 12345', 'GB')).toEqual({ ok: true, national: '9820012345' });
    expect(parseCli('0091 98200 12345', 'GB')).toEqual({ ok: true, national: '9820012345' });
    expect(parseCli('98200 12345', 'US')).toMatchObject({ ok: false, reason: expect.stringContaining('is not a valid US number') });
  });

  it('reads a + before a 0 as a slip: no country code starts with 0', () => {
    expect(parseCli('+09820123456')).toEqual({ ok: true, national: '9820123456' });
    expect(parseCli('+0 98201 23456')).toEqual({ ok: true, national: '9820123456' });
    expect(parseCli('+022 2222 1234')).toEqual({ ok: true, national: '2222221234' });
    expect(parseCli('+091 98201 23456')).toEqual({ ok: true, national: '9820123456' });
  });

  it.each(['0000000000', '0820123456', '000 000 0000'])('refuses %s: ten digits starting with 0 are no national number, and says so', (raw) => {
    expect(parseCli(raw)).toMatchObject({ ok: false, reason: expect.stringContaining('10 digits starting with 0') });
  });

  it.each(['98200', '982001234567', '98200123456', '+91982001234'])('refuses %s as an impossible length', (raw) => {
    expect(parseCli(raw)).toMatchObject({ ok: false, reason: expect.stringContaining('impossible length') });
  });

  it.each(['98765432101', '987654321012', '9876543210123', '98765432101234'])('refuses %s: 11–14 digits only with their 0, 91, 091 or 0091 prefix', (raw) => {
    expect(parseCli(raw)).toMatchObject({ ok: false, reason: expect.stringContaining('impossible length') });
  });

  it.each(['+91 (0) 9447 01234', '+91 00 94470 12345', '+91 (0) 094470 12345', '91 (0) 9447 012345 6'])('refuses %s: a trunk 0 after the country code takes exactly 10 digits after it', (raw) => {
    expect(parseCli(raw)).toMatchObject({ ok: false, reason: expect.stringContaining('impossible length') });
  });

  it('reads a number with a trunk 0 after +91 as the preferences methods store it', () => {
    for (const raw of ['+91 (0) 94470 12345', '0091 0 94470 12345']) {
      const parsed = parseCli(raw) as { ok: true; national: string };
      expect(parsed).toEqual({ ok: true, national: expect.any(String) });
      expect(normaliseContactId(raw, 'IN')).toBe(`+91${parsed.national}`);
    }
  });

  it('reads every form findLanguage reads as one Indian caller, 091 and brackets around +91 included', () => {
    const forms = ['0919876543210', '091 98765 43210', '091-0-98765-43210', '(+91) 98765 43210', '+91 (0) 98765 43210', '0091 98765 43210', '+09876543210', '+0091 98765 43210'];
    for (const text of forms) {
      expect(normaliseContactId(text, 'IN'), text).toBe('+919876543210');
      expect(parseCli(text), text).toEqual({ ok: true, national: '9876543210' });
    }
    // libphonenumber takes `091…` for an (invalid) national number.
    expect(parsePhoneNumberFromString('0919876543210', 'IN')?.isValid()).toBe(false);
  });

  it('reads a number with an extension as the same caller the preferences methods store for it', () => {
    const nationals = fc.tuple(fc.constantFrom('98', '99', '70', '22', '40', '80', '33'), fc.stringMatching(/^[2-7][0-9]{7}$/)).map(([start, rest]) => `${start}${rest}`);
    const forms = fc.constantFrom((n: string) => `+91 ${n}`, (n: string) => `0${n}`, (n: string) => n, (n: string) => `91 ${n.slice(0, 5)} ${n.slice(5)}`);
    const extensions = fc.constantFrom(' ext. 56', ' x56', '#56', ' x 56', ' extn 5678', ' Extension 7', ';ext=56');
    fc.assert(
      fc.property(nationals, forms, extensions, (national, form, extension) => {
        const text = extension.startsWith(';') ? `tel:${form(national).replace(/ /g, '-')}${extension}` : `${form(national)}${extension}`;
        expect(parseCli(text), text).toEqual({ ok: true, national });
        const stored = normaliseContactId(form(national), 'IN');
        if (stored.startsWith('+')) expect(normaliseContactId(text, 'IN'), text).toBe(stored);
      }),
      { numRuns: 1_000, seed: 20261203 },
    );
  });

  it('keeps a national number ending in 0, and refuses one the prefix leaves starting with 0', () => {
    expect(parseCli('9876543210')).toEqual({ ok: true, national: '9876543210' });
    expect(parseCli('910123456789')).toMatchObject({ ok: false });
  });

  it('takes 7 to 15 digits after another country code', () => {
    expect(parseCli('+4412345')).toEqual({ ok: true, national: null });
    expect(parseCli('+441234567890123')).toEqual({ ok: true, national: null });
    expect(parseCli('+441234')).toMatchObject({ ok: false, reason: 'has an impossible length' });
    expect(parseCli('+4412345678901234')).toMatchObject({ ok: false, reason: 'has an impossible length' });
  });

  it.each(['98200abcde', '9820O12345', 'caller'])('refuses the non-numeric %s', (raw) => {
    expect(parseCli(raw)).toMatchObject({ ok: false, reason: expect.stringContaining('digits') });
  });
});

describe('cliSource and number kind', () => {
  it('reads MOBILE and LANDLINE in any case and nothing else', () => {
    expect(parseCliSource('mobile')).toBe('MOBILE');
    expect(parseCliSource(' Landline ')).toBe('LANDLINE');
    expect(parseCliSource('fixed')).toBeUndefined();
  });

  it('tells a Bengaluru or Mumbai line from a mobile number by libphonenumber', () => {
    expect(detectKind('8040001234')).toBe('LANDLINE');
    expect(detectKind('2226001234')).toBe('LANDLINE');
    expect(detectKind('9820012345')).toBe('MOBILE');
    expect(detectKind('7574812345')).toBe('MOBILE');
    expect(detectKind('7012345678')).toBe('MOBILE');
    expect(detectKind('6012345678')).toBe('MOBILE');
  });

  it('takes every number starting 1 to 5 as a landline, even one the metadata types otherwise', () => {
    expect(detectKind('1800123456')).toBe('LANDLINE');
    expect(detectKind('5000000000')).toBe('LANDLINE');
  });

  it('types every ten-digit number the way libphonenumber.getType() does (landline only when FIXED_LINE)', () => {
    const tenDigits = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 999_999_999 })).map(([first, rest]) => `${first}${String(rest).padStart(9, '0')}`);
    fc.assert(
      fc.property(tenDigits, (national) => {
        const byLibrary = parsePhoneNumberFromString(national, 'IN')?.getType() === 'FIXED_LINE' ? 'LANDLINE' : 'MOBILE';
        // 1–5 are landline STD codes whatever the metadata says of a given line; 6–9 follow the metadata.
        if (national.charCodeAt(0) >= 54) expect(detectKind(national)).toBe(byLibrary);
      }),
      { numRuns: 20_000, seed: 20261129 },
    );
  });
});

describe('callerFacts', () => {
  const data = loadShippedNumbering();
  const plan = createNumberingPlan(data);

  it('places a number that reads either way by its STD code when no mobile series places it, and keeps a placed mobile reading first', () => {
    // Every landline prefix starting 6–8, with subscriber numbers libphonenumber cannot tell from a mobile.
    let checked = 0;
    for (const { prefix } of data.landlines.filter((row) => /^[678]/.test(row.prefix))) {
      const national = `${prefix}2662345`.slice(0, 10);
      const number = parsePhoneNumberFromString(national, 'IN');
      if (number?.getType() !== 'FIXED_LINE_OR_MOBILE') continue;
      const asMobile = plan.lookup(national, 'MOBILE');
      const asLandline = plan.lookup(national, 'LANDLINE');
      const expected = asMobile.languages !== null || asLandline.languages === null ? asMobile : asLandline;
      expect(callerFacts(plan, national, undefined), national).toEqual(expected);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(1000);
    // Amravati (0721) has no mobile series: its line is placed in Maharashtra, in Marathi.
    expect(callerFacts(plan, '7212662345', undefined)).toMatchObject({ kind: 'LANDLINE', place: 'Amravati', languages: { primary: 'MARATHI' } });
  });

  it('places a landline whose local number no line can have at low confidence, and leaves real lines high', () => {
    // Local numbers start 2–7: Delhi 011 2345 6789 is a line; 011 1234 5678, 011 0123 4567, 011 9123 4567 are not.
    expect(callerFacts(plan, '1123456789', undefined)).toMatchObject({ kind: 'LANDLINE', place: 'New Delhi', confidence: 'high' });
    for (const national of ['1112345678', '1101234567', '1191234567', '3311111111', '4481234567']) {
      expect(callerFacts(plan, national, undefined), national).toMatchObject({ kind: 'LANDLINE', confidence: 'low' });
      expect(callerFacts(plan, national, 'LANDLINE').confidence, national).toBe('low');
    }
    expect(callerFacts(plan, '1112345678', undefined).languages).toEqual(callerFacts(plan, '1123456789', undefined).languages);
    // Every prefix of the data keeps a line it places with high confidence when its circle is known.
    for (const { prefix, circleCode } of data.landlines) {
      if (!circleCode) continue;
      const placed = [2, 3, 4, 5, 6, 7].map((digit) => callerFacts(plan, `${prefix}${digit}`.padEnd(10, '3').slice(0, 10), 'LANDLINE'));
      expect(placed.some((facts) => facts.confidence === 'high'), prefix).toBe(true);
    }
  });

  it("speaks the language of a place's own state where the geocoder files it under another", () => {
    // Gangtok is in Sikkim (NEPALI), not West Bengal; Chandigarh a union territory (HINDI first), not Punjab; Leh in Ladakh, not Jammu and Kashmir.
    expect(callerFacts(plan, '3592234567', undefined)).toMatchObject({ place: 'Gangtok', state: 'Sikkim', languages: { primary: 'NEPALI' } });
    expect(callerFacts(plan, '1722345678', undefined)).toMatchObject({ place: 'Chandigarh', state: 'Chandigarh', languages: { primary: 'HINDI', secondary: 'PUNJABI' } });
    expect(callerFacts(plan, '1982234567', undefined)).toMatchObject({ place: 'Leh', state: 'Ladakh', languages: { primary: 'HINDI' } });
    // Darjeeling is in West Bengal.
    expect(callerFacts(plan, '3542234567', undefined)).toMatchObject({ place: 'Darjeeling', state: 'West Bengal' });
  });

  it('reads a number the flow typed only that way', () => {
    expect(callerFacts(plan, '7212662345', 'MOBILE')).toMatchObject({ kind: 'MOBILE', languages: null });
    expect(callerFacts(plan, '9820012345', 'LANDLINE').kind).toBe('LANDLINE');
  });
});

describe('languages', () => {
  it('matches spellings through the alias table', () => {
    expect(canonicalLanguage('telgu')).toBe('TELUGU');
    expect(canonicalLanguage('Odia')).toBe('ORIYA');
    expect(canonicalLanguage('Bangla')).toBe('BENGALI');
    expect(canonicalLanguage('GUJRATI')).toBe('GUJARATI');
    expect(canonicalLanguage('Panjabi')).toBe('PUNJABI');
    expect(canonicalLanguage('KLINGON')).toBe('KLINGON');
    expect(canonicalLanguage(' Tel gu ')).toBe('TELUGU');
  });

  it('splits languageSupported, keeping entries as written and dropping blanks', () => {
    expect(supportedLanguages(' Hindi, ,TELGU,HINDI,')).toEqual(['Hindi', 'TELGU', 'HINDI']);
    expect(supportedLanguages(' , ')).toEqual([]);
  });

  it('splits at ; | / too, and takes quotes and brackets off the entries of a JSON array sent as text', () => {
    for (const list of ['HINDI;MARATHI;ENGLISH', 'HINDI | MARATHI | ENGLISH', 'HINDI/MARATHI/ENGLISH', '["HINDI","MARATHI","ENGLISH"]', "['HINDI', 'MARATHI', 'ENGLISH']", '(HINDI,MARATHI,ENGLISH)', '“HINDI”, “MARATHI”, {ENGLISH}']) {
      expect(supportedLanguages(list), list).toEqual(['HINDI', 'MARATHI', 'ENGLISH']);
    }
  });

  it('splits a list at spaces only when every word is a language', () => {
    expect(supportedLanguages('hindi  Marathi english')).toEqual(['hindi', 'Marathi', 'english']);
    expect(supportedLanguages('Meitei Lon')).toEqual(['Meitei Lon']);
    expect(supportedLanguages('HINDI KLINGON')).toEqual(['HINDI KLINGON']);
    // Two-letter codes that are English words do not split a phrase.
    expect(supportedLanguages('Hindi or Marathi')).toEqual(['Hindi or Marathi']);
    expect(supportedLanguages('hin mar eng')).toEqual(['hin', 'mar', 'eng']);
  });

  it('knows each language by its ISO 639-1 and ISO 639-2/3 codes', () => {
    const codes: Record<string, [string, string]> = {
      HINDI: ['hi', 'hin'], ENGLISH: ['en', 'eng'], MARATHI: ['mr', 'mar'], TAMIL: ['ta', 'tam'], TELUGU: ['te', 'tel'], KANNADA: ['kn', 'kan'],
      MALAYALAM: ['ml', 'mal'], BENGALI: ['bn', 'ben'], GUJARATI: ['gu', 'guj'], PUNJABI: ['pa', 'pan'], ORIYA: ['or', 'ori'], ASSAMESE: ['as', 'asm'],
      URDU: ['ur', 'urd'], NEPALI: ['ne', 'nep'], KASHMIRI: ['ks', 'kas'],
    };
    for (const [language, [two, three]] of Object.entries(codes)) {
      expect([canonicalLanguage(two), canonicalLanguage(three)], language).toEqual([language, language]);
    }
    expect([canonicalLanguage('ory'), canonicalLanguage('Odiya'), canonicalLanguage('kok'), canonicalLanguage('gom'), canonicalLanguage('npi'), canonicalLanguage('mni')]).toEqual(['ORIYA', 'ORIYA', 'KONKANI', 'KONKANI', 'NEPALI', 'MANIPURI']);
  });

  const telugu = { primary: 'TELUGU', secondary: 'HINDI' };

  it('returns the primary language as the flow wrote it', () => {
    expect(chooseLanguage(telugu, ['ENGLISH', 'TELGU', 'HINDI'], 'HINDI')).toEqual({ language: 'TELGU', reason: 'primary' });
  });

  it('falls back to the secondary language when the primary is not supported', () => {
    expect(chooseLanguage(telugu, ['english', 'hindi'], 'ENGLISH')).toEqual({ language: 'hindi', reason: 'secondary' });
  });

  it("falls back to the account's default language when neither is supported", () => {
    expect(chooseLanguage(telugu, ['TAMIL', 'English'], 'ENGLISH')).toEqual({ language: 'English', reason: 'account-default' });
  });

  it('falls back to the first supported language when the default is not supported either', () => {
    expect(chooseLanguage(telugu, ['TAMIL', 'KANNADA'], 'HINDI')).toEqual({ language: 'TAMIL', reason: 'first-supported' });
  });

  it('answers an empty language when the flow supports none', () => {
    expect(chooseLanguage(telugu, [], 'HINDI')).toEqual({ language: '', reason: 'first-supported' });
  });

  it('skips primary and secondary for an unknown circle', () => {
    expect(chooseLanguage(null, ['TAMIL', 'HINDI'], 'HINDI')).toEqual({ language: 'HINDI', reason: 'account-default' });
    expect(chooseLanguage(null, ['TAMIL', 'HINDI'], 'MARATHI')).toEqual({ language: 'TAMIL', reason: 'first-supported' });
  });

  it("puts the caller's stored choice first, matched through the same spellings", () => {
    expect(chooseLanguage(telugu, ['TELGU', 'HINDI', 'Tamil'], 'HINDI', 'tamil')).toEqual({ language: 'Tamil', reason: 'preference' });
    expect(chooseLanguage(null, ['HINDI', 'Odia'], 'HINDI', 'ORIYA')).toEqual({ language: 'Odia', reason: 'preference' });
  });

  it('passes over a stored choice the list does not have, or a blank one', () => {
    expect(chooseLanguage(telugu, ['TELGU', 'HINDI'], 'HINDI', 'KLINGON')).toEqual({ language: 'TELGU', reason: 'primary' });
    expect(chooseLanguage(telugu, ['TELGU', 'HINDI'], 'HINDI', '  ')).toEqual({ language: 'TELGU', reason: 'primary' });
  });

  it('reports the rule as preference, circle (mobile), state (landline), default or first', () => {
    expect(languageSource('preference', 'MOBILE')).toBe('preference');
    expect(languageSource('primary', 'MOBILE')).toBe('circle');
    expect(languageSource('secondary', 'LANDLINE')).toBe('state');
    expect(languageSource('account-default', 'LANDLINE')).toBe('default');
    expect(languageSource('first-supported', 'MOBILE')).toBe('first');
  });

  it('matches ODIA in the list against the ORIYA of the data', () => {
    expect(chooseLanguage({ primary: 'ORIYA', secondary: 'HINDI' }, ['HINDI', 'Odia'], 'HINDI').language).toBe('Odia');
  });
});

describe('operator names', () => {
  const vodafone = { operator: 'VI', legacyOperator: 'VODAFONE' };
  it('uses allocation-time brands by default and current brands when asked', () => {
    expect(operatorName(vodafone, 'legacy')).toBe('VODAFONE');
    expect(operatorName(vodafone, 'current')).toBe('VI');
    expect(operatorName({ operator: null, legacyOperator: null }, 'legacy')).toBe('UNKNOWN');
  });

  it('says whether the operator comes from the allotment data, an import, or is unknown', () => {
    expect(operatorSource({ ...vodafone, source: 'shipped' })).toBe('allotment');
    expect(operatorSource({ ...vodafone, source: 'imported' })).toBe('import');
    expect(operatorSource({ operator: null, legacyOperator: null, source: 'imported' })).toBe('none');
    expect(operatorSource({ operator: 'JIO', legacyOperator: null, source: 'shipped' })).toBe('allotment');
    expect(operatorSource({ operator: null, legacyOperator: 'AIRCEL', source: 'shipped' })).toBe('allotment');
  });
});
