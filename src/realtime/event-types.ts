/** Kinds of events in the log; each subscription reads some of them. */
export enum EventType {
  TRAY_CHANGED = 'TRAY_CHANGED',
  MESSAGE_ADDED = 'MESSAGE_ADDED',
  MESSAGE_STATUS_CHANGED = 'MESSAGE_STATUS_CHANGED',
  MESSAGE_DELIVERY_FAILED = 'MESSAGE_DELIVERY_FAILED',
  /**
   * A reaction was set on a message or removed (payload: messageId, conversationId, emoji — null
   * when removed —, actor); nothing else of the conversation changed.
   */
  MESSAGE_REACTION = 'MESSAGE_REACTION',
  AI_SUMMARY_READY = 'AI_SUMMARY_READY',
  CONVERSATION_UPDATED = 'CONVERSATION_UPDATED',
  /** A campaign's totals may have changed (payload: campaignId). */
  CAMPAIGN_PROGRESS = 'CAMPAIGN_PROGRESS',
  /** A chunk of a bulk job was applied (payload: bulkJobId, done, failed, finished). */
  BULK_JOB_PROGRESS = 'BULK_JOB_PROGRESS',
  /** An admin action was recorded in the audit log (payload: the entry); admins and admin keys only. */
  AUDIT_RECORDED = 'AUDIT_RECORDED',
  /** An agent's status changed (payload: agentId, status, previousStatus, reason). */
  AGENT_STATUS_CHANGED = 'AGENT_STATUS_CHANGED',
  /** An agent joined a team (payload: teamId, agentId): they see its queue from this event on. */
  TEAM_MEMBER_ADDED = 'TEAM_MEMBER_ADDED',
  /** An agent left a team, or the team was deleted (payload: teamId, agentId). */
  TEAM_MEMBER_REMOVED = 'TEAM_MEMBER_REMOVED',
  /** A note was written on a conversation (payload: conversationId, noteId). */
  NOTE_CREATED = 'NOTE_CREATED',
  /** A note's body was edited (payload: conversationId, noteId). */
  NOTE_UPDATED = 'NOTE_UPDATED',
  /** A note was deleted (payload: conversationId, noteId); admins still read its history. */
  NOTE_DELETED = 'NOTE_DELETED',
  /**
   * An agent was mentioned in a note (payload: conversationId, noteId, mentionedAgentId, authorId).
   * Its audience is the mentioned agent alone (the record's assignee column names them).
   */
  NOTE_MENTION = 'NOTE_MENTION',
  /** A label was put on a conversation (payload: conversationId, labelId). */
  LABEL_ADDED = 'LABEL_ADDED',
  /** A label was taken off a conversation (payload: conversationId, labelId). */
  LABEL_REMOVED = 'LABEL_REMOVED',
  /** A customer was created through the API (payload: customerId). */
  CUSTOMER_CREATED = 'CUSTOMER_CREATED',
  /** A customer's name, e-mail or custom fields changed (payload: customerId, changed). */
  CUSTOMER_UPDATED = 'CUSTOMER_UPDATED',
  /** One custom field value was set or cleared (payload: customerId, key). */
  CUSTOMER_FIELD_SET = 'CUSTOMER_FIELD_SET',
  /** A tag was put on a customer (payload: customerId, tagId). */
  CUSTOMER_TAGGED = 'CUSTOMER_TAGGED',
  /** A tag was taken off a customer (payload: customerId, tagId). */
  CUSTOMER_UNTAGGED = 'CUSTOMER_UNTAGGED',
  /**
   * A customer was merged into another (payload: customerId — the survivor, fromCustomerId — the
   * merged one, which answers NOT_FOUND from now on, closedConversationId when one was closed).
   */
  CUSTOMER_MERGED = 'CUSTOMER_MERGED',
  /**
   * An SLA target passed its due time unmet (payload: conversationId, target, dueAt, policyId,
   * assigneeId, teamId), pushed at that instant by its timer.
   */
  SLA_BREACHED = 'SLA_BREACHED',
  /**
   * A file of a message changed status: copied (READY), FAILED with its error, or queued again by
   * `attachmentRetry` (PENDING). Payload: conversationId, messageId, attachmentId, status, errorCode.
   */
  ATTACHMENT_STATUS_CHANGED = 'ATTACHMENT_STATUS_CHANGED',
}

/** Changes of one conversation that its live view shows (`conversationUpdated`). */
export const CONVERSATION_VIEW_EVENT_TYPES: ReadonlySet<string> = new Set([
  EventType.CONVERSATION_UPDATED,
  EventType.NOTE_CREATED,
  EventType.NOTE_UPDATED,
  EventType.NOTE_DELETED,
  EventType.LABEL_ADDED,
  EventType.LABEL_REMOVED,
  EventType.MESSAGE_REACTION,
  EventType.SLA_BREACHED,
  EventType.ATTACHMENT_STATUS_CHANGED,
]);

/** Changes of one customer (`customerUpdated`, and `conversationUpdated` of their conversations). */
export const CUSTOMER_EVENT_TYPES: ReadonlySet<string> = new Set([
  EventType.CUSTOMER_CREATED,
  EventType.CUSTOMER_UPDATED,
  EventType.CUSTOMER_FIELD_SET,
  EventType.CUSTOMER_TAGGED,
  EventType.CUSTOMER_UNTAGGED,
  EventType.CUSTOMER_MERGED,
]);

/** Event types only workspace administrators (admin agents, admin-scoped keys) may see. */
export const ADMIN_EVENT_TYPES: ReadonlySet<string> = new Set([EventType.AUDIT_RECORDED]);

/** An event about to be written with the change it describes. */
export interface NewEvent {
  type: EventType;
  conversationId: string | null;
  /**
   * The assignee the conversation has after the change (null: the queue); with the conversation's
   * team (read when the event is written) it decides which agents see it.
   */
  assigneeId: string | null;
  /** For moves between agents: the previous assignee also sees the event. */
  previousAssigneeId?: string | null;
  /** Set (null included) when the conversation's team changed: the previous queue also sees the event. */
  previousTeamId?: string | null;
  payload: Record<string, unknown>;
}
