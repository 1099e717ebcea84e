import { lastSegment } from './envelope.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Output } from '../kernel/wire.js';

export type ResponseFormat = 'keys' | 'flat';

export interface WebhookAnswer {
  method?: string;
  status: 'SUCCESS' | 'FAILURE';
  outputs: Output[];
  error?: { code: ErrorCode | string; message: string; parameters?: string[]; requestId?: string };
}

/** Business failures also travel in the keys, for flows that only read variables. */
export function errorOutputs(code: string, message: string): Output[] {
  return [
    { name: '$flow.key.errorCode', value: code },
    { name: '$flow.key.errorMessage', value: message },
  ];
}

/**
 * The wire body (docs/protocol.md): `{method, status, keys:[{name,value}]}`, or with
 * `?format=flat` one object keyed by each output's last segment. The envelope's
 * own `status` and `error` are never overwritten by an output of the same name.
 */
export function shapeAnswer(answer: WebhookAnswer, format: ResponseFormat): Record<string, unknown> {
  if (format === 'flat') {
    const flat: Record<string, unknown> = {};
    for (const output of answer.outputs) flat[lastSegment(output.name)] = output.value;
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
