import { MigrationInterface, QueryRunner } from 'typeorm';

export class Csat1796191286807 implements MigrationInterface {
  name = 'Csat1796191286807';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workspace" ADD "csat_enabled" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD "csat_sent_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD "csat_score" smallint`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD "csat_answered_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "csat_answered_at"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "csat_score"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "csat_sent_at"`);
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "csat_enabled"`);
  }
}
