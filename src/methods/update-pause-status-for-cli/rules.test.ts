import { describe, expect, it } from 'vitest';
import { parsePauseWord } from './rules.js';

describe('parsePauseWord', () => {
  it.each([
    ['true', true], ['TRUE', true], ['1', true], ['Yes', true], [' yes ', true],
    ['false', false], ['False', false], ['0', false], ['NO', false],
    ['y', true], ['N', false], ['on', true], ['OFF', false],
  ])('reads %j as %s', (text, expected) => {
    expect(parsePauseWord(text)).toBe(expected);
  });

  it.each(['maybe', '2', 'onn', 'yep', 'truee', 'undefined'])('does not read %j', (text) => {
    expect(parsePauseWord(text)).toBeUndefined();
  });
});
