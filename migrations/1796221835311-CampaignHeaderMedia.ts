import { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignHeaderMedia1796221835311 implements MigrationInterface {
  name = 'CampaignHeaderMedia1796221835311';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "campaign" ADD "header_media" jsonb`);
    await queryRunner.query(`ALTER TABLE "campaign" ADD "buttons" jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "campaign" DROP COLUMN "buttons"`);
    await queryRunner.query(`ALTER TABLE "campaign" DROP COLUMN "header_media"`);
  }
}
