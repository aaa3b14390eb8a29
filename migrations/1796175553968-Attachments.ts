import { MigrationInterface, QueryRunner } from 'typeorm';

export class Attachments1796175553968 implements MigrationInterface {
  name = 'Attachments1796175553968';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."attachment_kind" AS ENUM('IMAGE', 'AUDIO', 'VIDEO', 'DOCUMENT', 'STICKER')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."attachment_status" AS ENUM('PENDING', 'READY', 'FAILED', 'EXPIRED')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."media_storage_kind" AS ENUM('postgres', 's3')`);
    await queryRunner.query(
      `CREATE TABLE "attachment" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "message_id" uuid, "conversation_id" uuid, "kind" "public"."attachment_kind" NOT NULL, "mime_type" text NOT NULL, "file_name" text, "byte_size" integer, "sha256" text, "caption" text, "status" "public"."attachment_status" NOT NULL, "error" jsonb, "uploader_type" "public"."actor_type" NOT NULL, "uploader_id" uuid, "storage" "public"."media_storage_kind" NOT NULL, "expired_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d2a80c3a8d467f08a750ac4b420" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "attachment_pending_idx" ON "attachment"  ("created_at") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX "attachment_kept_idx" ON "attachment"  ("workspace_id", "created_at") WHERE status = 'READY'`,
    );
    await queryRunner.query(
      `CREATE INDEX "attachment_conversation_idx" ON "attachment"  ("conversation_id") WHERE conversation_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "attachment_message_idx" ON "attachment"  ("message_id") WHERE message_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "attachment_chunk" ("attachment_id" uuid NOT NULL, "start_byte" bigint NOT NULL, "workspace_id" uuid NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_f051e270e562e4dcfc568f250a2" PRIMARY KEY ("attachment_id", "start_byte"))`,
    );
    // Media is compressed already: keep the pieces out of line without trying to compress them again.
    await queryRunner.query(`ALTER TABLE "attachment_chunk" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
    await queryRunner.query(
      `ALTER TABLE "attachment" ADD CONSTRAINT "FK_aa8bcc1709a5c60df5826ea539f" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachment" ADD CONSTRAINT "FK_a09a40c2f66ab10dbe901fce29e" FOREIGN KEY ("message_id") REFERENCES "message"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachment" ADD CONSTRAINT "FK_99899c829c161126bf652c345f9" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachment_chunk" ADD CONSTRAINT "FK_b3612ebdbf99fa515d2aead53cf" FOREIGN KEY ("attachment_id") REFERENCES "attachment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachment_chunk" ADD CONSTRAINT "FK_b0e9c56553916c15fd47b2af714" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "attachment_chunk" DROP CONSTRAINT "FK_b0e9c56553916c15fd47b2af714"`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachment_chunk" DROP CONSTRAINT "FK_b3612ebdbf99fa515d2aead53cf"`,
    );
    await queryRunner.query(`ALTER TABLE "attachment" DROP CONSTRAINT "FK_99899c829c161126bf652c345f9"`);
    await queryRunner.query(`ALTER TABLE "attachment" DROP CONSTRAINT "FK_a09a40c2f66ab10dbe901fce29e"`);
    await queryRunner.query(`ALTER TABLE "attachment" DROP CONSTRAINT "FK_aa8bcc1709a5c60df5826ea539f"`);
    await queryRunner.query(`DROP TABLE "attachment_chunk"`);
    await queryRunner.query(`DROP INDEX "public"."attachment_message_idx"`);
    await queryRunner.query(`DROP INDEX "public"."attachment_conversation_idx"`);
    await queryRunner.query(`DROP INDEX "public"."attachment_kept_idx"`);
    await queryRunner.query(`DROP INDEX "public"."attachment_pending_idx"`);
    await queryRunner.query(`DROP TABLE "attachment"`);
    await queryRunner.query(`DROP TYPE "public"."media_storage_kind"`);
    await queryRunner.query(`DROP TYPE "public"."attachment_status"`);
    await queryRunner.query(`DROP TYPE "public"."attachment_kind"`);
  }
}
