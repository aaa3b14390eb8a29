import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersistedQueries1796171759831 implements MigrationInterface {
  name = 'PersistedQueries1796171759831';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "persisted_query" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "sha256" text NOT NULL, "query" text NOT NULL, CONSTRAINT "PK_763fd87289b7b7283de92c553e3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "persisted_query_workspace_created_idx" ON "persisted_query"  ("workspace_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "persisted_query_workspace_name_key" ON "persisted_query"  ("workspace_id", "name") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "persisted_query_workspace_sha256_key" ON "persisted_query"  ("workspace_id", "sha256") `,
    );
    await queryRunner.query(
      `ALTER TABLE "workspace" ADD "api_keys_require_safelist" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "persisted_query" ADD CONSTRAINT "FK_918c256e8e04e381bf220aacc90" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "persisted_query" DROP CONSTRAINT "FK_918c256e8e04e381bf220aacc90"`);
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "api_keys_require_safelist"`);
    await queryRunner.query(`DROP INDEX "public"."persisted_query_workspace_sha256_key"`);
    await queryRunner.query(`DROP INDEX "public"."persisted_query_workspace_name_key"`);
    await queryRunner.query(`DROP INDEX "public"."persisted_query_workspace_created_idx"`);
    await queryRunner.query(`DROP TABLE "persisted_query"`);
  }
}
