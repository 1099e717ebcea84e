import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../kernel/errors.js';
import { KeyLookup } from './lookup.js';
import { readParams } from './params.js';

// docs/protocol.md "Parameters": values arrive as strings, are coerced to the
// schema's type, and every bad parameter is named at once without echoing its value.

const schema = Type.Object({
  '$flow.key.count': Type.Integer({ minimum: 1, maximum: 10 }),
  '$flow.key.ratio': Type.Optional(Type.Number()),
  '$flow.key.mode': Type.Optional(Type.Union([Type.Literal('fast'), Type.Literal('slow')])),
  '$flow.key.code': Type.Optional(Type.String({ minLength: 3, maxLength: 5, pattern: '^[a-z]+$' })),
  '$flow.key.level': Type.Optional(Type.String({ enum: ['low', 'high'] })),
  '$flow.key.a/b~c': Type.Optional(Type.Integer()),
});

const read = (keys: Record<string, string | null>) =>
  readParams<Record<string, unknown>>(schema, new KeyLookup(Object.entries(keys).map(([name, value]) => ({ name, value }))));

function issuesOf(keys: Record<string, string | null>) {
  try {
    read(keys);
  } catch (error) {
    if (error instanceof ParameterError) return { code: error.code, message: error.message, issues: error.issues };
    throw error;
  }
  throw new Error('no ParameterError');
}

describe('readParams', () => {
  it('coerces values to the declared types and leaves out what is absent, empty or null', () => {
    expect(read({ '$flow.key.count': '7', '$flow.key.ratio': '0.5', '$flow.key.mode': 'fast', '$flow.key.code': '', '$flow.key.level': null })).toEqual({
      '$flow.key.count': 7,
      '$flow.key.ratio': 0.5,
      '$flow.key.mode': 'fast',
    });
  });

  it('takes a whole number only in decimal digits: 0x10, 1e1, 5.0 and +5 are no whole numbers', () => {
    expect(read({ '$flow.key.count': '7', '$flow.key.a/b~c': '-3' })).toEqual({ '$flow.key.count': 7, '$flow.key.a/b~c': -3 });
    for (const written of ['0x10', '0b11', '0o7', '1e1', '5.0', '+5', 'Infinity']) {
      expect(issuesOf({ '$flow.key.count': written }).issues, written).toEqual([{ parameter: '$flow.key.count', code: 'INVALID_PARAMETER', message: '$flow.key.count must be a whole number' }]);
    }
    // A number that is not a whole one keeps JavaScript's reading.
    expect(read({ '$flow.key.count': '2', '$flow.key.ratio': '1e-1' })['$flow.key.ratio']).toBe(0.1);
  });

  it('names each bad parameter once, with a sentence a flow designer can act on', () => {
    expect(issuesOf({ '$flow.key.count': '0', '$flow.key.ratio': 'half', '$flow.key.code': 'ab', '$flow.key.level': 'mid', '$flow.key.a/b~c': 'x' })).toEqual({
      code: 'INVALID_PARAMETER',
      message: [
        '$flow.key.count must be at least 1',
        '$flow.key.ratio must be a number',
        '$flow.key.code must be at least 3 characters',
        '$flow.key.level must be one of: low, high',
        '$flow.key.a/b~c must be a whole number',
      ].join('; '),
      issues: [
        { parameter: '$flow.key.count', code: 'INVALID_PARAMETER', message: '$flow.key.count must be at least 1' },
        { parameter: '$flow.key.ratio', code: 'INVALID_PARAMETER', message: '$flow.key.ratio must be a number' },
        { parameter: '$flow.key.code', code: 'INVALID_PARAMETER', message: '$flow.key.code must be at least 3 characters' },
        { parameter: '$flow.key.level', code: 'INVALID_PARAMETER', message: '$flow.key.level must be one of: low, high' },
        { parameter: '$flow.key.a/b~c', code: 'INVALID_PARAMETER', message: '$flow.key.a/b~c must be a whole number' },
      ],
    });
  });

  it('gives the upper bounds and other formats their own words, never the value sent', () => {
    const { issues } = issuesOf({ '$flow.key.count': '11', '$flow.key.code': 'abcdef', '$flow.key.mode': 'medium' });
    expect(issues.map((issue) => issue.message)).toEqual([
      '$flow.key.count must be at most 10',
      '$flow.key.mode has an invalid format',
      '$flow.key.code must be at most 5 characters',
    ]);
    expect(issuesOf({ '$flow.key.count': '5', '$flow.key.code': 'ABC' }).issues).toEqual([
      { parameter: '$flow.key.code', code: 'INVALID_PARAMETER', message: '$flow.key.code has an invalid format' },
    ]);
  });

  it('reports the first problem of a parameter that has several', () => {
    expect(issuesOf({ '$flow.key.count': '5', '$flow.key.code': 'A' }).issues).toEqual([
      { parameter: '$flow.key.code', code: 'INVALID_PARAMETER', message: '$flow.key.code must be at least 3 characters' },
    ]);
  });

  it('answers MISSING_PARAMETER when required parameters are all that is wrong', () => {
    expect(issuesOf({ '$flow.key.count': '  ' })).toEqual({
      code: 'MISSING_PARAMETER',
      message: '$flow.key.count is required',
      issues: [{ parameter: '$flow.key.count', code: 'MISSING_PARAMETER', message: '$flow.key.count is required' }],
    });
  });
});
