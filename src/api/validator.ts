import { Ajv, type Options } from 'ajv';
import formats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

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
 * without type coercion, paths and query strings with it.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => (httpPart === 'body' ? bodies : texts).compile(schema as object);
