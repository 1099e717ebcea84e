import { Ajv, type Options, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { decimalWholeNumber, notDecimalWholeNumber } from '../kernel/whole-number.js';

// The options the app gave Fastify's Ajv before (every error at once, defaults filled in, nothing removed).
// `verbose` keeps each error's schema and value, so an answer can say what a field takes (src/protocol/http-errors.ts).
const options: Options = { allErrors: true, removeAdditional: false, useDefaults: true, addUsedSchema: false, verbose: true };

/**
 * JSON bodies are typed (docs/management-api.md): `"5"` is no number, `["x"]` no text and `1` no
 * `true`, so they are validated as sent, never coerced into what the field takes.
 */
const bodies = withFormats(new Ajv({ ...options, coerceTypes: false }));
/**
 * Paths and query strings are text: a number or a boolean there is read from it (`?limit=10`), and a
 * repeated query parameter arrives as an array.
 */
const texts = withFormats(new Ajv({ ...options, coerceTypes: 'array' }));

// ajv-formats is what Fastify's default compiler adds: `date-time` reads as it always did. (Its CommonJS
// module is the plugin and has it as `default` too; TypeScript sees only the latter.)
function withFormats(ajv: Ajv): Ajv {
  formats.default(ajv);
  return ajv;
}

/**
 * The app's validator compiler (Fastify passes the part of the request a schema is for): bodies
 * without type coercion, paths and query strings with it, their whole numbers in decimal digits only.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  if (httpPart === 'body') return bodies.compile(schema as object);
  return decimalWholeNumbers(schema, texts.compile(schema as object));
};

/**
 * `validate`, first turning a whole-number parameter not written in plain decimal digits into a value
 * Ajv cannot coerce: its coercion reads any text JavaScript takes as a number (`0x1`, `1e0`, `01` as 1).
 */
function decimalWholeNumbers(schema: unknown, validate: ValidateFunction): ValidateFunction | ((data: unknown) => boolean) {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  const names = Object.keys(properties).filter((name) => properties[name]?.type === 'integer');
  if (names.length === 0) return validate;
  const checked = (data: unknown) => {
    if (data !== null && typeof data === 'object') {
      const values = data as Record<string, unknown>;
      for (const name of names) {
        const value = values[name];
        if (typeof value === 'string' && !decimalWholeNumber.test(value)) values[name] = notDecimalWholeNumber;
      }
    }
    const valid = validate(data);
    checked.errors = validate.errors;
    return valid;
  };
  checked.errors = undefined as ValidateFunction['errors'];
  return checked;
}
