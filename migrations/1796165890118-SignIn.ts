import { MigrationInterface, QueryRunner } from 'typeorm';

export class SignIn1796165890118 implements MigrationInterface {
  name = 'SignIn1796165890118';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agent_credential" ("agent_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "password_hash" text NOT NULL, "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8210f12b681d58c2285b7ca234b" PRIMARY KEY ("agent_id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."one_time_token_purpose" AS ENUM('INVITE', 'PASSWORD_RESET')`,
    );
    await queryRunner.query(
      `CREATE TABLE "one_time_token" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "agent_id" uuid NOT NULL, "purpose" "public"."one_time_token_purpose" NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_956e3dd6580e4829e05ab460808" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "one_time_token_hash_key" ON "one_time_token"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "one_time_token_agent_unused_idx" ON "one_time_token"  ("agent_id") WHERE used_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."session_revoked_reason" AS ENUM('SIGNED_OUT', 'SIGNED_OUT_EVERYWHERE', 'PASSWORD_CHANGED', 'REFRESH_TOKEN_REUSED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "session_family" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "agent_id" uuid NOT NULL, "token_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_refreshed_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" "public"."session_revoked_reason", CONSTRAINT "PK_f605ac522e6f5dcc0f5ca8643db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "session_family_agent_live_idx" ON "session_family"  ("agent_id") WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rotated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "refresh_token_hash_key" ON "refresh_token"  ("token_hash") `,
    );
    await queryRunner.query(`CREATE INDEX "refresh_token_family_idx" ON "refresh_token"  ("family_id") `);
    await queryRunner.query(`ALTER TABLE "agent" ADD "password_reset_requested_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "agent_credential" ADD CONSTRAINT "FK_8210f12b681d58c2285b7ca234b" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agent_credential" ADD CONSTRAINT "FK_64543287c0c64ca9d86ef527766" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "one_time_token" ADD CONSTRAINT "FK_0f0c35e4828568665934d6113ec" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "one_time_token" ADD CONSTRAINT "FK_f7ab30216b87e3ed1f2d7331b94" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_family" ADD CONSTRAINT "FK_3b18fce7ced0f810390e9a7e3d3" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_family" ADD CONSTRAINT "FK_13c3695f0240f4ce821ab8eb39c" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_eb31f2a7917404a46e17f539f19" FOREIGN KEY ("family_id") REFERENCES "session_family"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_eb31f2a7917404a46e17f539f19"`);
    await queryRunner.query(`ALTER TABLE "session_family" DROP CONSTRAINT "FK_13c3695f0240f4ce821ab8eb39c"`);
    await queryRunner.query(`ALTER TABLE "session_family" DROP CONSTRAINT "FK_3b18fce7ced0f810390e9a7e3d3"`);
    await queryRunner.query(`ALTER TABLE "one_time_token" DROP CONSTRAINT "FK_f7ab30216b87e3ed1f2d7331b94"`);
    await queryRunner.query(`ALTER TABLE "one_time_token" DROP CONSTRAINT "FK_0f0c35e4828568665934d6113ec"`);
    await queryRunner.query(
      `ALTER TABLE "agent_credential" DROP CONSTRAINT "FK_64543287c0c64ca9d86ef527766"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agent_credential" DROP CONSTRAINT "FK_8210f12b681d58c2285b7ca234b"`,
    );
    await queryRunner.query(`ALTER TABLE "agent" DROP COLUMN "password_reset_requested_at"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_token_family_idx"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."session_family_agent_live_idx"`);
    await queryRunner.query(`DROP TABLE "session_family"`);
    await queryRunner.query(`DROP TYPE "public"."session_revoked_reason"`);
    await queryRunner.query(`DROP INDEX "public"."one_time_token_agent_unused_idx"`);
    await queryRunner.query(`DROP INDEX "public"."one_time_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "one_time_token"`);
    await queryRunner.query(`DROP TYPE "public"."one_time_token_purpose"`);
    await queryRunner.query(`DROP TABLE "agent_credential"`);
  }
}
