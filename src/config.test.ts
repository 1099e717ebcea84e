import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings, publicBaseUrl, shortBaseUrl } from './config.js';
import { unknownTokens } from '../test/secrets.js';

describe('loadSettings', () => {
  it('applies the documented defaults', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      DATABASE_URL: 'sqlite:./data/flowhooks.db',
      FLOWHOOKS_AUTH: 'token',
      FLOWHOOKS_TRANSLATE_PROVIDER: 'google',
      FLOWHOOKS_LOG_LEVEL: 'info',
      FLOWHOOKS_BODY_LIMIT: 65536,
      FLOWHOOKS_INVOCATION_RETENTION_DAYS: 7,
      FLOWHOOKS_SQLITE_CACHE_MIB: 4,
    });
    expect(shortBaseUrl(settings)).toBe('http://127.0.0.1:8080');
  });

  it('prints FLOWHOOKS_PUBLIC_URL, else the listening address, in absolute URLs', () => {
    expect(publicBaseUrl(loadSettings({ FLOWHOOKS_PUBLIC_URL: 'https://hooks.example.com/' }), { address: '127.0.0.1', port: 1234 })).toBe('https://hooks.example.com');
    expect(publicBaseUrl(loadSettings({}), { address: '127.0.0.1', port: 1234 })).toBe('http://127.0.0.1:1234');
    expect(publicBaseUrl(loadSettings({ HOST: '0.0.0.0', PORT: '9000' }))).toBe('http://127.0.0.1:9000');
    expect(publicBaseUrl(loadSettings({}), { address: '::', port: 80 })).toBe('http://[::1]:80');
    expect(shortBaseUrl(loadSettings({ FLOWHOOKS_PUBLIC_URL: 'https://hooks.example.com' }))).toBe('https://hooks.example.com');
    expect(shortBaseUrl(loadSettings({ FLOWHOOKS_PUBLIC_URL: 'https://hooks.example.com/flowhooks' }))).toBe('http://127.0.0.1:8080');
    expect(() => loadSettings({ FLOWHOOKS_PUBLIC_URL: 'hooks.example.com' })).toThrowError(/FLOWHOOKS_PUBLIC_URL/);
  });

  it('reads numbers from strings', () => {
    expect(loadSettings({ PORT: '9090' }).PORT).toBe(9090);
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['FLOWHOOKS_AUTH', 'maybe', /FLOWHOOKS_AUTH: `token` or `off`/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL/],
    ['FLOWHOOKS_LOG_LEVEL', 'loud', /FLOWHOOKS_LOG_LEVEL/],
    ['FLOWHOOKS_TRANSLATE_PROVIDER', 'deepl', /FLOWHOOKS_TRANSLATE_PROVIDER/],
    ['FLOWHOOKS_SQLITE_CACHE_MIB', '0', /FLOWHOOKS_SQLITE_CACHE_MIB: MiB of database pages/],
    ['FLOWHOOKS_INVOCATION_RETENTION_DAYS', '0', /FLOWHOOKS_INVOCATION_RETENTION_DAYS: Days a webhook call stays/],
    ['FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS', '10.1.2.0/24,intranet', /FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: "intranet" is not an address or CIDR range/],
  ])('names %s when its value %s is bad', (name, value, message) => {
    expect(() => loadSettings({ [name]: value })).toThrowError(message);
    expect(() => loadSettings({ [name]: value })).toThrowError(ConfigError);
  });

  it('rejects a short admin token without echoing it', () => {
    try {
      loadSettings({ FLOWHOOKS_ADMIN_TOKEN: unknownTokens.tooShortAdmin });
      expect.unreachable('a short token must be refused');
    } catch (error) {
      expect((error as Error).message).toMatch(/FLOWHOOKS_ADMIN_TOKEN/);
      expect((error as Error).message).not.toContain('short-secret');
    }
  });

  it('reads a JSON settings file, with the environment winning', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'flowhooks-config-')), 'settings.json');
    writeFileSync(file, JSON.stringify({ PORT: 7000, HOST: '0.0.0.0' }));
    const settings = loadSettings({ FLOWHOOKS_CONFIG_FILE: file, HOST: '127.0.0.2' });
    expect(settings.PORT).toBe(7000);
    expect(settings.HOST).toBe('127.0.0.2');
  });

  it('refuses FLOWHOOKS_AUTH=off on an address other machines reach unless that is acknowledged, saying what would be open', () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'flowhooks.internal', '128.0.0.1']) {
      expect(() => loadSettings({ FLOWHOOKS_AUTH: 'off', HOST: host }), host).toThrowError(ConfigError);
      expect(() => loadSettings({ FLOWHOOKS_AUTH: 'off', HOST: host })).toThrowError(/every webhook method for every account without a token.*FLOWHOOKS_AUTH_OFF_ALLOW_REMOTE=1/);
    }
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) {
      expect(loadSettings({ FLOWHOOKS_AUTH: 'off', HOST: host }).FLOWHOOKS_AUTH, host).toBe('off');
    }
    for (const acknowledged of ['1', 'true']) {
      expect(loadSettings({ FLOWHOOKS_AUTH: 'off', HOST: '0.0.0.0', FLOWHOOKS_AUTH_OFF_ALLOW_REMOTE: acknowledged }).FLOWHOOKS_AUTH_OFF_ALLOW_REMOTE).toBe(true);
    }
    expect(() => loadSettings({ FLOWHOOKS_AUTH: 'off', HOST: '0.0.0.0', FLOWHOOKS_AUTH_OFF_ALLOW_REMOTE: '0' })).toThrowError(ConfigError);
    expect(loadSettings({ FLOWHOOKS_AUTH: 'token', HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('names an unreadable settings file', () => {
    expect(() => loadSettings({ FLOWHOOKS_CONFIG_FILE: '/nonexistent/flowhooks.json' })).toThrowError(/FLOWHOOKS_CONFIG_FILE/);
  });
});
