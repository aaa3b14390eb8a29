import { MigrationInterface, QueryRunner } from 'typeorm';

export class CsatComment1796222493444 implements MigrationInterface {
  name = 'CsatComment1796222493444';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversation" ADD "csat_comment" text`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD "csat_commented_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "csat_commented_at"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "csat_comment"`);
  }
}
