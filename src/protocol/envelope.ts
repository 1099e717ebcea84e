import { AppError } from '../kernel/errors.js';
import { unstorableText } from '../kernel/storable-text.js';
import type { WireKey } from '../kernel/wire.js';


export interface Envelope {
  method: string;
  keys: WireKey[];
}

/** Pins "now" on the test stage (docs/protocol.md). */
export const testNowParam = '$flow.syskey.testNow';

/** Limits of docs/protocol.md (the body size is enforced by the HTTP layer). */
export const envelopeLimits = { maxKeys: 200, maxNameLength: 128 } as const;

/**
 * Checks the shape of a webhook body and coerces every value to a string
 * (numbers in plain decimal, booleans as `true`/`false`; null stays null so a
 * method can treat it as "delete").
 */
export function parseEnvelope(body: unknown): Envelope {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('INVALID_ENVELOPE', 'The body must be a JSON object with "method" and "keys".');
  }
  const { method, keys } = body as { method?: unknown; keys?: unknown };
  if (typeof method !== 'string' || method.trim() === '') {
    throw new AppError('MISSING_METHOD', 'The body has no "method" string.');
  }
  if (keys === undefined) return { method: method.trim(), keys: [] };
  if (!Array.isArray(keys)) throw new AppError('INVALID_KEYS', '"keys" must be an array of {name, value} objects.');
  if (keys.length > envelopeLimits.maxKeys) {
    throw new AppError('INVALID_KEYS', `"keys" has ${keys.length} entries; at most ${envelopeLimits.maxKeys} are accepted.`);
  }
  const coerced = keys.map((entry, index): WireKey => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      throw new AppError('INVALID_KEYS', `keys[${index}] must be an object with "name" and "value".`);
    }
    const { name, value } = entry as { name?: unknown; value?: unknown };
    if (typeof name !== 'string' || name.trim() === '') throw new AppError('INVALID_KEYS', `keys[${index}].name must be a non-empty string.`);
    const badName = unstorableText(name);
    if (badName) throw new AppError('INVALID_KEYS', `keys[${index}].name ${badName}.`);
    if (name.length > envelopeLimits.maxNameLength) {
      throw new AppError('INVALID_KEYS', `keys[${index}].name is ${name.length} characters long; at most ${envelopeLimits.maxNameLength} are accepted.`);
    }
    return { name: name.trim(), value: coerceValue(value, index) };
  });
  return { method: method.trim(), keys: coerced };
}

function coerceValue(value: unknown, index: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    // Stored alike on both databases, or refused on both (a NUL character, a lone surrogate).
    const badValue = unstorableText(value);
    if (badValue) throw new AppError('INVALID_KEYS', `keys[${index}].value ${badValue}.`);
    return value;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AppError('INVALID_KEYS', `keys[${index}].value is not a finite number.`);
    return plainDecimal(value);
  }
  throw new AppError('INVALID_KEYS', `keys[${index}].value must be a string, number, boolean or null.`);
}

/** 1e21 → "1000000000000000000000", 1.5e-7 → "0.00000015": flows expect digits, never exponents. */
export function plainDecimal(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  if (Number.isInteger(value)) return BigInt(value).toString();
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** The part of a flow-variable name after its last dot: `$flow.key.inputDate` → `inputDate`. */
export function lastSegment(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(dot + 1);
}
