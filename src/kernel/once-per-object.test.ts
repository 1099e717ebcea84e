import { describe, expect, it } from 'vitest';
import { oncePerObject } from './once-per-object.js';

describe('oncePerObject', () => {
  it('computes once for each object, and again for an object that replaces it', () => {
    const computed: string[] = [];
    const upper = oncePerObject((account: { name: string }) => {
      computed.push(account.name);
      return { name: account.name.toUpperCase() };
    });
    const pune = { name: 'pune' };
    const first = upper(pune);
    expect(upper(pune)).toBe(first);
    expect(upper({ name: 'pune' })).toEqual({ name: 'PUNE' });
    expect(computed).toEqual(['pune', 'pune']);
  });
});
