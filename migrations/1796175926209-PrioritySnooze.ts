import { MigrationInterface, QueryRunner } from 'typeorm';

export class PrioritySnooze1796175926209 implements MigrationInterface {
  name = 'PrioritySnooze1796175926209';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."priority" AS ENUM('NONE', 'LOW', 'MEDIUM', 'HIGH', 'URGENT')`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation" ADD "priority" "public"."priority" NOT NULL DEFAULT 'NONE'`,
    );
    await queryRunner.query(`ALTER TABLE "conversation" ADD "snoozed_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TYPE "public"."conversation_event_type" ADD VALUE 'PRIORITY_CHANGED'`);
    await queryRunner.query(`ALTER TYPE "public"."conversation_event_type" ADD VALUE 'SNOOZED'`);
    await queryRunner.query(`ALTER TYPE "public"."conversation_event_type" ADD VALUE 'UNSNOOZED'`);
    await queryRunner.query(
      `CREATE INDEX "conversation_priority_idx" ON "conversation"  ("workspace_id", "priority", "waiting_since") WHERE status = 'OPEN'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."conversation_priority_idx"`);
    await queryRunner.query(
      `CREATE TYPE "public"."conversation_event_type_old" AS ENUM('CREATED', 'HANDOFF', 'ASSIGNED', 'TAKEN', 'TRANSFERRED', 'UNASSIGNED', 'CLOSING', 'CLOSED', 'RETURNED_TO_BOT', 'REOPENED', 'TRAY_MOVED', 'LABEL_ADDED', 'LABEL_REMOVED', 'CUSTOMER_MERGED', 'TEAM_CHANGED')`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_event" ALTER COLUMN "type" TYPE "public"."conversation_event_type_old" USING "type"::"text"::"public"."conversation_event_type_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."conversation_event_type"`);
    await queryRunner.query(
      `ALTER TYPE "public"."conversation_event_type_old" RENAME TO "conversation_event_type"`,
    );
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "snoozed_until"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "priority"`);
    await queryRunner.query(`DROP TYPE "public"."priority"`);
  }
}
