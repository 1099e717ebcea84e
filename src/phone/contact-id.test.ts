import fc from 'fast-check';
import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { isValidNumber, maskPhone, normaliseContactId, phoneNumberE164, phoneNumberE164Uncached, placeholderNumberReason, sharedContactIdReason, warmNumberReader } from './contact-id.js';
import { withheldStandIns } from './withheld-numbers.js';

describe('normaliseContactId', () => {
  it('stores a caller a telephony URI carries as the number, and keeps a URI without one as written', () => {
    for (const raw of ['tel:+919820012345', 'sip:+919820012345@127.0.0.1;user=phone', '"Asha" <sip:09820012345@127.0.0.1>', '＋９１ ９８２００－１２３４５']) {
      expect(normaliseContactId(raw, 'IN'), raw).toBe('+919820012345');
    }
    expect(normaliseContactId('sip:alice@127.0.0.1', 'IN')).toBe('sip:alice@127.0.0.1');
    // A number after a Tel: label, as a CRM export writes it, is that number, not a URI without one.
    expect(sharedContactIdReason('Tel: +91 98200 12345', 'IN')).toBeUndefined();
    expect(normaliseContactId('Tel: +91 98200 12345', 'IN')).toBe('+919820012345');
    expect(phoneNumberE164('tel: 098200 12345', 'IN')).toBe('+919820012345');
    expect(sharedContactIdReason('tel: ', 'IN')).toContain('URI without a number');
    expect(normaliseContactId('crm:12345', 'IN')).toBe('crm:12345');
  });

  it.each(['918160712345', '+91 81607 12345', '08160712345', '8160712345', '+91-81607-12345', '00918160712345'])(
    'reads %s as the same Indian mobile number',
    (input) => {
      expect(normaliseContactId(input, 'IN')).toBe('+918160712345');
    },
  );

  it('reads a landline with its STD code', () => {
    expect(normaliseContactId('022 4000 1234', 'IN')).toBe('+912240001234');
  });

  it('keeps a foreign number given with its country code', () => {
    expect(normaliseContactId('+1 415 555 2671', 'IN')).toBe('+14155552671');
  });

  it('uses the account region for national numbers', () => {
    expect(normaliseContactId('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it('drops invisible format characters, so a zero-width or bidi mark makes no second customer', () => {
    expect(normaliseContactId('\u202e918160712345', 'IN')).toBe('+918160712345');
    expect(normaliseContactId('91816071234\u200b5', 'IN')).toBe('+918160712345');
    expect(normaliseContactId('asha\u200d@example.com\ufeff', 'IN')).toBe('asha@example.com');
  });

  it('reads a number typed in an Indic script\'s or Urdu\'s digits as that number, and keeps an id that is no number as typed', () => {
    for (const typed of ['९१८१६०७१२३४५', '+९१ ८१६०७ १२३४५', '০৮১৬০৭১২৩৪৫', '૮૧૬૦૭૧૨૩૪૫', '௮௧௬௦௭௧௨௩௪௫', '۸۱۶۰۷۱۲۳۴۵']) {
      expect(normaliseContactId(typed, 'IN'), typed).toBe('+918160712345');
    }
    expect(normaliseContactId('ग्राहक-१२३', 'IN')).toBe('ग्राहक-१२३');
  });

  it("stores a number with an extension after it as the caller's number, the line and not the desk, and keeps an id that is no number as written", () => {
    const extensions = ['ext. 56', 'ext 7', 'x56', 'x 56', 'X1234', 'extn 5678', 'Extension 5', '#56', ' #123456'];
    for (const number of ['+91 22 2222 1234', '080 4000 1234', '9820012345', '+44 20 7946 0958']) {
      const line = normaliseContactId(number, 'IN');
      expect(line, number).toMatch(/^\+\d+$/);
      for (const extension of extensions) expect(normaliseContactId(`${number} ${extension}`, 'IN'), `${number} ${extension}`).toBe(line);
    }
    for (const id of ['CUST x12', 'order#12', 'desk ext. 5', '12345 x6']) expect(normaliseContactId(id, 'IN')).toBe(id);
  });

  it("reads a number an IVR ends with # or a spreadsheet starts with an apostrophe as that number, and keeps other ids as written", () => {
    for (const number of ['+919820012345', '09820012345', '98200 12345', '+44 20 7946 0958', 'tel:+919820012345']) {
      const plain = normaliseContactId(number, 'IN');
      for (const decorated of [`${number}#`, `'${number}`, ` '${number}# `, `${number} #`]) {
        expect(normaliseContactId(decorated, 'IN'), decorated).toBe(plain);
        expect(phoneNumberE164(decorated, 'IN'), decorated).toBe(plain);
      }
    }
    for (const id of ["'CRM-1", 'room#', "O'Brien#"]) expect(normaliseContactId(id, 'IN')).toBe(id);
  });

  it.each([' customer@example.com ', 'CRM-000123', '100234', '12345678'])('keeps %s trimmed as given', (input) => {
    expect(normaliseContactId(input, 'IN')).toBe(input.trim());
  });
});

describe('ids every withheld caller would share', () => {
  it("refuses a carrier's stand-in for a withheld caller, in every form a network or flow writes it", () => {
    for (const { number } of withheldStandIns) {
      const digits = number.slice(1);
      for (const form of [number, `00${digits}`, `tel:${number}`, `sip:${number}@127.0.0.1;user=phone`, `"Anonymous" <sip:${number}@127.0.0.1>`, `+${digits.slice(0, 3)} ${digits.slice(3)}`]) {
        expect(sharedContactIdReason(form, 'IN'), form).toContain('withheld caller');
      }
    }
  });

  it('keeps the table true to its source: each stand-in spells its word on a phone keypad and is no valid number anywhere', () => {
    const keypad = (word: string) => [...word].map((letter) => 2 + ['ABC', 'DEF', 'GHI', 'JKL', 'MNO', 'PQRS', 'TUV', 'WXYZ'].findIndex((keys) => keys.includes(letter))).join('');
    for (const { number, spells } of withheldStandIns) {
      expect(number.slice(1), spells).toBe(keypad(spells));
      expect(parsePhoneNumberFromString(number)?.isValid() ?? false, number).toBe(false);
    }
  });

  it("refuses a country code followed by a national number's length of zeros, with + or 00, in a URI, and the account country's code without +", () => {
    for (const form of ['+910000000000', '+91 00000 00000', '0091 0000000000', 'tel:+910000000000', 'sip:+910000000000@127.0.0.1', '+1 000 000 0000', '+44 0000 000000', '+971 00 000 0000', '+800 0000 0000', '+7 000 000 00 00']) {
      expect(sharedContactIdReason(form, 'IN'), form).toContain('country code followed by zeros');
    }
    for (const [form, region] of [['910000000000', 'IN'], ['091 00000 00000', 'IN'], ['10000000000', 'US'], ['440000000000', 'GB']] as const) {
      expect(sharedContactIdReason(form, region), form).toContain('country code followed by zeros');
    }
  });

  it('keeps every real number, a number ending in zeros, and a short id that only looks like a code and zeros', () => {
    for (const [id, region] of [['+91 98200 00000', 'IN'], ['+1 212 000 0000', 'IN'], ['10000000', 'US'], ['910000', 'IN'], ['+91 0000', 'IN'], ['+2662696687', 'IN'], ['266696687', 'IN'], ['CRM-100000', 'IN']] as const) {
      expect(sharedContactIdReason(id, region), id).toBeUndefined();
    }
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    fc.assert(
      // Numbers ending in zeros, the ones the rule looks at.
      fc.property(fc.constantFrom('1', '7', '44', '49', '61', '86', '91', '266', '971'), digits(1, 9), fc.integer({ min: 1, max: 9 }), (code, start, zeros) => {
        const number = `+${code}${start}${'0'.repeat(zeros)}`;
        if (parsePhoneNumberFromString(number)?.isValid()) expect(placeholderNumberReason(number, 'IN'), number).toBeUndefined();
      }),
      { numRuns: 5_000, seed: 20261204 },
    );
  });
});

describe('maskPhone', () => {
  it('keeps two digits at each end of the national number', () => {
    expect(maskPhone('9876543245')).toBe('98XXXXXX45');
    expect(maskPhone('+919876543245')).toBe('98XXXXXX45');
  });

  it('masks a number typed in an Indic script\'s digits like one typed in ASCII', () => {
    expect(maskPhone('९८७६५४३२४५')).toBe('98XXXXXX45');
  });

  it('hides anything that is not a number', () => {
    expect(maskPhone('someone@example.com')).toBe('***');
  });
});

describe('phoneNumberE164', () => {
  it('reads a number with a zero-width space pasted inside, or in full-width digits, as that number', () => {
    for (const typed of ['98765\u200b43210', '+91 98765\u2060 43210', '９８７６５４３２１０']) expect(phoneNumberE164(typed, 'IN'), typed).toBe('+919876543210');
  });

  it('gives E.164 for a valid number and nothing for anything else', () => {
    expect(phoneNumberE164(' 098765 43210 ', 'IN')).toBe('+919876543210');
    expect(phoneNumberE164('07400 123456', 'GB')).toBe('+447400123456');
    for (const text of ['12345', 'asha@example.com', '+91 12', '']) expect(phoneNumberE164(text, 'IN')).toBeUndefined();
  });

  it('reads shorter text only when the rule allows it: a 4-digit Niue number is no customer id, but a contact number', () => {
    expect(phoneNumberE164('4002', 'NU')).toBeUndefined();
    expect(phoneNumberE164('4002', 'NU', { minLength: 4 })).toBe('+6834002');
    expect(phoneNumberE164('402', 'NU', { minLength: 4 })).toBeUndefined();
  });
});

describe('isValidNumber', () => {
  // Numbers as callers and systems write them: national digits (with or without a trunk 0), with a
  // country code, with + or 00, in any region the library knows, including numbers of no region.
  const regions = getCountries();
  const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
  const written = fc.oneof(
    digits(4, 15),
    digits(6, 12).map((rest) => `0${rest}`),
    fc.tuple(fc.constantFrom('1', '7', '44', '49', '61', '65', '91', '971', '800', '882', '683'), digits(4, 12)).map(([code, rest]) => `+${code}${rest}`),
    fc.tuple(fc.constantFrom('1', '44', '91', '971'), digits(6, 12)).map(([code, rest]) => `00${code}${rest}`),
  );

  it("agrees with the library's own isValid() on any number in any region", () => {
    let parsed = 0;
    fc.assert(
      fc.property(written, fc.constantFrom(...regions), (text, region: CountryCode) => {
        const phone = parsePhoneNumberFromString(text, region);
        if (!phone) return;
        parsed += 1;
        expect(isValidNumber(phone)).toBe(phone.isValid());
      }),
      { numRuns: 30_000, seed: 20261203 },
    );
    expect(parsed).toBeGreaterThan(20_000);
  });

  it('agrees with it on every series of Indian mobile and fixed-line numbers', () => {
    const indian = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 999_999_999 })).map(([first, rest]) => `${first}${String(rest).padStart(9, '0')}`);
    fc.assert(
      fc.property(indian, (national) => {
        const phone = parsePhoneNumberFromString(national, 'IN')!;
        expect(isValidNumber(phone)).toBe(phone.isValid());
      }),
      { numRuns: 20_000, seed: 20261203 },
    );
  });
});

