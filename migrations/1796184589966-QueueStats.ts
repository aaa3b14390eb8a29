import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open, agent-handled conversations by workspace, assignee and team, carrying every column the tray
 * rules and the queue figures read: `queueStats`, `trays` and their subscriptions are index-only
 * scans over the open conversations, however many closed ones the workspace keeps.
 */
export class QueueStats1796184589966 implements MigrationInterface {
  name = 'QueueStats1796184589966';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "conversation_open_agent_idx" ON "conversation" ("workspace_id", "assignee_id", "team_id") INCLUDE ("status", "handler", "outcome", "last_activity_at", "snoozed_until", "first_agent_reply_at", "outgoing_since", "window_expires_at", "waiting_since") WHERE status = 'OPEN' AND handler = 'AGENT'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."conversation_open_agent_idx"`);
  }
}
