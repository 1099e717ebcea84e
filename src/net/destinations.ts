import { lookup as systemLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where the service may send requests that an API caller chose the address
 * of (a flow's dialerUrl, callback URLs): anywhere public, and into the
 * ranges below only when the operator lists them in
 * FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS (docs/security-outbound.md). Checked
 * when a URL is saved and again for every connection, after DNS resolution,
 * so a public name that resolves to a private address is refused too.
 */

/** Address ranges that are not public, with the words a refusal uses for each (IANA special-purpose registries). */
const nonPublicRanges: ReadonlyArray<{ cidr: string; kind: string }> = [
  { cidr: '0.0.0.0/8', kind: 'a "this network" address' },
  { cidr: '10.0.0.0/8', kind: 'a private address' },
  { cidr: '100.64.0.0/10', kind: 'a carrier-grade NAT address' },
  { cidr: '127.0.0.0/8', kind: 'a loopback address' },
  { cidr: '169.254.0.0/16', kind: 'a link-local address (cloud metadata lives here)' },
  { cidr: '172.16.0.0/12', kind: 'a private address' },
  { cidr: '192.0.0.0/24', kind: 'an IETF protocol address' },
  { cidr: '192.0.2.0/24', kind: 'a documentation address' },
  { cidr: '192.88.99.0/24', kind: 'a 6to4 relay address' },
  { cidr: '192.168.0.0/16', kind: 'a private address' },
  { cidr: '198.18.0.0/15', kind: 'a benchmarking address' },
  { cidr: '198.51.100.0/24', kind: 'a documentation address' },
  { cidr: '203.0.113.0/24', kind: 'a documentation address' },
  { cidr: '224.0.0.0/4', kind: 'a multicast address' },
  { cidr: '240.0.0.0/4', kind: 'a reserved address' },
  { cidr: '::/128', kind: 'the unspecified address' },
  { cidr: '::1/128', kind: 'a loopback address' },
  { cidr: '100::/64', kind: 'a discard address' },
  { cidr: '2001::/23', kind: 'an IETF protocol address (Teredo, benchmarking)' },
  { cidr: '2001:db8::/32', kind: 'a documentation address' },
  { cidr: 'fc00::/7', kind: 'a private (unique local) address' },
  { cidr: 'fe80::/10', kind: 'a link-local address' },
  { cidr: 'fec0::/10', kind: 'a site-local address' },
  { cidr: 'ff00::/8', kind: 'a multicast address' },
];

function familyOf(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

function addSubnet(list: BlockList, cidr: string): boolean {
  const [network = '', prefixText] = cidr.split('/');
  const family = isIP(network);
  if (family === 0) return false;
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText ?? String(max)) || prefix > max) return false;
  list.addSubnet(network, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return true;
}

// One BlockList a range, so a refusal can say which range; BlockList also matches IPv4-mapped IPv6 (::ffff:10.0.0.1).
const compiledRanges = nonPublicRanges.map(({ cidr, kind }) => {
  const list = new BlockList();
  addSubnet(list, cidr);
  return { cidr, kind, list };
});

/** The operator's exceptions: every address (`all`), or the listed ranges. */
export type AllowList = { all: true } | { all: false; ranges: BlockList; text: string };

/** No exceptions: the default. */
export const noPrivateDestinations: AllowList = { all: false, ranges: new BlockList(), text: '' };

/**
 * Reads FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: `all`, or CIDRs (or single
 * addresses) separated by commas; unset or empty: none. Throws naming the
 * first entry that is not a CIDR.
 */
export function parseAllowList(text: string | undefined): AllowList {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return noPrivateDestinations;
  if (trimmed.toLowerCase() === 'all') return { all: true };
  const ranges = new BlockList();
  for (const entry of trimmed.split(',').map((part) => part.trim())) {
    if (!addSubnet(ranges, entry)) throw new Error(`"${entry.slice(0, 60)}" is not an address or CIDR range (e.g. 10.1.2.0/24, fd00::/8)`);
  }
  return { all: false, ranges, text: trimmed };
}

/**
 * Why `address` (an IP address) may not be connected to, or undefined when
 * it may: it is public, or the allow-list covers it. Pure.
 */
export function refusalOf(address: string, allowList: AllowList): string | undefined {
  if (allowList.all) return undefined;
  const family = familyOf(address);
  const range = compiledRanges.find((candidate) => candidate.list.check(address, family));
  if (range) return allowList.ranges.check(address, family) ? undefined : `${address} is ${range.kind} (${range.cidr})`;
  const embedded = family === 'ipv6' ? embeddedIpv4(address) : undefined;
  if (embedded === undefined || allowList.ranges.check(address, family)) return undefined;
  const refusal = refusalOf(embedded, allowList);
  return refusal === undefined ? undefined : `${address} embeds ${embedded}: ${refusal}`;
}

/**
 * The IPv4 address an IPv6 address carries in a prefix that reaches it (or
 * did): IPv4-compatible `::a.b.c.d`, IPv4-translated `::ffff:0:a.b.c.d`,
 * NAT64 `64:ff9b::/96` and `64:ff9b:1::/48`, 6to4 `2002:aabb:ccdd::/48`; so
 * `[::127.0.0.1]` is refused as loopback while NAT64 of a public address is
 * public. IPv4-mapped addresses are matched by the ranges themselves.
 */
export function embeddedIpv4(address: string): string | undefined {
  const words = ipv6Words(address);
  if (!words) return undefined;
  const zeroFrom = (start: number, end: number) => words.slice(start, end).every((word) => word === 0);
  const quad = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  if (zeroFrom(0, 6) || (zeroFrom(0, 4) && words[4] === 0xffff && words[5] === 0)) return quad(words[6]!, words[7]!);
  if (words[0] === 0x64 && words[1] === 0xff9b && (zeroFrom(2, 6) || words[2] === 1)) return quad(words[6]!, words[7]!);
  if (words[0] === 0x2002) return quad(words[1]!, words[2]!);
  return undefined;
}

/** The eight 16-bit words of an IPv6 address (a dotted IPv4 tail allowed), or undefined when it is not one. */
function ipv6Words(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  const text = address.split('%')[0]!.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  const hex = dotted
    ? `${text.slice(0, dotted.index)}${((Number(dotted[1]) << 8) | Number(dotted[2])).toString(16)}:${((Number(dotted[3]) << 8) | Number(dotted[4])).toString(16)}`
    : text;
  const [head = '', tail] = hex.split('::');
  const part = (side: string) => (side === '' ? [] : side.split(':').map((word) => Number.parseInt(word, 16)));
  const before = part(head);
  const after = tail === undefined ? [] : part(tail);
  const words = tail === undefined ? before : [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
  return words.length === 8 ? words : undefined;
}

/** Names to addresses, as `dns.lookup(name, { all: true })` answers. The seam tests replace. */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (hostname) => systemLookup(hostname, { all: true, verbatim: true });

/** The setting a refusal names, so whoever reads it knows what to change. */
export const allowSettingName = 'FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS';

/**
 * A destination the guard would not connect to. `message` is safe to show
 * to anyone ("destination refused" and the setting); `detail` names the host
 * and the address it resolved to, for the operator's log and the admin.
 */
export class DestinationRefused extends Error {
  override readonly name = 'DestinationRefused';
  readonly code = 'DESTINATION_REFUSED';
  constructor(readonly detail: string) {
    super(`destination refused: not a public address (an operator can allow private ranges with ${allowSettingName})`);
  }
}

/** The host could not be resolved (save time). */
export class DestinationUnresolved extends Error {
  override readonly name = 'DestinationUnresolved';
}

/** Brackets off an IPv6 literal as the URL parser writes it (`[::1]`). */
function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

export interface DestinationGuard {
  readonly allowList: AllowList;
  /**
   * Save-time check of a URL the service will call: an IP literal is checked
   * as it is; a name is resolved and every address it has must be allowed.
   * Throws DestinationRefused, or DestinationUnresolved when the name has no
   * address (within `timeoutMs`, default 5000).
   */
  assertAllowed(url: string | URL, options?: { timeoutMs?: number }): Promise<void>;
  /**
   * Connection-time check of an IP literal host (the `lookup` below never
   * sees one: Node connects to a literal without resolving it). Throws
   * DestinationRefused.
   */
  assertLiteralAllowed(hostname: string): void;
  /**
   * A `lookup` for `net.connect`, `http.request` / `http.Agent`, or undici's
   * `connect.lookup`: resolves with the guard's resolver and fails with
   * DestinationRefused when any address of the name is refused, so the
   * socket never opens.
   */
  lookup: LookupFunction;
}

/**
 * The guard every request to an API-chosen URL goes through. `resolver`
 * defaults to the system's (`dns.lookup`); tests inject one that answers
 * private addresses for test names, so refusal is proven without traffic.
 */
export function destinationGuard(options: { allowList: AllowList; resolver?: Resolver }): DestinationGuard {
  const { allowList } = options;
  const resolver = options.resolver ?? systemResolver;

  const checkAll = (hostname: string, addresses: Array<{ address: string }>) => {
    for (const { address } of addresses) {
      const refusal = refusalOf(address, allowList);
      if (refusal) throw new DestinationRefused(hostname === address ? refusal : `${hostname} resolves to ${refusal}`);
    }
  };

  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolver(hostname).then(
      (found) => {
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? found.filter((entry) => entry.family === lookupOptions.family) : found;
        try {
          if (wanted.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
          checkAll(hostname, wanted);
        } catch (error) {
          callback(error as NodeJS.ErrnoException, '', 0);
          return;
        }
        if (lookupOptions.all) (callback as unknown as (error: null, addresses: typeof wanted) => void)(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };

  // Every delivery to an address literal checks it (some twenty ranges); a dialer's address repeats, its verdict is kept.
  const literalVerdicts = new Map<string, string | undefined>();
  const literalRefusal = (host: string) => {
    if (literalVerdicts.has(host)) return literalVerdicts.get(host);
    const refusal = refusalOf(host, allowList);
    if (literalVerdicts.size >= 1_000) literalVerdicts.clear();
    literalVerdicts.set(host, refusal);
    return refusal;
  };

  return {
    allowList,
    lookup,
    assertLiteralAllowed(hostname) {
      const host = bareHost(hostname);
      if (isIP(host) === 0) return;
      const refusal = literalRefusal(host);
      if (refusal) throw new DestinationRefused(refusal);
    },
    async assertAllowed(url, checkOptions = {}) {
      const host = bareHost((typeof url === 'string' ? new URL(url) : url).hostname);
      if (isIP(host) !== 0) {
        const refusal = refusalOf(host, allowList);
        if (refusal) throw new DestinationRefused(refusal);
        return;
      }
      if (allowList.all) return;
      const timeoutMs = checkOptions.timeoutMs ?? 5000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new DestinationUnresolved(`${host} was not resolved within ${timeoutMs} ms`)), timeoutMs);
      });
      let found: Array<{ address: string; family: number }>;
      try {
        found = await Promise.race([resolver(host), timedOut]);
      } catch (error) {
        if (error instanceof DestinationUnresolved) throw error;
        throw new DestinationUnresolved(`${host} could not be resolved`);
      } finally {
        clearTimeout(timer);
      }
      if (found.length === 0) throw new DestinationUnresolved(`${host} could not be resolved`);
      checkAll(host, found);
    },
  };
}
