import { describe, expect, it } from 'vitest';
import { quoteImpreciseNumbers } from './number-literals.js';

const parsed = (text: string) => JSON.parse(quoteImpreciseNumbers(text));

describe('quoteImpreciseNumbers', () => {
  it('keeps a number a double would change as the text written', () => {
    expect(parsed('{"value":123456789012345678}')).toEqual({ value: '123456789012345678' });
    expect(parsed('{"value": 1250.10 }')).toEqual({ value: '1250.10' });
    expect(parsed('[-12345678901234567890, 0.50, 3]')).toEqual(['-12345678901234567890', '0.50', 3]);
    expect(parsed('{"a":{"b":[1.50]}}')).toEqual({ a: { b: ['1.50'] } });
  });

  it('leaves every other number, and numbers inside strings, as JSON reads them', () => {
    const text = '{"card":"4111111111111111","note":"say \\"1.50\\", then 12345678901234567","n":123456789012345,"f":0.5,"whole":15.0}';
    expect(quoteImpreciseNumbers(text)).toBe(text);
    expect(parsed(text)).toEqual(JSON.parse(text));
  });

  it('writes a number with an exponent as the plain decimal it names, digit for digit', () => {
    expect(parsed('[12345678901234567890e3, 123456789012345678e-3, 5e-324, 1.50e2, 1e21, -2.5E-3, 0e5]')).toEqual([
      '12345678901234567890000',
      '123456789012345.678',
      `0.${'0'.repeat(323)}5`,
      '150',
      '1000000000000000000000',
      '-0.0025',
      '0',
    ]);
    expect(parsed('[1.7976931348623157e308]')[0]).toBe(`17976931348623157${'0'.repeat(292)}`);
  });

  it('writes an exponent as a plain decimal in a body with no other long number', () => {
    expect(parsed('{"value":5e-324}')).toEqual({ value: `0.${'0'.repeat(323)}5` });
    expect(parsed('{"value":1.5e-25}')).toEqual({ value: `0.${'0'.repeat(24)}15` });
    expect(parsed('{"value":1e-400}')).toEqual({ value: `0.${'0'.repeat(399)}1` });
  });

  it('leaves malformed text for JSON.parse to refuse', () => {
    expect(() => parsed('{"value": 01234567890123456789}')).toThrow();
    expect(() => parsed('{"value": 1250.10')).toThrow();
  });
});
