import { MigrationInterface, QueryRunner } from 'typeorm';

export class InboundMedia1796184851910 implements MigrationInterface {
  name = 'InboundMedia1796184851910';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachment" ADD "voice_note" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "attachment" ADD "duration_seconds" integer`);
    await queryRunner.query(`ALTER TABLE "attachment" ADD "position" smallint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "attachment" ADD "source" jsonb`);
    await queryRunner.query(`ALTER TABLE "attachment" ADD "copy_attempts" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "attachment" ADD "copy_lease_until" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachment" DROP COLUMN "copy_lease_until"`);
    await queryRunner.query(`ALTER TABLE "attachment" DROP COLUMN "copy_attempts"`);
    await queryRunner.query(`ALTER TABLE "attachment" DROP COLUMN "source"`);
    await queryRunner.query(`ALTER TABLE "attachment" DROP COLUMN "position"`);
    await queryRunner.query(`ALTER TABLE "attachment" DROP COLUMN "duration_seconds"`);
    await queryRunner.query(`ALTER TABLE "attachment" DROP COLUMN "voice_note"`);
  }
}
