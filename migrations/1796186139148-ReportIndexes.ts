import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportIndexes1796186139148 implements MigrationInterface {
  name = 'ReportIndexes1796186139148';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "conversation_closed_idx" ON "conversation"  ("workspace_id", "closed_at") WHERE status = 'CLOSED'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."conversation_closed_idx"`);
  }
}
