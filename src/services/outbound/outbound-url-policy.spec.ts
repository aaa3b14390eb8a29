import { type LookupAddress } from 'node:dns';
import {
  channelUrlPolicy,
  checkOutboundUrl,
  guardedLookup,
  isForbiddenAddress,
  OutboundUrlRefusal,
  OutboundUrlRefusalReason,
  parseOutboundUrl,
  type HostResolver,
  type OutboundUrlPolicy,
} from './outbound-url-policy';

const anyPublicHost: OutboundUrlPolicy = { allowPrivate: false, allowedHosts: null };
const graphOnly = channelUrlPolicy({
  outboundAllowPrivate: false,
  outboundAllowedHosts: [],
  graphApiBaseUrl: 'https://graph.facebook.com',
});

/** A resolver that answers from a table and records what it was asked. */
function resolverOf(table: Record<string, string[]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses;
  };
  return Object.assign(resolve, { asked });
}

async function refusalOf(promise: Promise<unknown>): Promise<OutboundUrlRefusal> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OutboundUrlRefusal);
  return error as OutboundUrlRefusal;
}

describe('outbound addresses', () => {
  it.each([
    '10.0.0.5',
    '127.0.0.1',
    '169.254.169.254',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.251',
    '255.255.255.255',
    '192.0.2.10',
    '198.18.0.1',
    '240.0.0.1',
    '::',
    '::1',
    'fd00::1',
    'fc00::1',
    'fe80::1',
    'fec0::1',
    'ff02::1',
    '100::1',
    '2001:db8::1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    // IPv4-mapped forms are refused whole, a public address included: nothing publishes them.
    '::ffff:8.8.8.8',
    '::ffff:0:a9fe:a9fe',
    '::7f00:1',
    '::a9fe:a9fe',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b::808:808',
    '64:ff9b:1::a00:1',
    '2002:7f00:1::1',
    '2002:808:808::1',
    '2001::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '3fff::1',
    'not-an-ip',
    '0x7f.1',
    '2130706433',
  ])('%s is forbidden', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '157.240.22.35',
    '172.32.0.1',
    '2606:4700:4700::1111',
    '2a03:2880:f10d:83:face:b00c:0:25de',
  ])('%s is public', (address) => expect(isForbiddenAddress(address)).toBe(false));
});

describe('outbound URLs', () => {
  it.each([
    'https://127.0.0.1/v21.0',
    'https://10.0.0.5/',
    'https://192.168.1.1:8443/',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.1.1/',
    'https://0.0.0.0/',
    // Decimal, hex, octal and short spellings all parse to 127.0.0.1.
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0x7f.0.0.1/',
    'https://0177.0.0.1/',
    'https://127.1/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[0:0:0:0:0:ffff:7f00:1]/',
    'https://[::127.0.0.1]/',
    'https://[64:ff9b::169.254.169.254]/',
    'https://[64:ff9b:1::a00:1]/',
    'https://[2002:a9fe:a9fe::]/',
    'https://[2001:0:4136:e378::1]/',
    'https://[fd12:3456::1]/',
    'https://[fe80::1]/',
  ])('refuses the address of %s without asking DNS', async (url) => {
    const resolver = resolverOf({});
    const refusal = await refusalOf(checkOutboundUrl(url, graphOnly, resolver));
    expect(refusal.reason).toBe(OutboundUrlRefusalReason.ADDRESS_NOT_PUBLIC);
    expect(refusal.message).toMatch(/a private, loopback, link-local or reserved address/);
    expect(resolver.asked).toEqual([]);
  });

  it('refuses a host that resolves to any private address, and one that does not resolve', async () => {
    const resolver = resolverOf({
      'rebind.example': ['93.184.216.34', '127.0.0.1'],
      'metadata.example': ['::ffff:169.254.169.254'],
      'nat64.example': ['64:ff9b::a00:5'],
    });
    for (const host of ['rebind.example', 'metadata.example', 'nat64.example']) {
      const refusal = await refusalOf(checkOutboundUrl(`https://${host}/hook`, anyPublicHost, resolver));
      expect(refusal.reason).toBe(OutboundUrlRefusalReason.ADDRESS_NOT_PUBLIC);
      expect(refusal.message).toContain(`The host ${host} resolves to`);
    }
    const missing = await refusalOf(checkOutboundUrl('https://nowhere.example/', anyPublicHost, resolver));
    expect(missing.reason).toBe(OutboundUrlRefusalReason.UNRESOLVED);
  });

  it("allows Meta's Graph API hosts on public addresses, and no other host unless configured", async () => {
    const resolver = resolverOf({
      'graph.facebook.com': ['157.240.22.35', '2a03:2880:f10d:83:face:b00c:0:25de'],
      'graph.instagram.com': ['157.240.22.63'],
      'graph.example.com': ['93.184.216.34'],
    });
    await expect(checkOutboundUrl('https://graph.facebook.com/', graphOnly, resolver)).resolves.toMatchObject(
      {
        href: 'https://graph.facebook.com/',
      },
    );
    await expect(
      checkOutboundUrl('https://GRAPH.INSTAGRAM.COM./', graphOnly, resolver),
    ).resolves.toBeInstanceOf(URL);
    const other = await refusalOf(checkOutboundUrl('https://graph.example.com/', graphOnly, resolver));
    expect(other.reason).toBe(OutboundUrlRefusalReason.HOST_NOT_ALLOWED);
    expect(other.message).toMatch(/OUTBOUND_ALLOWED_HOSTS/);
    // A host that is not allowed is refused before any DNS question about it.
    expect(resolver.asked).not.toContain('graph.example.com');

    const widened = channelUrlPolicy({
      outboundAllowPrivate: false,
      outboundAllowedHosts: ['graph.example.com'],
      graphApiBaseUrl: 'https://graph.facebook.com',
    });
    await expect(checkOutboundUrl('https://graph.example.com/', widened, resolver)).resolves.toBeInstanceOf(
      URL,
    );
    const sandbox = channelUrlPolicy({
      outboundAllowPrivate: false,
      outboundAllowedHosts: [],
      graphApiBaseUrl: 'https://graph.example.com/',
    });
    expect(sandbox.allowedHosts).toContain('graph.example.com');
  });

  it('requires https and no credentials, unless the development switch allows http', () => {
    const refusal = (url: string, policy = anyPublicHost) => {
      try {
        parseOutboundUrl(url, policy);
      } catch (error) {
        return (error as OutboundUrlRefusal).reason;
      }
      return null;
    };
    expect(refusal('http://93.184.216.34/')).toBe(OutboundUrlRefusalReason.SCHEME);
    expect(refusal('file:///etc/passwd')).toBe(OutboundUrlRefusalReason.SCHEME);
    expect(refusal('https://user:pass@93.184.216.34/')).toBe(OutboundUrlRefusalReason.CREDENTIALS);
    expect(refusal('not a url')).toBe(OutboundUrlRefusalReason.MALFORMED);
    expect(refusal(`https://93.184.216.34/${'a'.repeat(2100)}`)).toBe(OutboundUrlRefusalReason.MALFORMED);
    const development = { allowPrivate: true, allowedHosts: null };
    expect(refusal('http://127.0.0.1:4010/', development)).toBeNull();
    expect(refusal('ftp://127.0.0.1/', development)).toBe(OutboundUrlRefusalReason.SCHEME);
    // The host list still applies under the development switch.
    expect(refusal('http://127.0.0.1:4010/', { ...graphOnly, allowPrivate: true })).toBe(
      OutboundUrlRefusalReason.HOST_NOT_ALLOWED,
    );
  });
});

