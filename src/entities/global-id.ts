/**
 * Relay global ids: base64url("Type:uuid"), opaque to clients. A pure codec beside the entities, so
 * the edge and the rules (partner webhook payloads) share one spelling.
 */
export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns undefined for anything that is not a well-formed global id, so callers answer NOT_FOUND. */
export function fromGlobalId(globalId: string): { type: string; id: string } | undefined {
  if (typeof globalId !== 'string' || globalId.length > 200) return undefined;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  const type = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (!UUID.test(id)) return undefined;
  return { type, id: id.toLowerCase() };
}
