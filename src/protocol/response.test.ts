import { describe, expect, it } from 'vitest';
import { shapeAnswer } from './response.js';

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
    expect(shapeAnswer(answer, 'keys')).toEqual({ method: 'validateDateAndTime', status: 'SUCCESS', keys: answer.outputs });
  });

  it('flattens outputs by last segment for ?format=flat', () => {
    expect(shapeAnswer(answer, 'flat')).toEqual({ status: 'SUCCESS', outputDate: '2019-12-10T09:00:00+05:30', dateIsValid: 'false' });
  });

  it('never lets an output named status replace the envelope status in flat form', () => {
    const flat = shapeAnswer({ status: 'FAILURE', outputs: [{ name: '$flow.key.status', value: 'SUCCESS' }] }, 'flat');
    expect(flat.status).toBe('FAILURE');
  });
});
