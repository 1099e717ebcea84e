import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors.js';
import { maxJsonDepth, unstorableTextAt } from './nul-guard.js';

const nested = (depth: number, inner: unknown): unknown => {
  let value = inner;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
};

describe('text guard walk', () => {
  it('names the first string holding U+0000 in document order, an array element as [i]', () => {
    expect(unstorableTextAt({ a: 'fine', b: ['x', { c: 'bad\u0000' }], d: 'also\u0000' }, 'body')).toEqual({ field: 'body.b[1].c', message: 'contains a NUL character (U+0000)' });
    expect(unstorableTextAt({ a: ['x', 1, null, true] }, 'body')).toBeUndefined();
  });

  it('names a string holding a lone surrogate as not valid Unicode, and takes a whole pair', () => {
    for (const text of ['a\ud800b', 'a\udc00', '\ud83d']) {
      expect(unstorableTextAt({ names: ['ok', text] }, 'body'), JSON.stringify(text)).toEqual({ field: 'body.names[1]', message: expect.stringMatching(/^is not valid Unicode text/) });
    }
    expect(unstorableTextAt({ name: 'smile \ud83d\ude00' }, 'body')).toBeUndefined();
  });

  it(`walks ${maxJsonDepth} levels of nesting and refuses one more with JSON_TOO_DEEP, without recursion`, () => {
    expect(unstorableTextAt(nested(maxJsonDepth, 'deep\u0000'), 'body')?.field).toBe(`body${'[0]'.repeat(maxJsonDepth)}`);
    for (const depth of [maxJsonDepth + 1, 200_000]) {
      const refusal = (() => {
        try {
          unstorableTextAt(nested(depth, 'x'), 'body');
        } catch (error) {
          return error;
        }
      })();
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe('JSON_TOO_DEEP');
    }
  });
});
