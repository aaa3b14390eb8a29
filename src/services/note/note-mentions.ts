import { fromGlobalId } from '../../entities/global-id';

/**
 * The mention syntax of notes: `@[Display Name](agentId)`, where `agentId` is the Agent's global id
 * (the `id` the API returns). A UI writes it from an agent picker; the id decides who is mentioned,
 * so renaming an agent or two agents with one name change nothing, and plain text such as an
 * e-mail address or "@team" is never taken for a mention.
 */
const MENTION = /@\[([^[\]\n]{1,100})\]\(([A-Za-z0-9_=-]{1,200})\)/g;

export interface NoteMention {
  /** The global id as written. */
  agentGlobalId: string;
  /** The database id it names, or null when it is not an Agent id at all. */
  agentId: string | null;
  displayName: string;
}

/** The mentions of a body, each agent once, in the order they first appear. */
export function parseMentions(body: string): NoteMention[] {
  const seen = new Set<string>();
  const mentions: NoteMention[] = [];
  for (const match of body.matchAll(MENTION)) {
    const [, displayName, agentGlobalId] = match as unknown as [string, string, string];
    const decoded = fromGlobalId(agentGlobalId);
    const agentId = decoded?.type === 'Agent' ? decoded.id : null;
    const key = agentId ?? agentGlobalId;
    if (seen.has(key)) continue;
    seen.add(key);
    mentions.push({ agentGlobalId, agentId, displayName: displayName.trim() });
  }
  return mentions;
}

/** How a UI writes a mention of an agent. */
export function mentionOf(agent: { name: string; globalId: string }): string {
  return `@[${agent.name.replace(/[[\]\n]/g, ' ').slice(0, 100)}](${agent.globalId})`;
}
