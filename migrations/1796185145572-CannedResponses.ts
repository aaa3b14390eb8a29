import { MigrationInterface, QueryRunner } from 'typeorm';

export class CannedResponses1796185145572 implements MigrationInterface {
  name = 'CannedResponses1796185145572';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."canned_scope" AS ENUM('WORKSPACE', 'TEAM', 'PERSONAL')`);
    await queryRunner.query(
      `CREATE TABLE "canned_response" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "scope" "public"."canned_scope" NOT NULL, "team_id" uuid, "owner_id" uuid, "shortcode" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "attachment_ids" uuid array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc49cdfdecc89466143d10a5ecb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "canned_response" ADD CONSTRAINT "FK_3839cf56a7dc7de9f787f201aa6" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "canned_response" ADD CONSTRAINT "FK_eaeac8b15971fb2392014d519a6" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "canned_response" ADD CONSTRAINT "FK_cea800e7dbdf9c0c02626b75de8" FOREIGN KEY ("owner_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // A TEAM response has its team, a PERSONAL one its owner, a WORKSPACE one neither.
    await queryRunner.query(
      `ALTER TABLE "canned_response" ADD CONSTRAINT "canned_response_scope_check" CHECK ((scope = 'TEAM') = (team_id IS NOT NULL) AND (scope = 'PERSONAL') = (owner_id IS NOT NULL))`,
    );
    // One shortcode per scope: the workspace, a team, or an agent.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "canned_response_scope_shortcode_key" ON "canned_response" ("workspace_id", "scope", COALESCE("team_id", "owner_id", "workspace_id"), "shortcode")`,
    );
    // Shortcode prefix search ("/ref"), whatever its length.
    await queryRunner.query(
      `CREATE INDEX "canned_response_shortcode_prefix_idx" ON "canned_response" ("workspace_id", "shortcode" text_pattern_ops)`,
    );
    // Text search over the folded title and body (the expression listCannedResponses writes).
    await queryRunner.query(
      `CREATE INDEX "canned_response_text_search_idx" ON "canned_response" USING gin ("omnitray_fold"("title" || ' ' || "body") gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."canned_response_text_search_idx"`);
    await queryRunner.query(`DROP INDEX "public"."canned_response_shortcode_prefix_idx"`);
    await queryRunner.query(`DROP INDEX "public"."canned_response_scope_shortcode_key"`);
    await queryRunner.query(`ALTER TABLE "canned_response" DROP CONSTRAINT "FK_cea800e7dbdf9c0c02626b75de8"`);
    await queryRunner.query(`ALTER TABLE "canned_response" DROP CONSTRAINT "FK_eaeac8b15971fb2392014d519a6"`);
    await queryRunner.query(`ALTER TABLE "canned_response" DROP CONSTRAINT "FK_3839cf56a7dc7de9f787f201aa6"`);
    await queryRunner.query(`DROP TABLE "canned_response"`);
    await queryRunner.query(`DROP TYPE "public"."canned_scope"`);
  }
}
