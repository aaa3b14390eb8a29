import { MigrationInterface, QueryRunner } from 'typeorm';

export class MessagePartsIndex1796222400000 implements MigrationInterface {
  name = 'MessagePartsIndex1796222400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Statuses of the later parts of a multi-part send find their message by the part's provider id.
    await queryRunner.query(
      `CREATE INDEX "message_parts_idx" ON "message" USING gin (("payload"->'parts') jsonb_path_ops) WHERE "payload" ? 'parts'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."message_parts_idx"`);
  }
}
