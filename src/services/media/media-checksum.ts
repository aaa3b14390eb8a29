/**
 * A SHA-256 as Meta spells it, in lower-case hex: webhooks and media lookups give it in hex or in
 * base64 depending on the API version. Null for anything that is not 32 bytes in either spelling.
 */
export function normalizeSha256(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  if (/^[0-9a-f]{64}$/i.test(text)) return text.toLowerCase();
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes.toString('hex');
  }
  return null;
}
