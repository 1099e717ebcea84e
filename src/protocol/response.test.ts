import { describe, expect, it } from 'vitest';
import { failureAnswer, shapeAnswer } from './response.js';

const answer = {
  method: 'validateDateAndTime',
  status: 'SUCCESS' as const,
  outputs: [
    { name: '$flow.key.outputDate', value: '2019-12-10T09:00:00+05:30' },
    { name: '$flow.key.dateIsValid', value: 'false' },
  ],
};

describe('shapeAnswer', () => {
  it('returns the keys array with the method and status', () => {
    // Strict: a SUCCESS carries no error field at all, and an answer without a method no method field.
    expect(shapeAnswer(answer, 'keys')).toStrictEqual({ method: 'validateDateAndTime', status: 'SUCCESS', keys: answer.outputs });
    expect(shapeAnswer({ status: 'FAILURE', outputs: [] }, 'keys')).toStrictEqual({ status: 'FAILURE', keys: [] });
  });

  it('flattens outputs by last segment for ?format=flat', () => {
    expect(shapeAnswer(answer, 'flat')).toStrictEqual({ outputDate: '2019-12-10T09:00:00+05:30', dateIsValid: 'false', status: 'SUCCESS' });
  });

  it('keeps a preference named __proto__ in flat form, as an ordinary field', () => {
    const flat = shapeAnswer({ status: 'SUCCESS', outputs: [{ name: '$user.key.__proto__', value: 'kept' }, { name: '$user.key.language', value: 'TAMIL' }] }, 'flat');
    expect(JSON.parse(JSON.stringify(flat))).toEqual(JSON.parse('{"__proto__":"kept","language":"TAMIL","status":"SUCCESS"}'));
    expect(Object.getPrototypeOf(flat)).toBe(Object.prototype);
  });

  it('never lets an output named status replace the envelope status in flat form', () => {
    const flat = shapeAnswer({ status: 'FAILURE', outputs: [{ name: '$flow.key.status', value: 'SUCCESS' }] }, 'flat');
    expect(flat.status).toBe('FAILURE');
  });

  it('builds a FAILURE with the outputs first, then errorCode and errorMessage in the keys, and the error beside them', () => {
    const failure = failureAnswer('createOutbound', [{ name: '$flow.key.obdResponseCode', value: '401' }], { code: 'OUTBOUND_UNAUTHORIZED', message: 'Wrong securityID.' });
    const keys = [
      { name: '$flow.key.obdResponseCode', value: '401' },
      { name: '$flow.key.errorCode', value: 'OUTBOUND_UNAUTHORIZED' },
      { name: '$flow.key.errorMessage', value: 'Wrong securityID.' },
    ];
    expect(shapeAnswer(failure, 'keys')).toStrictEqual({ method: 'createOutbound', status: 'FAILURE', keys, error: { code: 'OUTBOUND_UNAUTHORIZED', message: 'Wrong securityID.' } });
    expect(shapeAnswer(failure, 'flat')).toStrictEqual({
      obdResponseCode: '401',
      errorCode: 'OUTBOUND_UNAUTHORIZED',
      errorMessage: 'Wrong securityID.',
      status: 'FAILURE',
      error: { code: 'OUTBOUND_UNAUTHORIZED', message: 'Wrong securityID.' },
    });
    expect(failureAnswer(undefined, [], { code: 'INVALID_JSON', message: 'x' })).toStrictEqual({ status: 'FAILURE', outputs: [{ name: '$flow.key.errorCode', value: 'INVALID_JSON' }, { name: '$flow.key.errorMessage', value: 'x' }], error: { code: 'INVALID_JSON', message: 'x' } });
  });
});
