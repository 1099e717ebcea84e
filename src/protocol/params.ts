import type { TObject } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ParameterError, type ParameterIssue } from '../kernel/errors.js';
import { oncePerObject } from '../kernel/once-per-object.js';
import type { KeyLookup } from './lookup.js';
import { patternWords } from '../kernel/patterned.js';

// One Ajv for all parameter schemas: values arrive as strings and are coerced
// to the schema's type ("5" → 5), every problem is reported at once.
const ajv = new Ajv({ coerceTypes: true, allErrors: true, strict: false });
const validatorFor = oncePerObject((schema: TObject): ValidateFunction => ajv.compile(schema));

/**
 * Compiles `schema`'s validator now rather than at its first call: a fresh
 * process's first call of a method otherwise waits for Ajv to generate and
 * compile it (several ms, docs/benchmark.md sixteenth section).
 */
export function compileParams(schema: TObject): void {
  validatorFor(schema);
}

/**
 * Looks up every declared parameter, validates and coerces it. Empty and null
 * values count as absent (flow builders send "" for unset variables).
 * Throws a ParameterError naming each bad parameter.
 */
export function readParams<T>(schema: TObject, lookup: KeyLookup): T {
  const values: Record<string, unknown> = {};
  const integers = integerNames(schema);
  for (const name of Object.keys(schema.properties)) {
    const value = lookup.text(name);
    if (value === undefined) continue;
    // Ajv's coercion reads any text JavaScript takes as a number (`0x10` as 16, `1e2` as 100, `5.0` as 5), which a
    // flow designer did not mean by a whole number: anything but decimal digits reaches Ajv as no number at all.
    values[name] = integers.has(name) && !decimalInteger.test(value) ? notANumber : value;
  }
  const validate = validatorFor(schema);
  if (validate(values)) return values as T;
  throw new ParameterError(issuesFrom(validate.errors ?? [], schema));
}

const decimalInteger = /^-?\d+$/;
/** What a whole-number parameter written otherwise is validated as: a value Ajv cannot coerce, so "must be a whole number". */
const notANumber = Object.freeze({});
/** The names of a schema's whole-number parameters. */
const integerNames = oncePerObject((schema: TObject): ReadonlySet<string> =>
  new Set(Object.entries(schema.properties).filter(([, property]) => (property as { type?: unknown }).type === 'integer').map(([name]) => name)),
);

function issuesFrom(errors: ErrorObject[], schema: TObject): ParameterIssue[] {
  const byParameter = new Map<string, ParameterIssue>();
  for (const error of errors) {
    const parameter =
      error.keyword === 'required'
        ? String((error.params as { missingProperty: string }).missingProperty)
        : decodePointer(error.instancePath.split('/')[1] ?? '');
    if (byParameter.has(parameter)) continue;
    byParameter.set(
      parameter,
      error.keyword === 'required'
        ? { parameter, code: 'MISSING_PARAMETER', message: `${parameter} is required` }
        : { parameter, code: 'INVALID_PARAMETER', message: `${parameter} ${describe(error, schema.properties[parameter]?.errorMessage)}` },
    );
  }
  return [...byParameter.values()];
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * A sentence fragment a flow designer can act on; values are not echoed (they may be phone numbers).
 * A parameter whose schema has an `errorMessage` is told that, whatever rule it broke; a pattern
 * declared with Patterned (src/kernel/patterned.ts) is said in its words.
 */
function describe(error: ErrorObject, errorMessage: unknown): string {
  if (typeof errorMessage === 'string') return errorMessage;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return params.type === 'integer' ? 'must be a whole number' : `must be a ${String(params.type)}`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'minimum':
      return `must be at least ${String(params.limit)}`;
    case 'maximum':
      return `must be at most ${String(params.limit)}`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters`;
    case 'minLength':
      return `must be at least ${String(params.limit)} characters`;
    case 'pattern':
      return patternWords(String(params.pattern)) ?? 'has an invalid format';
    default:
      return 'has an invalid format';
  }
}
