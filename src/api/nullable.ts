import { Type, type SchemaOptions, type TSchema } from '@sinclair/typebox';

/**
 * A body field that also takes `null` (which clears it): `anyOf [{const: null}, schema]`.
 * Every nullable field of a request body is declared with this, never with `Type.Null()`.
 *
 * Bodies are validated without type coercion (src/api/validator.ts), but `const` stays the
 * safe way to say null should a schema ever be validated with it: a coercing Ajv turns `0`,
 * `false` and `""` into a `type: "null"` branch (`{"maxVisits": 0}` would clear a limit), never
 * into `const: null`. An error of `schema`'s branch is said with "or null" added.
 */
export function Nullable<T extends TSchema>(schema: T, options?: SchemaOptions) {
  return Type.Union([Type.Unsafe<null>({ const: null }), schema], options);
}
