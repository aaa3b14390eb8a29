import { MigrationInterface, QueryRunner } from 'typeorm';

export class PartnerWebhooks1795643219469 implements MigrationInterface {
  name = 'PartnerWebhooks1795643219469';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoint" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "url" text NOT NULL, "description" text, "event_types" text array NOT NULL, "secret_enc" text NOT NULL, "secret_prefix" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "disabled_at" TIMESTAMP WITH TIME ZONE, "disabled_reason" text, "cursor_seq" bigint NOT NULL DEFAULT '0', "consecutive_failures" integer NOT NULL DEFAULT '0', "failing_since" TIMESTAMP WITH TIME ZONE, "last_success_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6c98112122b2b8a4f3984d2efa8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_endpoint_workspace_idx" ON "webhook_endpoint"  ("workspace_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."webhook_delivery_status" AS ENUM('PENDING', 'SUCCEEDED', 'FAILED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "endpoint_id" uuid NOT NULL, "event_seq" bigint NOT NULL, "event_type" text NOT NULL, "body" text NOT NULL, "status" "public"."webhook_delivery_status" NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "retry_window_started_at" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_latency_ms" integer, "last_error" text, "response_excerpt" text, CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_delivery_due_idx" ON "webhook_delivery"  ("status", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_delivery_endpoint_created_idx" ON "webhook_delivery"  ("endpoint_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "webhook_delivery_endpoint_seq_key" ON "webhook_delivery"  ("endpoint_id", "event_seq") `,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "FK_fa1b5f2b928306cae9ca28ef0b0" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_f53f5aec02217a54927b13e39d9" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_f53f5aec02217a54927b13e39d9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoint" DROP CONSTRAINT "FK_fa1b5f2b928306cae9ca28ef0b0"`,
    );
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_endpoint_seq_key"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_endpoint_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_due_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP TYPE "public"."webhook_delivery_status"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_endpoint_workspace_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
  }
}
