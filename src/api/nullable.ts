import { Type, type SchemaOptions, type TSchema } from '@sinclair/typebox';

/**
 * A body field that also takes `null` (which clears it): `anyOf [{const: null}, schema]`.
 * Every nullable field of a request body is declared with this, never with `Type.Null()`.
 *
 * The API's Ajv coerces types (`coerceTypes`, so `"5"` reads as 5), and it coerces `0`,
 * `false` and `""` into a `type: "null"` branch, or into `type: [X, "null"]`: `{"maxVisits": 0}`
 * would clear a limit instead of being refused. `const` never coerces, so here only a real
 * `null` is null and anything else must pass `schema` or is a 422. The null branch comes
 * first: Ajv coerces in place, and `schema`'s branch would turn a `null` into `0` or `""`.
 */
export function Nullable<T extends TSchema>(schema: T, options?: SchemaOptions) {
  return Type.Union([Type.Unsafe<null>({ const: null }), schema], options);
}
