/**
 * Which browser origins may call the API: the one rule CORS and the WebSocket upgrade share.
 * Patterns are exact origins (`https://app.example.com`) or `scheme://host:*` for any port.
 */
export function originPolicy(patterns: readonly string[]): (origin: string) => boolean {
  const exact = new Set(patterns.filter((pattern) => !pattern.endsWith(':*')));
  const anyPort = new Set(patterns.filter((pattern) => pattern.endsWith(':*')).map((p) => p.slice(0, -2)));
  return (origin) => {
    // `Origin: null` (files, sandboxed frames) and anything malformed is no origin we can allow.
    if (!URL.canParse(origin)) return false;
    const parsed = new URL(origin);
    if (parsed.origin === 'null') return false;
    return exact.has(parsed.origin) || anyPort.has(`${parsed.protocol}//${parsed.hostname}`);
  };
}

/**
 * A page of this very server (the explorer) opening its WebSocket: `Origin` names the host the
 * request went to. A page elsewhere cannot make its browser say so.
 */
export function sameHost(origin: string, host: string | undefined): boolean {
  if (!host || !URL.canParse(origin)) return false;
  return new URL(origin).host === host.toLowerCase();
}
