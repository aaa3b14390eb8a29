import { MigrationInterface, QueryRunner } from 'typeorm';

export class MacrosBulkJobs1796221528005 implements MigrationInterface {
  name = 'MacrosBulkJobs1796221528005';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."bulk_job_kind" AS ENUM('UPDATE', 'MACRO')`);
    await queryRunner.query(
      `CREATE TABLE "bulk_job" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" "public"."bulk_job_kind" NOT NULL, "requested_by_type" "public"."actor_type" NOT NULL, "requested_by_id" uuid NOT NULL, "params" jsonb NOT NULL, "conversation_ids" uuid array NOT NULL, "chunk_size" integer NOT NULL, "chunks_done" integer array NOT NULL DEFAULT '{}', "done_count" integer NOT NULL DEFAULT '0', "failed_count" integer NOT NULL DEFAULT '0', "failures" jsonb NOT NULL DEFAULT '[]', "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f655c79a42204bf03cf8a0ac754" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "macro" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "scope" "public"."canned_scope" NOT NULL, "team_id" uuid, "owner_id" uuid, "name" text NOT NULL, "actions" jsonb NOT NULL DEFAULT '[]', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "macro_scope_check" CHECK ((scope = 'TEAM') = (team_id IS NOT NULL) AND (scope = 'PERSONAL') = (owner_id IS NOT NULL)), CONSTRAINT "PK_0d67d86d83fe69a5a0d948dedfc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "macro_workspace_name_idx" ON "macro"  ("workspace_id", "name") `);
    await queryRunner.query(`ALTER TYPE "public"."conversation_event_type" ADD VALUE 'MACRO_RUN'`);
    await queryRunner.query(
      `ALTER TABLE "bulk_job" ADD CONSTRAINT "FK_e1f17949b775b3a9f64528cbd57" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "macro" ADD CONSTRAINT "FK_feff297c9bd7965399f7baf0716" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "macro" ADD CONSTRAINT "FK_27420059faf89ef70154e950aa4" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "macro" ADD CONSTRAINT "FK_55467ae012a8d727b211ceec830" FOREIGN KEY ("owner_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "macro" DROP CONSTRAINT "FK_55467ae012a8d727b211ceec830"`);
    await queryRunner.query(`ALTER TABLE "macro" DROP CONSTRAINT "FK_27420059faf89ef70154e950aa4"`);
    await queryRunner.query(`ALTER TABLE "macro" DROP CONSTRAINT "FK_feff297c9bd7965399f7baf0716"`);
    await queryRunner.query(`ALTER TABLE "bulk_job" DROP CONSTRAINT "FK_e1f17949b775b3a9f64528cbd57"`);
    await queryRunner.query(
      `CREATE TYPE "public"."conversation_event_type_old" AS ENUM('CREATED', 'HANDOFF', 'ASSIGNED', 'TAKEN', 'TRANSFERRED', 'UNASSIGNED', 'CLOSING', 'CLOSED', 'RETURNED_TO_BOT', 'REOPENED', 'TRAY_MOVED', 'LABEL_ADDED', 'LABEL_REMOVED', 'CUSTOMER_MERGED', 'TEAM_CHANGED', 'PRIORITY_CHANGED', 'SNOOZED', 'UNSNOOZED', 'SLA_BREACHED', 'OUT_OF_OFFICE_SENT')`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_event" ALTER COLUMN "type" TYPE "public"."conversation_event_type_old" USING "type"::"text"::"public"."conversation_event_type_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."conversation_event_type"`);
    await queryRunner.query(
      `ALTER TYPE "public"."conversation_event_type_old" RENAME TO "conversation_event_type"`,
    );
    await queryRunner.query(`DROP INDEX "public"."macro_workspace_name_idx"`);
    await queryRunner.query(`DROP TABLE "macro"`);
    await queryRunner.query(`DROP TABLE "bulk_job"`);
    await queryRunner.query(`DROP TYPE "public"."bulk_job_kind"`);
  }
}
