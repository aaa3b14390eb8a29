import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { type Config } from '../../config';

/**
 * Where a URL a tenant has set (a channel's Graph API base, a partner webhook) may send requests.
 * Outbound requests run with the app's network position, so without this rule a tenant could read
 * the host's loopback services, the private network or the cloud metadata endpoint.
 */
export interface OutboundUrlPolicy {
  /** OUTBOUND_ALLOW_PRIVATE (development and tests): http, loopback and private addresses allowed. */
  allowPrivate: boolean;
  /** Host names the URL may name; null: any host whose addresses are public. */
  allowedHosts: readonly string[] | null;
  /** With `allowedHosts`: hosts below these domains pass too (`.fbcdn.net` admits `scontent-x.fbcdn.net`). */
  allowedHostSuffixes?: readonly string[];
  /**
   * Base URLs this process serves itself (the demo's Graph API sandbox, in development): a URL
   * below one passes the rules above, as it only reaches this process's own port and path.
   */
  ownBaseUrls?: readonly string[];
}

/** The hosts of Meta's Graph API, which channel accounts talk to. */
export const META_GRAPH_HOSTS = ['graph.facebook.com', 'graph.instagram.com'] as const;

export const MAX_OUTBOUND_URL_LENGTH = 2048;

/**
 * Channel Graph API calls: Meta's hosts, the configured default base and whatever the operator
 * adds; `ownBaseUrls` are the process's own sandbox, when it serves one.
 */
export function channelUrlPolicy(
  config: Pick<Config, 'outboundAllowPrivate' | 'outboundAllowedHosts' | 'graphApiBaseUrl'>,
  ownBaseUrls: readonly string[] = [],
): OutboundUrlPolicy {
  const configured = bareHost(new URL(config.graphApiBaseUrl).hostname);
  return {
    allowPrivate: config.outboundAllowPrivate,
    allowedHosts: [...new Set([...META_GRAPH_HOSTS, configured, ...config.outboundAllowedHosts])],
    ...(ownBaseUrls.length > 0 ? { ownBaseUrls } : {}),
  };
}

/** Same origin, and the path is the base's or below it (`/sandbox/graph/…`, not `/sandbox/graphs`). */
function belowOwnBase(url: URL, policy: OutboundUrlPolicy): boolean {
  return (policy.ownBaseUrls ?? []).some((base) => {
    const own = new URL(base);
    const path = own.pathname.replace(/\/+$/, '');
    return url.origin === own.origin && (url.pathname === path || url.pathname.startsWith(`${path}/`));
  });
}

/**
 * The domains Meta serves media from: WhatsApp's media URLs (`lookaside.fbsbx.com`) and the CDN
 * links of Messenger and Instagram attachments (`*.fbcdn.net`, `*.cdninstagram.com`).
 */
export const META_MEDIA_HOST_SUFFIXES = ['.fbsbx.com', '.fbcdn.net', '.cdninstagram.com'] as const;

/**
 * Downloads of a channel's media: the channel's own hosts (a Graph API base of a test or a sandbox
 * serves its media there) and Meta's media domains. The channel token goes only where this allows.
 */
export function channelMediaUrlPolicy(channel: OutboundUrlPolicy): OutboundUrlPolicy {
  return {
    ...channel,
    allowedHostSuffixes: [...(channel.allowedHostSuffixes ?? []), ...META_MEDIA_HOST_SUFFIXES],
  };
}

/** Partner webhooks: any host, as long as it is public. */
export function partnerWebhookUrlPolicy(config: Pick<Config, 'outboundAllowPrivate'>): OutboundUrlPolicy {
  return { allowPrivate: config.outboundAllowPrivate, allowedHosts: null };
}

export enum OutboundUrlRefusalReason {
  /** Not an absolute URL, or too long. */
  MALFORMED = 'MALFORMED',
  /** Not https (or http when private addresses are allowed). */
  SCHEME = 'SCHEME',
  /** A user name or password in the URL. */
  CREDENTIALS = 'CREDENTIALS',
  /** A host the policy does not list. */
  HOST_NOT_ALLOWED = 'HOST_NOT_ALLOWED',
  /** The host name does not resolve. */
  UNRESOLVED = 'UNRESOLVED',
  /** The host is, or resolves to, an address that is not public. */
  ADDRESS_NOT_PUBLIC = 'ADDRESS_NOT_PUBLIC',
}

/** A URL (or the address it resolved to) the policy refuses; each caller maps it to its own code. */
export class OutboundUrlRefusal extends Error {
  override readonly name = 'OutboundUrlRefusal';

  constructor(
    readonly reason: OutboundUrlRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

// IPv6 global unicast is 2000::/3; outside it are the loopback, the unspecified address, the
// IPv4-compatible ::/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, unique-local, link-local, multicast.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Whether requests may not go to this IP address. Only plain public unicast passes: every IPv6 form
 * that embeds or translates an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) is refused
 * along with the special ranges, so no spelling of a private address slips through. Anything that
 * is not an IP address is refused too.
 */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)) return true;
  // ipaddr.js names every special-purpose block of the IANA registries; the rest is 'unicast'.
  return parsed.range() !== 'unicast';
}

