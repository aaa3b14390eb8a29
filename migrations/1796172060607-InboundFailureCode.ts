import { MigrationInterface, QueryRunner } from 'typeorm';

export class InboundFailureCode1796172060607 implements MigrationInterface {
  name = 'InboundFailureCode1796172060607';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."inbound_failure_code" AS ENUM('INVALID_BODY', 'EVENT_FAILED')`,
    );
    await queryRunner.query(`ALTER TABLE "inbound_webhook" ADD "error_code" "public"."inbound_failure_code"`);
    // Stored failures get their code. An unreadable body was marked processed with our own message;
    // an event failure kept the internal error's text, which agents must not see: it is replaced.
    await queryRunner.query(
      `UPDATE "inbound_webhook" SET "error_code" = 'INVALID_BODY' WHERE "error" IS NOT NULL AND "processed_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE "inbound_webhook" SET "error_code" = 'EVENT_FAILED', "error" = 'Events in this body could not be applied; retried automatically.' WHERE "error" IS NOT NULL AND "processed_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbound_webhook" DROP COLUMN "error_code"`);
    await queryRunner.query(`DROP TYPE "public"."inbound_failure_code"`);
  }
}
