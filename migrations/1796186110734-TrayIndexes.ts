import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes in the sort order of the trays and the conversation list, so a page is a range read of
 * its first rows instead of a scan and a sort. The tray indexes are partial — open, agent-handled,
 * not closing: the rows every tray rule starts with — and include every other column the rules
 * test, so the tray counts are index-only. A tray of one assignee reads `conversation_tray_idx`
 * (workspace, status, handler, assignee, then the same order), already in this order.
 */
export class TrayIndexes1796186110734 implements MigrationInterface {
  name = 'TrayIndexes1796186110734';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rules = `INCLUDE ("assignee_id", "team_id", "snoozed_until", "outgoing_since", "window_expires_at", "first_agent_reply_at") WHERE status = 'OPEN' AND handler = 'AGENT' AND outcome IS NULL`;
    await queryRunner.query(
      `CREATE INDEX "conversation_agent_tray_idx" ON "conversation" ("workspace_id", "last_activity_at" DESC, "id" DESC) ${rules}`,
    );
    await queryRunner.query(
      `CREATE INDEX "conversation_agent_tray_team_idx" ON "conversation" ("workspace_id", "team_id", "last_activity_at" DESC, "id" DESC) ${rules}`,
    );
    await queryRunner.query(
      `CREATE INDEX "conversation_activity_idx" ON "conversation" ("workspace_id", "last_activity_at" DESC, "id" DESC)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."conversation_activity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversation_agent_tray_team_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversation_agent_tray_idx"`);
  }
}
