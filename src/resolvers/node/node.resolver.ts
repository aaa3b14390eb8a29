import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { type EntityTarget, type ObjectLiteral } from 'typeorm';
import { Node } from '../../schema/node';
import { fromGlobalId } from '../../entities/global-id';
import { Access, Allow } from '../../schema/access.decorator';
import { isAdmin } from '../../auth/viewer';
import { readableRowOrNull } from '../../services/conversation/conversation-visibility';
import { notFound } from '../../services/errors';
import { type AuthedContext } from '../../server/context';
import { Agent } from '../../entities/agent.entity';
import { Campaign } from '../../entities/campaign.entity';
import { CannedResponse } from '../../entities/canned-response.entity';
import { readableBulkJobOrNull } from '../../services/conversation/bulk-job.service';
import { readableMacroOrNull } from '../../services/macro/macro.service';
import { readableCannedResponseOrNull } from '../../services/canned-response/canned-response.service';
import { CampaignRecipient } from '../../entities/campaign-recipient.entity';
import { AiSummary } from '../../entities/ai-summary.entity';
import { ApiKey } from '../../entities/api-key.entity';
import { AuditEntry } from '../../entities/audit-entry.entity';
import { Attachment } from '../../entities/attachment.entity';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { BulkJob } from '../../entities/bulk-job.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Macro } from '../../entities/macro.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { CustomField } from '../../entities/custom-field.entity';
import { Customer } from '../../entities/customer.entity';
import { Message } from '../../entities/message.entity';
import { Note } from '../../entities/note.entity';
import { PersistedQuery } from '../../entities/persisted-query.entity';
import { Suggestion } from '../../entities/suggestion.entity';
import { Tag } from '../../entities/tag.entity';
import { Template } from '../../entities/template.entity';
import { Team } from '../../entities/team.entity';
import { SlaPolicy } from '../../entities/sla-policy.entity';
import { WebhookDelivery } from '../../entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../../entities/webhook-endpoint.entity';

/**
 * Types `node(id)` can fetch; each read is scoped to the caller's workspace. A Map, not an object
 * literal: the type comes from the client, and `toString` or `__proto__` must name nothing.
 */
const NODE_TYPES = new Map<string, EntityTarget<ObjectLiteral> & { name: string }>(
  Object.entries({
    Agent,
    Attachment,
    BulkJob,
    Campaign,
    CampaignRecipient,
    CannedResponse,
    AiSummary,
    ChannelAccount,
    Conversation,
    ConversationEvent,
    CustomField,
    Customer,
    Macro,
    Message,
    Note,
    PersistedQuery,
    SlaPolicy,
    Suggestion,
    Tag,
    Team,
    Template,
    ApiKey,
    AuditEntry,
    WebhookDelivery,
    WebhookEndpoint,
  }),
);

/** Partner credentials, webhook configuration, registered operations and the audit log: admins only. */
const ADMIN_ONLY = new Set(['ApiKey', 'AuditEntry', 'PersistedQuery', 'WebhookDelivery', 'WebhookEndpoint']);

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      'Any object by global id (NOT_FOUND when it does not exist in your workspace, or, for an agent, when it belongs to a conversation assigned to another agent; an attachment not yet sent is found by its uploader and admins only).',
  })
  @Access(Allow.read)
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: AuthedContext): Promise<Node> {
    const decoded = fromGlobalId(id);
    if (decoded?.type === 'Workspace' && decoded.id === ctx.viewer.workspaceId) return ctx.viewer.workspace;
    const entity = decoded ? NODE_TYPES.get(decoded.type) : undefined;
    if (!decoded || !entity || (ADMIN_ONLY.has(decoded.type) && !isAdmin(ctx.viewer))) throw notFound('Node');
    // Conversations and their rows answer to the agent read rule; hidden reads like absent.
    // Canned responses and macros answer to their own read rule (a personal one is its owner's
    // alone); a bulk job to its requester and admins.
    const row =
      entity === CannedResponse
        ? await readableCannedResponseOrNull(ctx, decoded.id)
        : entity === Macro
          ? await readableMacroOrNull(ctx, decoded.id)
          : entity === BulkJob
            ? await readableBulkJobOrNull(ctx, decoded.id)
            : await readableRowOrNull(ctx, entity, decoded.id);
    if (!row) throw notFound(entity.name);
    return row as Node;
  }
}
