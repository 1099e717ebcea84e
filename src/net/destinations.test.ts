import { describe, expect, it } from 'vitest';
import { testResolver } from '../../test/support.js';
import { DestinationRefused, DestinationUnresolved, destinationGuard, noPrivateDestinations, parseAllowList, refusalOf } from './destinations.js';

describe('which addresses an API-set URL may reach', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a00:1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['::7f00:1', 'loopback'],
    ['::ffff:0:7f00:1', 'loopback'],
    ['::ffff:0:169.254.169.254', 'link-local'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b:1::a9fe:a9fe', 'link-local'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::', 'private'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:2::1', 'benchmarking'],
  ])('refuses %s (%s) by default, naming what it is', (address, kind) => {
    expect(refusalOf(address, noPrivateDestinations)).toContain(kind);
  });

  it.each(['8.8.8.8', '93.184.215.14', '172.32.0.1', '172.15.255.255', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1', '2001:200::1'])(
    'allows the public address %s',
    (address) => {
      expect(refusalOf(address, noPrivateDestinations)).toBeUndefined();
    },
  );

  it('allows exactly the ranges the operator lists, IPv4-mapped forms included', () => {
    const allowList = parseAllowList(' 10.1.2.0/24, fd00::/8 ,192.168.7.7');
    expect(refusalOf('10.1.2.9', allowList)).toBeUndefined();
    expect(refusalOf('::ffff:10.1.2.9', allowList)).toBeUndefined();
    expect(refusalOf('fd00::5', allowList)).toBeUndefined();
    expect(refusalOf('192.168.7.7', allowList)).toBeUndefined();
    expect(refusalOf('10.1.3.1', allowList)).toContain('private');
    expect(refusalOf('192.168.7.8', allowList)).toContain('private');
    expect(refusalOf('169.254.169.254', allowList)).toContain('link-local');
    expect(refusalOf('127.0.0.1', parseAllowList('all'))).toBeUndefined();
    // An address that embeds an allowed one is allowed with it.
    expect(refusalOf('64:ff9b::10.1.2.9', allowList)).toBeUndefined();
    expect(refusalOf('64:ff9b::10.1.3.1', allowList)).toContain('embeds 10.1.3.1: 10.1.3.1 is a private address');
    expect(parseAllowList('')).toBe(noPrivateDestinations);
  });

  it.each(['10.0.0.0/33', 'fd00::/129', 'intranet', '10.0.0.0/8,', '10.0.0.0/x'])('refuses the allow-list entry %s', (text) => {
    expect(() => parseAllowList(text)).toThrow(/is not an address or CIDR range/);
  });
});

describe('the save-time check of a URL', () => {
  const guard = destinationGuard({
    allowList: noPrivateDestinations,
    resolver: testResolver({ 'dialer.corp.test': ['10.1.2.5'], 'split.test': ['93.184.215.14', '192.168.0.9'], 'metadata.test': ['fe80::a9fe:a9fe'] }),
  });

  it('refuses IP literals in every spelling the URL parser accepts', async () => {
    for (const url of ['http://127.0.0.1/', 'http://2130706433/', 'http://0x7f.1/', 'http://[::1]:8080/', 'http://[::ffff:7f00:1]/', 'http://169.254.169.254/latest/meta-data', 'https://10.0.0.1/']) {
      await expect(guard.assertAllowed(url), url).rejects.toBeInstanceOf(DestinationRefused);
    }
    await expect(guard.assertAllowed('http://93.184.215.14/')).resolves.toBeUndefined();
  });

  it('resolves a name and refuses it when any of its addresses is private', async () => {
    await expect(guard.assertAllowed('https://dialer.corp.test/dial')).rejects.toMatchObject({ detail: 'dialer.corp.test resolves to 10.1.2.5 is a private address (10.0.0.0/8)' });
    await expect(guard.assertAllowed('https://split.test/')).rejects.toMatchObject({ detail: expect.stringContaining('192.168.0.9') });
    await expect(guard.assertAllowed('https://metadata.test/')).rejects.toBeInstanceOf(DestinationRefused);
    await expect(guard.assertAllowed('https://dialer.example.com/')).resolves.toBeUndefined();
  });

  it('refuses a name that does not resolve', async () => {
    await expect(guard.assertAllowed('https://nowhere.test/')).rejects.toBeInstanceOf(DestinationUnresolved);
  });

  it('gives a refusal message that names the setting and no address, for anyone to read', async () => {
    const refusal = await guard.assertAllowed('https://dialer.corp.test/dial').catch((error: unknown) => error as DestinationRefused);
    expect(refusal.message).toContain('FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS');
    expect(refusal.message).not.toContain('10.1.2.5');
  });
});
