import { lastSegment } from './envelope.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Output } from '../kernel/wire.js';

export type ResponseFormat = 'keys' | 'flat';

export interface WebhookAnswer {
  method?: string;
  status: 'SUCCESS' | 'FAILURE';
  outputs: Output[];
  error?: { code: ErrorCode | string; message: string; parameters?: string[]; requestId?: string } & Record<string, unknown>;
}

/** Business failures also travel in the keys, for flows that only read variables. */
export function errorOutputs(code: string, message: string): Output[] {
  return [
    { name: '$flow.key.errorCode', value: code },
    { name: '$flow.key.errorMessage', value: message },
  ];
}

/**
 * Every webhook FAILURE answer, built once (docs/protocol.md): the outputs a
 * flow reads first, then `errorCode`/`errorMessage` in the keys, and the
 * `error` object beside them.
 */
export function failureAnswer(method: string | undefined, outputs: readonly Output[], error: { code: ErrorCode | string; message: string } & Record<string, unknown>): WebhookAnswer {
  return {
    ...(method && { method }),
    status: 'FAILURE',
    outputs: [...outputs, ...errorOutputs(error.code, error.message)],
    error: error as WebhookAnswer['error'] & object,
  };
}

/**
 * The wire body (docs/protocol.md): `{method, status, keys:[{name,value}]}`, or with
 * `?format=flat` one object keyed by each output's last segment. The envelope's
 * own `status` and `error` are never overwritten by an output of the same name.
 */
export function shapeAnswer(answer: WebhookAnswer, format: ResponseFormat): Record<string, unknown> {
  if (format === 'flat') {
    const flat: Record<string, unknown> = {};
    for (const output of answer.outputs) {
      const name = lastSegment(output.name);
      // `__proto__` is a valid preference name; assigned, it would set the prototype and vanish from the JSON.
      if (name === '__proto__') Object.defineProperty(flat, name, { value: output.value, enumerable: true, writable: true, configurable: true });
      else flat[name] = output.value;
    }
    flat.status = answer.status;
    if (answer.error) flat.error = answer.error;
    return flat;
  }
  const body: Record<string, unknown> = {};
  if (answer.method) body.method = answer.method;
  body.status = answer.status;
  body.keys = answer.outputs;
  if (answer.error) body.error = answer.error;
  return body;
}
