import { describe, expect, it } from 'vitest';
import { botUrl, sessionVariables } from './rules.js';
import { unitBotToken } from '../../../test/secrets.js';

describe('sessionVariables', () => {
  it('takes every variable by last segment, cli and botid first, never the token, test clock, account or a botUniqueID', () => {
    const variables = sessionVariables(
      [
        { name: '$flow.key.cli', value: '918160712345' },
        { name: '$flow.key.botid', value: 'support' },
        { name: '$flow.key.token', value: unitBotToken },
        { name: '$flow.syskey.testNow', value: '2026-11-20T10:00:00+05:30' },
        { name: '$user.key.orderId', value: 'A-1' },
        { name: '$flow.key.ORDERID', value: 'A-2' },
        { name: '$call.language', value: 'HINDI' },
        { name: '$flow.key.blank', value: '' },
        { name: '$flow.key.unset', value: null },
        { name: '$flow.syskey.accountID', value: '1' },
        { name: '$user.key.botUniqueID', value: 'forged' },
      ],
      '918160712345',
      'support',
    );
    expect(variables).toEqual({ cli: '918160712345', botid: 'support', ORDERID: 'A-2', language: 'HINDI' });
  });

  it("never takes another method's or system's credential, whatever its scope and case", () => {
    const credentials = ['$flow.key.apiKey', '$flow.syskey.securityID', '$flow.key.password', '$user.key.custToken', '$flow.key.accessToken', '$flow.key.API_KEY', '$flow.key.clientSecret', '$flow.key.otp'];
    const variables = sessionVariables(
      [...credentials.map((name) => ({ name, value: 'do-not-leak' })), { name: '$flow.key.tokenCount', value: '3' }, { name: '$flow.key.pincode', value: '400001' }],
      '918160712345',
      'support',
    );
    expect(variables).toEqual({ cli: '918160712345', botid: 'support', tokenCount: '3', pincode: '400001' });
  });

  it('never takes a one-time code, PIN, card or identity number, wherever the word stands in the name', () => {
    const secrets = ['$flow.key.otpCode', '$flow.key.pin', '$flow.key.card_pin', '$flow.key.MPIN', '$flow.key.cvv', '$flow.key.aadhaarNumber', '$flow.key.api-key', '$flow.key.cardNumber', '$flow.key.loginPassword2'];
    const variables = sessionVariables(
      [...secrets.map((name) => ({ name, value: 'do-not-leak' })), { name: '$flow.key.pinCode', value: '400001' }, { name: '$flow.key.shippingCity', value: 'Pune' }],
      '918160712345',
      'support',
    );
    expect(variables).toEqual({ cli: '918160712345', botid: 'support', pinCode: '400001', shippingCity: 'Pune' });
  });

  it('keeps the caller and bot it was given over variables of those names in any case, and drops blank values', () => {
    const variables = sessionVariables(
      [
        { name: '$flow.key.Cli', value: '919999999999' },
        { name: '$flow.key.BOTID', value: 'other-bot' },
        { name: '$flow.key.spaces', value: '   ' },
        { name: '$flow.key.orderId', value: 'A-1' },
      ],
      '918160712345',
      'support',
    );
    expect(variables).toEqual({ cli: '918160712345', botid: 'support', orderId: 'A-1' });
  });
});

describe('botUrl', () => {
  it("adds every variable and botUniqueID as query parameters, keeping the base URL's own query", () => {
    const url = botUrl('https://bot.example.com/chat?lang=hi', { cli: '918160712345', botid: 'support', note: 'a&b c' }, 'query', 'ID123');
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe('https://bot.example.com/chat');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ lang: 'hi', cli: '918160712345', botid: 'support', note: 'a&b c', botUniqueID: 'ID123' });
  });

  it("keeps the base URL's own parameters over variables of the same name", () => {
    const url = botUrl('https://bot.example.com/chat?tenant=acme&lang=hi', { cli: '918160712345', botid: 'support', tenant: 'evil', lang: 'en', note: 'x' }, 'query', 'ID123');
    expect(Object.fromEntries(new URL(url).searchParams)).toEqual({ tenant: 'acme', lang: 'hi', cli: '918160712345', botid: 'support', note: 'x', botUniqueID: 'ID123' });
  });

  it('puts only botUniqueID in an opaque link', () => {
    expect(botUrl('https://bot.example.com/chat', { cli: '918160712345', botid: 'support' }, 'opaque', 'ID123')).toBe('https://bot.example.com/chat?botUniqueID=ID123');
  });
});
