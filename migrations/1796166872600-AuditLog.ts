import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1796166872600 implements MigrationInterface {
  name = 'AuditLog1796166872600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_type" "public"."actor_type" NOT NULL, "actor_id" uuid, "action" text NOT NULL, "target_type" text NOT NULL, "target_id" uuid NOT NULL, "changes" jsonb NOT NULL, "request_id" text, "client_address" text, CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_entry_workspace_created_idx" ON "audit_entry"  ("workspace_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "FK_da43d3ff70f02feb142b0559384" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Append-only: an entry is never rewritten (rows leave only with their workspace).
    await queryRunner.query(
      `CREATE FUNCTION "audit_entry_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_entry_no_update" BEFORE UPDATE ON "audit_entry" FOR EACH ROW EXECUTE FUNCTION "audit_entry_immutable"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_entry_no_update" ON "audit_entry"`);
    await queryRunner.query(`DROP FUNCTION "audit_entry_immutable"()`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "FK_da43d3ff70f02feb142b0559384"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entry_workspace_created_idx"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
  }
}
