import { describe, expect, it } from 'vitest';
import { maskPhone, normaliseContactId } from './contact-id.js';

describe('normaliseContactId', () => {
  it.each(['918160712345', '+91 81607 12345', '08160712345', '8160712345', '+91-81607-12345', '00918160712345'])(
    'reads %s as the same Indian mobile number',
    (input) => {
      expect(normaliseContactId(input, 'IN')).toBe('+918160712345');
    },
  );

  it('reads a landline with its STD code', () => {
    expect(normaliseContactId('022 4000 1234', 'IN')).toBe('+912240001234');
  });

  it('keeps a foreign number given with its country code', () => {
    expect(normaliseContactId('+1 415 555 2671', 'IN')).toBe('+14155552671');
  });

  it('uses the account region for national numbers', () => {
    expect(normaliseContactId('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it.each([' customer@example.com ', 'CRM-000123', '100234', '12345678'])('keeps %s trimmed as given', (input) => {
    expect(normaliseContactId(input, 'IN')).toBe(input.trim());
  });
});

describe('maskPhone', () => {
  it('keeps two digits at each end of the national number', () => {
    expect(maskPhone('9876543245')).toBe('98XXXXXX45');
    expect(maskPhone('+919876543245')).toBe('98XXXXXX45');
  });

  it('hides anything that is not a number', () => {
    expect(maskPhone('someone@example.com')).toBe('***');
  });
});
