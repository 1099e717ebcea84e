/** Host names of custom domains: lower-case labels of letters, digits and hyphens, with at least one dot. */
const hostPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A domain as registered: trimmed, lower-case, without a trailing dot; undefined when it is not a host name. */
export function normaliseDomain(value: string): string | undefined {
  const host = value.trim().toLowerCase().replace(/\.$/, '');
  return hostPattern.test(host) ? host : undefined;
}

/** The host a URL names, as a request to it would carry it in its Host header and `hostOfHeader` would read it. */
export function hostOfUrl(url: string): string {
  return hostOfHeader(new URL(url).host);
}

/** The host of a request's Host header: lower-case, port and trailing dot removed. */
export function hostOfHeader(header: string | undefined): string {
  if (!header) return '';
  const host = header.trim().toLowerCase();
  // [v6]:port keeps its brackets; name:port loses the port.
  const withoutPort = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return withoutPort.replace(/\.$/, '');
}
