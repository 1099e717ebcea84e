import { describe, expect, it } from 'vitest';
import { lastSegment, parseEnvelope, plainDecimal } from './envelope.js';
import { AppError } from '../kernel/errors.js';

function errorCodeOf(body: unknown): string | undefined {
  try {
    parseEnvelope(body);
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

describe('parseEnvelope', () => {
  it('coerces numbers, booleans and keeps null apart from strings', () => {
    const envelope = parseEnvelope({
      method: ' fetchUserPreferences ',
      keys: [
        { name: '$flow.key.a', value: 5 },
        { name: '$flow.key.b', value: 2.5 },
        { name: '$flow.key.c', value: true },
        { name: '$flow.key.d', value: false },
        { name: '$flow.key.e', value: null },
        { name: '$flow.key.f', value: '007' },
        { name: '$flow.key.g', value: 918160712345 },
      ],
    });
    expect(envelope.method).toBe('fetchUserPreferences');
    expect(envelope.keys.map((key) => key.value)).toEqual(['5', '2.5', 'true', 'false', null, '007', '918160712345']);
  });

  it('writes large and tiny numbers in plain decimal, never with an exponent', () => {
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(1.5e-7)).toBe('0.00000015');
    expect(plainDecimal(-42)).toBe('-42');
    // Numbers without an exponent keep their shortest form: 0.1 is not 0.10000000000000000555.
    expect(plainDecimal(0.1)).toBe('0.1');
  });

  it('accepts a missing keys array as no keys', () => {
    expect(parseEnvelope({ method: 'x' }).keys).toEqual([]);
  });

  it.each([
    ['a JSON array', [], 'INVALID_ENVELOPE'],
    ['a string', 'hello', 'INVALID_ENVELOPE'],
    ['no method', { keys: [] }, 'MISSING_METHOD'],
    ['an empty method', { method: '  ', keys: [] }, 'MISSING_METHOD'],
    ['a numeric method', { method: 5, keys: [] }, 'MISSING_METHOD'],
    ['keys as an object', { method: 'x', keys: {} }, 'INVALID_KEYS'],
    ['a key that is not an object', { method: 'x', keys: ['a'] }, 'INVALID_KEYS'],
    ['a key without a name', { method: 'x', keys: [{ value: '1' }] }, 'INVALID_KEYS'],
    ['an object value', { method: 'x', keys: [{ name: 'a', value: { nested: 1 } }] }, 'INVALID_KEYS'],
    ['an array value', { method: 'x', keys: [{ name: 'a', value: [1] }] }, 'INVALID_KEYS'],
  ])('rejects %s', (_label, body, code) => {
    expect(errorCodeOf(body)).toBe(code);
  });

  it.each([
    ['no body', undefined, 'INVALID_ENVELOPE', 'The body must be a JSON object with "method" and "keys".'],
    ['null', null, 'INVALID_ENVELOPE', 'The body must be a JSON object with "method" and "keys".'],
    ['a number', 7, 'INVALID_ENVELOPE', 'The body must be a JSON object with "method" and "keys".'],
    ['a JSON array', [{ method: 'x' }], 'INVALID_ENVELOPE', 'The body must be a JSON object with "method" and "keys".'],
    ['no method', { keys: [] }, 'MISSING_METHOD', 'The body has no "method" string.'],
    ['keys as a string', { method: 'x', keys: 'a=1' }, 'INVALID_KEYS', '"keys" must be an array of {name, value} objects.'],
    ['201 keys', { method: 'x', keys: Array.from({ length: 201 }, () => ({ name: 'k', value: 'v' })) }, 'INVALID_KEYS', '"keys" has 201 entries; at most 200 are accepted.'],
    ['a null key', { method: 'x', keys: [{ name: 'a', value: '1' }, null] }, 'INVALID_KEYS', 'keys[1] must be an object with "name" and "value".'],
    ['a number as a key', { method: 'x', keys: [3] }, 'INVALID_KEYS', 'keys[0] must be an object with "name" and "value".'],
    ['a key that is an array', { method: 'x', keys: [['name', 'value']] }, 'INVALID_KEYS', 'keys[0] must be an object with "name" and "value".'],
    ['a numeric name', { method: 'x', keys: [{ name: 5, value: '1' }] }, 'INVALID_KEYS', 'keys[0].name must be a non-empty string.'],
    ['a blank name', { method: 'x', keys: [{ name: '  ', value: '1' }] }, 'INVALID_KEYS', 'keys[0].name must be a non-empty string.'],
    ['a NUL in a name', { method: 'x', keys: [{ name: 'a\u0000', value: '1' }] }, 'INVALID_KEYS', 'keys[0].name contains a NUL character (U+0000).'],
    ['a name of 129 characters', { method: 'x', keys: [{ name: 'n'.repeat(129), value: '1' }] }, 'INVALID_KEYS', 'keys[0].name is 129 characters long; at most 128 are accepted.'],
    ['a NUL in a value', { method: 'x', keys: [{ name: 'a', value: 'x' }, { name: 'b', value: '\u0000' }] }, 'INVALID_KEYS', 'keys[1].value contains a NUL character (U+0000).'],
    ['a lone surrogate in a value', { method: 'x', keys: [{ name: 'a', value: 'x\ud800y' }] }, 'INVALID_KEYS', 'keys[0].value is not valid Unicode text: it holds half of a surrogate pair (such as \\ud800) without the other.'],
    ['a lone surrogate in a name', { method: 'x', keys: [{ name: 'a\udc00', value: '1' }] }, 'INVALID_KEYS', 'keys[0].name is not valid Unicode text: it holds half of a surrogate pair (such as \\ud800) without the other.'],
    ['a value that is not a finite number', { method: 'x', keys: [{ name: 'a', value: Number.NaN }] }, 'INVALID_KEYS', 'keys[0].value is not a finite number.'],
    ['an infinite value', { method: 'x', keys: [{ name: 'a', value: Number.POSITIVE_INFINITY }] }, 'INVALID_KEYS', 'keys[0].value is not a finite number.'],
    ['an object value', { method: 'x', keys: [{ name: 'a', value: { nested: 1 } }] }, 'INVALID_KEYS', 'keys[0].value must be a string, number, boolean or null.'],
  ])('says what is wrong with %s', (_label, body, code, message) => {
    expect(() => parseEnvelope(body)).toThrow(expect.objectContaining({ code, message }));
  });

  it('trims the method and names, and reads a key without a value as null', () => {
    expect(parseEnvelope({ method: ' findLanguage ' })).toEqual({ method: 'findLanguage', keys: [] });
    expect(parseEnvelope({ method: 'x', keys: [{ name: '  $flow.key.cli ', value: ' 98 ' }, { name: 'empty' }] }).keys).toEqual([
      { name: '$flow.key.cli', value: ' 98 ' },
      { name: 'empty', value: null },
    ]);
  });

  it('accepts 200 keys and rejects 201', () => {
    const keys = (count: number) => Array.from({ length: count }, (_, index) => ({ name: `$flow.key.k${index}`, value: 'v' }));
    expect(parseEnvelope({ method: 'x', keys: keys(200) }).keys).toHaveLength(200);
    expect(errorCodeOf({ method: 'x', keys: keys(201) })).toBe('INVALID_KEYS');
  });

  it('accepts names of 128 characters and rejects longer ones', () => {
    expect(errorCodeOf({ method: 'x', keys: [{ name: 'n'.repeat(128), value: '1' }] })).toBeUndefined();
    expect(errorCodeOf({ method: 'x', keys: [{ name: 'n'.repeat(129), value: '1' }] })).toBe('INVALID_KEYS');
  });

  // Found by the fuzz test: PostgreSQL refuses U+0000 in text, so such a value was a 500 there and stored on SQLite.
  it('rejects a name or value holding a NUL character, and accepts other control characters', () => {
    expect(errorCodeOf({ method: 'x', keys: [{ name: '$user.key.note', value: 'a\u0000b' }] })).toBe('INVALID_KEYS');
    expect(errorCodeOf({ method: 'x', keys: [{ name: '$user.key.no\u0000te', value: 'a' }] })).toBe('INVALID_KEYS');
    expect(parseEnvelope({ method: 'x', keys: [{ name: '$user.key.note', value: 'tab\there' }] }).keys[0]?.value).toBe('tab\there');
  });

  it('takes a whole surrogate pair (an emoji) in a value', () => {
    expect(parseEnvelope({ method: 'x', keys: [{ name: '$user.key.note', value: 'ok \ud83d\ude00' }] }).keys[0]?.value).toBe('ok 😀');
  });
});

describe('lastSegment', () => {
  it('takes the part after the last dot', () => {
    expect(lastSegment('$flow.key.inputDate')).toBe('inputDate');
    expect(lastSegment('$call.callerId')).toBe('callerId');
    expect(lastSegment('plain')).toBe('plain');
    expect(lastSegment('a.b')).toBe('b');
    expect(lastSegment('.lead')).toBe('lead');
  });
});
