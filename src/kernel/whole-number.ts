/**
 * A whole number in a path or query string of the HTTP API is written in decimal digits, without a
 * sign or a leading zero (docs/management-api.md): `25`, never `0x19`, `2.5e1`, `+25` or `025`, which
 * JavaScript (and Ajv's coercion) would also read as 25, so that one resource has one address.
 */
export const decimalWholeNumber = /^(?:0|[1-9]\d*)$/;

/**
 * What a path or query value written otherwise is validated as: a value that is no number, so the
 * schema refuses it, and its error can say why (src/protocol/http-errors.ts).
 */
export const notDecimalWholeNumber: object = Object.freeze({});
