import { MigrationInterface, QueryRunner } from 'typeorm';

export class AgentPresence1796172025819 implements MigrationInterface {
  name = 'AgentPresence1796172025819';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."agent_status" AS ENUM('ONLINE', 'BUSY', 'OFFLINE')`);
    await queryRunner.query(
      `ALTER TABLE "agent" ADD "status" "public"."agent_status" NOT NULL DEFAULT 'OFFLINE'`,
    );
    await queryRunner.query(
      `ALTER TABLE "agent" ADD "preferred_status" "public"."agent_status" NOT NULL DEFAULT 'OFFLINE'`,
    );
    await queryRunner.query(`ALTER TABLE "agent" ADD "status_changed_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agent" DROP COLUMN "status_changed_at"`);
    await queryRunner.query(`ALTER TABLE "agent" DROP COLUMN "preferred_status"`);
    await queryRunner.query(`ALTER TABLE "agent" DROP COLUMN "status"`);
    await queryRunner.query(`DROP TYPE "public"."agent_status"`);
  }
}
