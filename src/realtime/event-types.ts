/** Kinds of events in the log; each subscription reads some of them. */
export enum EventType {
  TRAY_CHANGED = 'TRAY_CHANGED',
  MESSAGE_ADDED = 'MESSAGE_ADDED',
  MESSAGE_STATUS_CHANGED = 'MESSAGE_STATUS_CHANGED',
  MESSAGE_DELIVERY_FAILED = 'MESSAGE_DELIVERY_FAILED',
  AI_SUMMARY_READY = 'AI_SUMMARY_READY',
  CONVERSATION_UPDATED = 'CONVERSATION_UPDATED',
  /** A campaign's totals may have changed (payload: campaignId). */
  CAMPAIGN_PROGRESS = 'CAMPAIGN_PROGRESS',
  /** An admin action was recorded in the audit log (payload: the entry); admins and admin keys only. */
  AUDIT_RECORDED = 'AUDIT_RECORDED',
  /** An agent's status changed (payload: agentId, status, previousStatus, reason). */
  AGENT_STATUS_CHANGED = 'AGENT_STATUS_CHANGED',
  /** An agent joined a team (payload: teamId, agentId): they see its queue from this event on. */
  TEAM_MEMBER_ADDED = 'TEAM_MEMBER_ADDED',
  /** An agent left a team, or the team was deleted (payload: teamId, agentId). */
  TEAM_MEMBER_REMOVED = 'TEAM_MEMBER_REMOVED',
}

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
