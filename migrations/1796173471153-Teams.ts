import { MigrationInterface, QueryRunner } from 'typeorm';

export class Teams1796173471153 implements MigrationInterface {
  name = 'Teams1796173471153';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f57d8293406df4af348402e4b74" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "team_member" ("team_id" uuid NOT NULL, "agent_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c69f12eee6f62258053a767b713" PRIMARY KEY ("team_id", "agent_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "team_workspace_name_key" ON "team" ("workspace_id", lower("name"))`,
    );
    await queryRunner.query(`CREATE INDEX "team_member_agent_idx" ON "team_member"  ("agent_id") `);
    await queryRunner.query(`ALTER TABLE "channel_account" ADD "default_team_id" uuid`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD "team_id" uuid`);
    await queryRunner.query(`ALTER TABLE "event_log" ADD "team_id" uuid`);
    await queryRunner.query(`ALTER TYPE "public"."conversation_event_type" ADD VALUE 'TEAM_CHANGED'`);
    await queryRunner.query(`CREATE INDEX "conversation_team_idx" ON "conversation"  ("team_id", "status") `);
    await queryRunner.query(
      `ALTER TABLE "team" ADD CONSTRAINT "FK_5e6b6afb22e99e752975a85505c" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_account" ADD CONSTRAINT "FK_f3a814336f4c6ef555fa1debcfc" FOREIGN KEY ("default_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation" ADD CONSTRAINT "FK_af92a8409460060955550ed2028" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "FK_a1b5b4f5fa1b7f890d0a278748b" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "FK_cd8419faf0983281a2b26382358" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "FK_cd8419faf0983281a2b26382358"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "FK_a1b5b4f5fa1b7f890d0a278748b"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "FK_af92a8409460060955550ed2028"`);
    await queryRunner.query(`ALTER TABLE "channel_account" DROP CONSTRAINT "FK_f3a814336f4c6ef555fa1debcfc"`);
    await queryRunner.query(`ALTER TABLE "team" DROP CONSTRAINT "FK_5e6b6afb22e99e752975a85505c"`);
    await queryRunner.query(`DROP INDEX "public"."conversation_team_idx"`);
    await queryRunner.query(
      `CREATE TYPE "public"."conversation_event_type_old" AS ENUM('CREATED', 'HANDOFF', 'ASSIGNED', 'TAKEN', 'TRANSFERRED', 'UNASSIGNED', 'CLOSING', 'CLOSED', 'RETURNED_TO_BOT', 'REOPENED', 'TRAY_MOVED', 'LABEL_ADDED', 'LABEL_REMOVED', 'CUSTOMER_MERGED')`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_event" ALTER COLUMN "type" TYPE "public"."conversation_event_type_old" USING "type"::"text"::"public"."conversation_event_type_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."conversation_event_type"`);
    await queryRunner.query(
      `ALTER TYPE "public"."conversation_event_type_old" RENAME TO "conversation_event_type"`,
    );
    await queryRunner.query(`ALTER TABLE "event_log" DROP COLUMN "team_id"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "team_id"`);
    await queryRunner.query(`ALTER TABLE "channel_account" DROP COLUMN "default_team_id"`);
    await queryRunner.query(`DROP INDEX "public"."team_member_agent_idx"`);
    await queryRunner.query(`DROP TABLE "team_member"`);
    await queryRunner.query(`DROP INDEX "public"."team_workspace_name_key"`);
    await queryRunner.query(`DROP TABLE "team"`);
  }
}