describe("the process's own base URLs", () => {
  const refusalOf = (url: string, policy: OutboundUrlPolicy) => {
    try {
      parseOutboundUrl(url, policy);
    } catch (error) {
      return (error as OutboundUrlRefusal).reason;
    }
    return null;
  };

  it('let through the Graph API sandbox this process serves, at its origin and below its path only', async () => {
    const own = channelUrlPolicy(
      {
        outboundAllowPrivate: false,
        outboundAllowedHosts: [],
        graphApiBaseUrl: 'https://graph.facebook.com',
      },
      ['http://127.0.0.1:4000/sandbox/graph'],
    );
    expect(refusalOf('http://127.0.0.1:4000/sandbox/graph/v21.0/123/messages', own)).toBeNull();
    expect(refusalOf('http://127.0.0.1:4000/sandbox/graph', own)).toBeNull();
    await expect(checkOutboundUrl('http://127.0.0.1:4000/sandbox/graph', own)).resolves.toBeInstanceOf(URL);
    // Everything else on loopback stays refused, however it is spelled.
    expect(refusalOf('http://127.0.0.1:4000/graphql', own)).toBe(OutboundUrlRefusalReason.SCHEME);
    expect(refusalOf('http://127.0.0.1:4000/sandbox/graphs/x', own)).toBe(OutboundUrlRefusalReason.SCHEME);
    expect(refusalOf('http://127.0.0.1:4000/sandbox/graph/../../graphql', own)).toBe(
      OutboundUrlRefusalReason.SCHEME,
    );
    expect(refusalOf('http://127.0.0.1:4000/sandbox/graph/%2e%2e/%2e%2e/graphql', own)).toBe(
      OutboundUrlRefusalReason.SCHEME,
    );
    expect(refusalOf('http://127.0.0.1:6379/sandbox/graph/x', own)).toBe(OutboundUrlRefusalReason.SCHEME);
    expect(refusalOf('http://localhost:4000/sandbox/graph/x', own)).toBe(OutboundUrlRefusalReason.SCHEME);
    expect(refusalOf('http://a:b@127.0.0.1:4000/sandbox/graph/x', own)).not.toBeNull();
    // Without a sandbox the channel rule is unchanged.
    expect(refusalOf('http://127.0.0.1:4000/sandbox/graph/x', graphOnly)).toBe(
      OutboundUrlRefusalReason.SCHEME,
    );
  });
});

describe('the connect-time lookup', () => {
  const lookupOf =
    (addresses: LookupAddress[]) =>
    (_host: string, _options: unknown, callback: (error: null, addresses: LookupAddress[]) => void) =>
      callback(null, addresses);

  const run = (policy: OutboundUrlPolicy, addresses: LookupAddress[], all: boolean) =>
    new Promise<{ error: Error | null; result: unknown }>((resolve) =>
      guardedLookup(policy, lookupOf(addresses))('host.example', { all }, (error, address, family) =>
        resolve({ error, result: all ? address : { address, family } }),
      ),
    );

  it('answers only when every address is public, so a rebinding answer never reaches a socket', async () => {
    const mixed = [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    const refused = await run(anyPublicHost, mixed, true);
    expect(refused.error).toBeInstanceOf(OutboundUrlRefusal);
    expect(refused.error!.message).toMatch(/host.example resolves to 10.0.0.7/);

    const public4 = [{ address: '93.184.216.34', family: 4 }];
    expect(await run(anyPublicHost, public4, true)).toEqual({ error: null, result: public4 });
    expect(await run(anyPublicHost, public4, false)).toEqual({
      error: null,
      result: { address: '93.184.216.34', family: 4 },
    });
    expect((await run({ allowPrivate: true, allowedHosts: null }, mixed, true)).error).toBeNull();
  });
});
