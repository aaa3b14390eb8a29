import { MigrationInterface, QueryRunner } from 'typeorm';

export class Campaigns1795643274600 implements MigrationInterface {
  name = 'Campaigns1795643274600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."campaign_status" AS ENUM('SCHEDULED', 'RUNNING', 'COMPLETED', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "campaign" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "status" "public"."campaign_status" NOT NULL, "channel_account_id" uuid NOT NULL, "template_id" uuid NOT NULL, "assignee_id" uuid, "variables" jsonb NOT NULL DEFAULT '[]', "opt_out_tag_id" uuid, "opt_out_field_key" text, "start_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "paused_until" TIMESTAMP WITH TIME ZONE, "tick_token" uuid, "last_tick_at" TIMESTAMP WITH TIME ZONE, "created_by_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ce34d26e7f2eb316a3a592cdc4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "campaign_workspace_created_idx" ON "campaign"  ("workspace_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."campaign_recipient_stage" AS ENUM('QUEUED', 'READY', 'SENDING', 'DISPATCHED', 'SKIPPED', 'FAILED', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "campaign_recipient" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "campaign_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "stage" "public"."campaign_recipient_stage" NOT NULL DEFAULT 'QUEUED', "message_id" uuid, "conversation_id" uuid, "error" jsonb, "attempts" integer NOT NULL DEFAULT '0', "attempted_at" TIMESTAMP WITH TIME ZONE, "replied_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1b3a6acf41b73676029cc4127d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "campaign_recipient_awaiting_reply_idx" ON "campaign_recipient"  ("conversation_id") WHERE replied_at IS NULL AND conversation_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "campaign_recipient_message_key" ON "campaign_recipient"  ("message_id") WHERE message_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "campaign_recipient_pending_idx" ON "campaign_recipient"  ("campaign_id", "id") WHERE stage IN ('QUEUED', 'READY', 'SENDING')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "campaign_recipient_campaign_customer_key" ON "campaign_recipient"  ("campaign_id", "customer_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign" ADD CONSTRAINT "FK_65fd85a606caa2a2d112b99d85f" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign" ADD CONSTRAINT "FK_bab67e1028342c47bd9717cdc6e" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign" ADD CONSTRAINT "FK_9448e42b62ffbcf0da2719b5bb7" FOREIGN KEY ("template_id") REFERENCES "template"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign" ADD CONSTRAINT "FK_25f08e11da788f5b64cea079203" FOREIGN KEY ("assignee_id") REFERENCES "agent"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign" ADD CONSTRAINT "FK_abfeba34c060e76b885f4b7d029" FOREIGN KEY ("opt_out_tag_id") REFERENCES "tag"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_recipient" ADD CONSTRAINT "FK_8abe7fee00176c5ca2263be600e" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_recipient" ADD CONSTRAINT "FK_4a5034cd47fbb32f7c448cd6eaf" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_recipient" ADD CONSTRAINT "FK_f1a4ad70ea6d062980c4babc60e" FOREIGN KEY ("message_id") REFERENCES "message"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_recipient" ADD CONSTRAINT "FK_63d4f01320798497f40dc0632bb" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "campaign_recipient" DROP CONSTRAINT "FK_63d4f01320798497f40dc0632bb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_recipient" DROP CONSTRAINT "FK_f1a4ad70ea6d062980c4babc60e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_recipient" DROP CONSTRAINT "FK_4a5034cd47fbb32f7c448cd6eaf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaign_recipient" DROP CONSTRAINT "FK_8abe7fee00176c5ca2263be600e"`,
    );
    await queryRunner.query(`ALTER TABLE "campaign" DROP CONSTRAINT "FK_abfeba34c060e76b885f4b7d029"`);
    await queryRunner.query(`ALTER TABLE "campaign" DROP CONSTRAINT "FK_25f08e11da788f5b64cea079203"`);
    await queryRunner.query(`ALTER TABLE "campaign" DROP CONSTRAINT "FK_9448e42b62ffbcf0da2719b5bb7"`);
    await queryRunner.query(`ALTER TABLE "campaign" DROP CONSTRAINT "FK_bab67e1028342c47bd9717cdc6e"`);
    await queryRunner.query(`ALTER TABLE "campaign" DROP CONSTRAINT "FK_65fd85a606caa2a2d112b99d85f"`);
    await queryRunner.query(`DROP INDEX "public"."campaign_recipient_campaign_customer_key"`);
    await queryRunner.query(`DROP INDEX "public"."campaign_recipient_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."campaign_recipient_message_key"`);
    await queryRunner.query(`DROP INDEX "public"."campaign_recipient_awaiting_reply_idx"`);
    await queryRunner.query(`DROP TABLE "campaign_recipient"`);
    await queryRunner.query(`DROP TYPE "public"."campaign_recipient_stage"`);
    await queryRunner.query(`DROP INDEX "public"."campaign_workspace_created_idx"`);
    await queryRunner.query(`DROP TABLE "campaign"`);
    await queryRunner.query(`DROP TYPE "public"."campaign_status"`);
  }
}