function refused(reason: OutboundUrlRefusalReason, message: string): OutboundUrlRefusal {
  return new OutboundUrlRefusal(reason, message);
}

/** `[::1]` → `::1`; `graph.facebook.com.` → `graph.facebook.com`. */
function bareHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

function notPublic(host: string, address: string): OutboundUrlRefusal {
  return refused(
    OutboundUrlRefusalReason.ADDRESS_NOT_PUBLIC,
    `The host ${host} resolves to ${address}, a private, loopback, link-local or reserved address: only public addresses may be reached.`,
  );
}

/**
 * The checks that need no DNS: an absolute URL of at most 2,048 characters, https (http too when
 * private addresses are allowed), no credentials, a listed host, and for an IP literal a public
 * address. The WHATWG parser has already turned decimal, octal and hex IPv4 spellings into dotted
 * quads and IPv6 into its canonical form, so the address checks see what a socket would dial.
 * Returns the URL without its fragment.
 */
export function parseOutboundUrl(raw: string | URL, policy: OutboundUrlPolicy): URL {
  let url: URL;
  try {
    const text = typeof raw === 'string' ? raw.trim() : raw.href;
    if (text.length > MAX_OUTBOUND_URL_LENGTH) throw new Error('too long');
    url = new URL(text);
  } catch {
    throw refused(
      OutboundUrlRefusalReason.MALFORMED,
      `Give an absolute https URL of at most ${MAX_OUTBOUND_URL_LENGTH} characters.`,
    );
  }
  if (!url.username && !url.password && belowOwnBase(url, policy)) {
    url.hash = '';
    return url;
  }
  const protocols = policy.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!protocols.includes(url.protocol)) {
    throw refused(OutboundUrlRefusalReason.SCHEME, `The URL must use https, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw refused(OutboundUrlRefusalReason.CREDENTIALS, 'The URL must not carry a user name or password.');
  }
  url.hash = '';
  const host = bareHost(url.hostname);
  const literal = isIP(host) !== 0;
  if (literal && !policy.allowPrivate && isForbiddenAddress(host)) throw notPublic(host, host);
  const lower = host.toLowerCase();
  if (
    policy.allowedHosts &&
    !policy.allowedHosts.includes(lower) &&
    !(policy.allowedHostSuffixes ?? []).some((suffix) => lower.endsWith(suffix.toLowerCase()))
  ) {
    throw refused(
      OutboundUrlRefusalReason.HOST_NOT_ALLOWED,
      `The host ${host} is not one this server may call (allowed: ${policy.allowedHosts.join(', ')}); an operator can add it with OUTBOUND_ALLOWED_HOSTS.`,
    );
  }
  return url;
}

/** Every address a host name resolves to, in the resolver's order. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export const systemResolver: HostResolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((entry) => entry.address)),
    ),
  );

/**
 * The full check, for when a URL is stored: `parseOutboundUrl`, then the host name resolved and
 * every address it resolves to public (one private answer is enough to refuse it). Requests check
 * again at connect time with `guardedLookup`, since DNS answers change.
 */
export async function checkOutboundUrl(
  raw: string | URL,
  policy: OutboundUrlPolicy,
  resolver: HostResolver = systemResolver,
): Promise<URL> {
  const url = parseOutboundUrl(raw, policy);
  const host = bareHost(url.hostname);
  if (policy.allowPrivate || isIP(host) !== 0) return url;
  let addresses: string[] = [];
  try {
    addresses = await resolver(host);
  } catch {
    // Refused just below, like an empty answer.
  }
  if (addresses.length === 0) {
    throw refused(OutboundUrlRefusalReason.UNRESOLVED, `The host ${host} does not resolve.`);
  }
  const forbidden = addresses.find(isForbiddenAddress);
  if (forbidden !== undefined) throw notPublic(host, forbidden);
  return url;
}

type LookupImpl = (
  hostname: string,
  options: { all: true; verbatim: true; family?: number | 'IPv4' | 'IPv6'; hints?: number },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * The DNS lookup of outbound sockets: the socket connects only to addresses this lookup returns,
 * so a host that answers differently after the check (DNS rebinding) still cannot reach a private
 * address. Every address must pass, as in `checkOutboundUrl`.
 */
export function guardedLookup(policy: OutboundUrlPolicy, lookup: LookupImpl = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(
      hostname,
      { family: options.family, hints: options.hints, all: true, verbatim: true },
      (error, addresses) => {
        if (error) return callback(error, '', 0);
        const forbidden = policy.allowPrivate
          ? undefined
          : addresses.find((entry) => isForbiddenAddress(entry.address));
        if (addresses.length === 0 || forbidden) {
          const refusal = forbidden
            ? notPublic(hostname, forbidden.address)
            : refused(OutboundUrlRefusalReason.UNRESOLVED, `The host ${hostname} does not resolve.`);
          return callback(refusal, '', 0);
        }
        if (options.all)
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        const first = addresses[0]!;
        callback(null, first.address, first.family);
      },
    );
  };
}