describe('Indian numbers of ten digits read without the library', () => {
  // The library's own reading: its parse and its own isValid(), none of this module's code.
  const libraryE164 = (text: string, region: CountryCode) => {
    const phone = parsePhoneNumberFromString(text, region);
    return phone?.isValid() ? phone.number : undefined;
  };
  const shapes = [(national: string) => national, (national: string) => `0${national}`, (national: string) => `91${national}`, (national: string) => `+91${national}`];

  it('gives the answer libphonenumber gives for every 4-digit series, in each written shape, cached or not', () => {
    const tails = fc.sample(fc.integer({ min: 0, max: 999_999 }), { numRuns: 2, seed: 20261206 });
    // Mobile series and landlines' STD codes, valid and not (much of 1–5 is no landline's).
    for (let series = 1000; series <= 9999; series++) {
      for (const tail of tails) {
        const national = `${series}${String(tail).padStart(6, '0')}`;
        for (const shape of shapes) {
          const text = shape(national);
          const expected = libraryE164(text, 'IN');
          expect(phoneNumberE164Uncached(text, 'IN')).toBe(expected);
          expect(phoneNumberE164(text, 'IN')).toBe(expected);
        }
      }
    }
  });

  it('reads the same digits in other regions, and near-shapes, as the library does', () => {
    const near = ['9876543210', '09876543210', '919876543210', '+919876543210', '987654321', '98765432101', '0919876543210', '91987654321', '+91987654321', '00919876543210', '0001234567', '+910987654321', '1800123456', '180012345', '911800123456', '2240001234', '02240001234', '912240001234', '9191987654'];
    for (const region of ['IN', 'GB', 'US', 'AE', 'NP'] as CountryCode[]) {
      // India's `091` form is read as the country code, where the library finds an invalid national number
      // (find-language/rules.test.ts: every form findLanguage reads is one caller).
      for (const text of near.filter((near) => region !== 'IN' || !near.startsWith('091'))) {
        expect(phoneNumberE164Uncached(text, region), `${text} in ${region}`).toBe(libraryE164(text, region));
      }
    }
  });
});

describe('warmNumberReader', () => {
  it('reads made-up numbers of the accounts\' countries without throwing on a country libphonenumber does not know, and changes no answer', () => {
    const before = ['09876543210', '+44 20 7946 0958', '12345'].map((text) => phoneNumberE164(text, 'IN'));
    expect(() => warmNumberReader(['IN', 'ZZ', 'GB'], 200)).not.toThrow();
    expect(() => warmNumberReader(['XX'])).not.toThrow();
    expect(['09876543210', '+44 20 7946 0958', '12345'].map((text) => phoneNumberE164(text, 'IN'))).toEqual(before);
    expect(before).toEqual(['+919876543210', '+442079460958', undefined]);
  });
});
