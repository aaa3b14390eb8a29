import { MigrationInterface, QueryRunner } from 'typeorm';

export class MessageReadAt1796221404576 implements MigrationInterface {
  name = 'MessageReadAt1796221404576';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "message" ADD "read_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "read_at"`);
  }
}
