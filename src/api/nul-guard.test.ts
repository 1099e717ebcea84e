import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors.js';
import { maxJsonDepth, nulCharacterPath } from './nul-guard.js';

const nested = (depth: number, inner: unknown): unknown => {
  let value = inner;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
};

describe('NUL guard walk', () => {
  it('names the first string holding U+0000 in document order', () => {
    expect(nulCharacterPath({ a: 'fine', b: ['x', { c: 'bad\u0000' }], d: 'also\u0000' }, 'body')).toBe('body.b.1.c');
    expect(nulCharacterPath({ a: ['x', 1, null, true] }, 'body')).toBeUndefined();
  });

  it(`walks ${maxJsonDepth} levels of nesting and refuses one more with JSON_TOO_DEEP, without recursion`, () => {
    expect(nulCharacterPath(nested(maxJsonDepth, 'deep\u0000'), 'body')).toBe(`body${'.0'.repeat(maxJsonDepth)}`);
    for (const depth of [maxJsonDepth + 1, 200_000]) {
      const refusal = (() => {
        try {
          nulCharacterPath(nested(depth, 'x'), 'body');
        } catch (error) {
          return error;
        }
      })();
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe('JSON_TOO_DEEP');
    }
  });
});
