import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { BusinessRuleError, UserErrorCode } from '../errors';

/**
 * Addresses a partner URL may never reach unless private URLs are allowed: the host's own network,
 * cloud metadata services and anything not routable on the internet.
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network, unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

/** Whether a partner webhook may not be sent to this IP address (v4, v6, or v4-mapped v6). */
export function isForbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return FORBIDDEN.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 4) return FORBIDDEN.check(address, 'ipv4');
  if (family === 6) return FORBIDDEN.check(address, 'ipv6');
  return true;
}

export interface UrlPolicy {
  /** ALLOW_PRIVATE_WEBHOOK_URLS: http and private, loopback and link-local addresses allowed. */
  allowPrivate: boolean;
}

const MAX_URL_LENGTH = 2048;

function refused(message: string): BusinessRuleError {
  return new BusinessRuleError(UserErrorCode.WEBHOOK_URL_NOT_ALLOWED, message, ['input', 'url']);
}

function lookupAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );
}

/**
 * Checks a partner URL before it is stored and again before every attempt (its DNS may have
 * changed): https only, no credentials, and every address the host resolves to must be public.
 * Returns the normalized URL; refusals are WEBHOOK_URL_NOT_ALLOWED.
 */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy): Promise<string> {
  const text = raw.trim();
  let url: URL;
  try {
    if (text.length > MAX_URL_LENGTH) throw new Error('too long');
    url = new URL(text);
  } catch {
    throw refused(`Give an absolute https URL of at most ${MAX_URL_LENGTH} characters.`);
  }
  const protocols = policy.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!protocols.includes(url.protocol)) throw refused(`The URL must use https, not ${url.protocol}`);
  if (url.username || url.password) throw refused('The URL must not carry a user name or password.');
  url.hash = '';
  if (policy.allowPrivate) return url.toString();

  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookupAll(host)).map((entry) => entry.address);
    } catch {
      throw refused(`The host ${host} does not resolve.`);
    }
  }
  const forbidden = addresses.find(isForbiddenAddress);
  if (addresses.length === 0 || forbidden !== undefined) {
    throw refused(
      `The host ${host} resolves to ${forbidden ?? 'no address'}, a private, loopback, link-local or reserved address: partner webhooks must reach a public address.`,
    );
  }
  return url.toString();
}

/**
 * The DNS lookup of delivery requests: it refuses forbidden addresses at connect time, so a host
 * that changes its answer after the check (DNS rebinding) still cannot reach a private address.
 */
export function guardedLookup(policy: UrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const allowed = policy.allowPrivate ? list : list.filter((entry) => !isForbiddenAddress(entry.address));
      if (allowed.length === 0) {
        const refusal = Object.assign(new Error(`${hostname} resolves to a forbidden address`), {
          code: 'WEBHOOK_ADDRESS_FORBIDDEN',
        });
        return callback(refusal, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      const first = allowed[0]!;
      callback(null, first.address, first.family);
    });
  };
}
