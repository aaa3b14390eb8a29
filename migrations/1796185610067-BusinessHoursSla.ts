import { MigrationInterface, QueryRunner } from 'typeorm';

export class BusinessHoursSla1796185610067 implements MigrationInterface {
  name = 'BusinessHoursSla1796185610067';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."sla_target" AS ENUM('FIRST_RESPONSE', 'NEXT_RESPONSE', 'RESOLUTION')`,
    );
    await queryRunner.query(
      `CREATE TABLE "sla_breach" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "conversation_id" uuid NOT NULL, "policy_id" uuid, "target" "public"."sla_target" NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "agent_id" uuid, "team_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_485a2b768557b1abdad9e86c819" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "sla_breach_team_idx" ON "sla_breach"  ("workspace_id", "team_id", "due_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "sla_breach_agent_idx" ON "sla_breach"  ("workspace_id", "agent_id", "due_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "sla_breach_once" ON "sla_breach"  ("conversation_id", "target", "due_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sla_policy" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "position" integer NOT NULL, "channel_account_ids" uuid array NOT NULL DEFAULT '{}', "team_ids" uuid array NOT NULL DEFAULT '{}', "priorities" text array NOT NULL DEFAULT '{}', "tag_ids" uuid array NOT NULL DEFAULT '{}', "first_response_seconds" integer, "next_response_seconds" integer, "resolution_seconds" integer, "business_hours_only" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_19c1aa9dd53b9fc80648ae034b4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "sla_policy_workspace_position_idx" ON "sla_policy"  ("workspace_id", "position") `,
    );
    await queryRunner.query(`ALTER TABLE "workspace" ADD "business_hours" jsonb`);
    await queryRunner.query(`ALTER TABLE "workspace" ADD "out_of_office_message" text`);
    await queryRunner.query(`ALTER TABLE "team" ADD "business_hours" jsonb`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD "sla_policy_id" uuid`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD "sla_started_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "conversation" ADD "sla_first_response_due_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation" ADD "sla_first_response_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation" ADD "sla_next_response_due_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation" ADD "sla_resolution_due_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "conversation" ADD "sla_breached_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD "out_of_office_for" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TYPE "public"."conversation_event_type" ADD VALUE 'SLA_BREACHED'`);
    await queryRunner.query(`ALTER TYPE "public"."conversation_event_type" ADD VALUE 'OUT_OF_OFFICE_SENT'`);
    await queryRunner.query(
      `CREATE INDEX "conversation_sla_resolution_due_idx" ON "conversation"  ("sla_resolution_due_at") WHERE status = 'OPEN' AND sla_resolution_due_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "conversation_sla_next_due_idx" ON "conversation"  ("sla_next_response_due_at") WHERE status = 'OPEN' AND sla_next_response_due_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "conversation_sla_first_due_idx" ON "conversation"  ("sla_first_response_due_at") WHERE status = 'OPEN' AND sla_first_response_at IS NULL AND sla_first_response_due_at IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "sla_breach" ADD CONSTRAINT "FK_14aa6bca9093f4ac16a25adcdfd" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sla_breach" ADD CONSTRAINT "FK_ddefa897d5bcd463e3416b897c8" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sla_policy" ADD CONSTRAINT "FK_6bf372600d0dcabf5080d26eeac" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sla_policy" DROP CONSTRAINT "FK_6bf372600d0dcabf5080d26eeac"`);
    await queryRunner.query(`ALTER TABLE "sla_breach" DROP CONSTRAINT "FK_ddefa897d5bcd463e3416b897c8"`);
    await queryRunner.query(`ALTER TABLE "sla_breach" DROP CONSTRAINT "FK_14aa6bca9093f4ac16a25adcdfd"`);
    await queryRunner.query(`DROP INDEX "public"."conversation_sla_first_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversation_sla_next_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversation_sla_resolution_due_idx"`);
    await queryRunner.query(
      `CREATE TYPE "public"."conversation_event_type_old" AS ENUM('CREATED', 'HANDOFF', 'ASSIGNED', 'TAKEN', 'TRANSFERRED', 'UNASSIGNED', 'CLOSING', 'CLOSED', 'RETURNED_TO_BOT', 'REOPENED', 'TRAY_MOVED', 'LABEL_ADDED', 'LABEL_REMOVED', 'CUSTOMER_MERGED', 'TEAM_CHANGED', 'PRIORITY_CHANGED', 'SNOOZED', 'UNSNOOZED')`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_event" ALTER COLUMN "type" TYPE "public"."conversation_event_type_old" USING "type"::"text"::"public"."conversation_event_type_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."conversation_event_type"`);
    await queryRunner.query(
      `ALTER TYPE "public"."conversation_event_type_old" RENAME TO "conversation_event_type"`,
    );
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "out_of_office_for"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "sla_breached_at"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "sla_resolution_due_at"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "sla_next_response_due_at"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "sla_first_response_at"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "sla_first_response_due_at"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "sla_started_at"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "sla_policy_id"`);
    await queryRunner.query(`ALTER TABLE "team" DROP COLUMN "business_hours"`);
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "out_of_office_message"`);
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "business_hours"`);
    await queryRunner.query(`DROP INDEX "public"."sla_policy_workspace_position_idx"`);
    await queryRunner.query(`DROP TABLE "sla_policy"`);
    await queryRunner.query(`DROP INDEX "public"."sla_breach_once"`);
    await queryRunner.query(`DROP INDEX "public"."sla_breach_agent_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sla_breach_team_idx"`);
    await queryRunner.query(`DROP TABLE "sla_breach"`);
    await queryRunner.query(`DROP TYPE "public"."sla_target"`);
  }
}
