import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReactionsReadPositions1796185963452 implements MigrationInterface {
  name = 'ReactionsReadPositions1796185963452';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agent_read_position" ("conversation_id" uuid NOT NULL, "agent_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a0b94181849b8853f614b7ad7fd" PRIMARY KEY ("conversation_id", "agent_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "message_reaction" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "channel_account_id" uuid NOT NULL, "target_external_id" text NOT NULL, "reactor_key" text NOT NULL, "emoji" text, "actor" "public"."actor_type" NOT NULL, "agent_id" uuid, "reacted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "external_id" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_20b89d1447ef973e9f10973f220" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "message_reaction_external_id_idx" ON "message_reaction"  ("channel_account_id", "external_id") WHERE external_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "message_reaction_key" ON "message_reaction"  ("channel_account_id", "target_external_id", "reactor_key") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."read_receipts" AS ENUM('MANUAL', 'ON_REPLY', 'OFF')`);
    await queryRunner.query(
      `ALTER TABLE "workspace" ADD "read_receipts" "public"."read_receipts" NOT NULL DEFAULT 'MANUAL'`,
    );
    await queryRunner.query(
      `ALTER TABLE "agent_read_position" ADD CONSTRAINT "FK_5d39c0551cd46b19c27a68bc3f0" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agent_read_position" ADD CONSTRAINT "FK_ef7f186af3353350c2f7850940e" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_reaction" ADD CONSTRAINT "FK_6a41d029e2c59dea2cb25536ce1" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "message_reaction" DROP CONSTRAINT "FK_6a41d029e2c59dea2cb25536ce1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agent_read_position" DROP CONSTRAINT "FK_ef7f186af3353350c2f7850940e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agent_read_position" DROP CONSTRAINT "FK_5d39c0551cd46b19c27a68bc3f0"`,
    );
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "read_receipts"`);
    await queryRunner.query(`DROP TYPE "public"."read_receipts"`);
    await queryRunner.query(`DROP INDEX "public"."message_reaction_key"`);
    await queryRunner.query(`DROP INDEX "public"."message_reaction_external_id_idx"`);
    await queryRunner.query(`DROP TABLE "message_reaction"`);
    await queryRunner.query(`DROP TABLE "agent_read_position"`);
  }
}
