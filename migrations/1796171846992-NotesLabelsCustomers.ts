import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotesLabelsCustomers1796171846992 implements MigrationInterface {
  name = 'NotesLabelsCustomers1796171846992';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "conversation_label" ("conversation_id" uuid NOT NULL, "tag_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c9caf4b76a993f4c3f3dd1e827c" PRIMARY KEY ("conversation_id", "tag_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "conversation_label_tag_idx" ON "conversation_label"  ("tag_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."note_revision_kind" AS ENUM('CREATED', 'EDITED', 'DELETED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "note_revision" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "note_id" uuid NOT NULL, "kind" "public"."note_revision_kind" NOT NULL, "body" text, "actor_type" "public"."actor_type" NOT NULL, "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8499eb36b6b27b4a7391a9b0912" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "note_revision_note_idx" ON "note_revision"  ("note_id", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "customer" ADD "name_edited_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "customer" ADD "merged_into_id" uuid`);
    await queryRunner.query(`ALTER TABLE "customer" ADD "merged_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "note" ADD "edited_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "note" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TYPE "public"."conversation_event_type" ADD VALUE 'LABEL_ADDED'`);
    await queryRunner.query(`ALTER TYPE "public"."conversation_event_type" ADD VALUE 'LABEL_REMOVED'`);
    await queryRunner.query(`ALTER TYPE "public"."conversation_event_type" ADD VALUE 'CUSTOMER_MERGED'`);
    await queryRunner.query(
      `CREATE INDEX "customer_channel_phone_idx" ON "customer"  ("channel_account_id", "phone") `,
    );
    await queryRunner.query(
      `CREATE INDEX "customer_merged_into_idx" ON "customer"  ("merged_into_id") WHERE merged_into_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_label" ADD CONSTRAINT "FK_4beaf45c7cebcec854efe87804a" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_label" ADD CONSTRAINT "FK_d05e309f8b64c97b617fadedcaf" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_revision" ADD CONSTRAINT "FK_f584a94418476c78f9155839122" FOREIGN KEY ("note_id") REFERENCES "note"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Every note's history starts with the body it was written with.
    await queryRunner.query(`INSERT INTO "note_revision" ("workspace_id", "note_id", "kind", "body", "actor_type", "actor_id", "created_at")
            SELECT "workspace_id", "id", 'CREATED', "body", CASE WHEN "author_id" IS NULL THEN 'API_KEY'::"public"."actor_type" ELSE 'AGENT'::"public"."actor_type" END, "author_id", "created_at" FROM "note"`);
    // Phones as normalizePhone spells them (the demo and some paths stored bare digits); a value
    // that is no international number is left as it was.
    await queryRunner.query(`UPDATE "customer" SET "phone" = '+' || n."digits"
            FROM (SELECT "id", regexp_replace(regexp_replace("phone", '[\\s./()\\u00a0-]', '', 'g'), '^(\\+|00)', '') AS "digits" FROM "customer" WHERE "phone" IS NOT NULL) n
            WHERE "customer"."id" = n."id" AND n."digits" ~ '^[1-9][0-9]{6,14}$' AND "customer"."phone" <> '+' || n."digits"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Labels, revisions, e-mails and merges go; normalized phones stay normalized.
    await queryRunner.query(`ALTER TABLE "note_revision" DROP CONSTRAINT "FK_f584a94418476c78f9155839122"`);
    await queryRunner.query(
      `ALTER TABLE "conversation_label" DROP CONSTRAINT "FK_d05e309f8b64c97b617fadedcaf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_label" DROP CONSTRAINT "FK_4beaf45c7cebcec854efe87804a"`,
    );
    await queryRunner.query(`DROP INDEX "public"."customer_merged_into_idx"`);
    await queryRunner.query(`DROP INDEX "public"."customer_channel_phone_idx"`);
    await queryRunner.query(
      `DELETE FROM "conversation_event" WHERE "type" IN ('LABEL_ADDED', 'LABEL_REMOVED', 'CUSTOMER_MERGED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."conversation_event_type_old" AS ENUM('CREATED', 'HANDOFF', 'ASSIGNED', 'TAKEN', 'TRANSFERRED', 'UNASSIGNED', 'CLOSING', 'CLOSED', 'RETURNED_TO_BOT', 'REOPENED', 'TRAY_MOVED')`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_event" ALTER COLUMN "type" TYPE "public"."conversation_event_type_old" USING "type"::"text"::"public"."conversation_event_type_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."conversation_event_type"`);
    await queryRunner.query(
      `ALTER TYPE "public"."conversation_event_type_old" RENAME TO "conversation_event_type"`,
    );
    await queryRunner.query(`ALTER TABLE "note" DROP COLUMN "deleted_at"`);
    await queryRunner.query(`ALTER TABLE "note" DROP COLUMN "edited_at"`);
    await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "merged_at"`);
    await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "merged_into_id"`);
    await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "name_edited_at"`);
    await queryRunner.query(`DROP INDEX "public"."note_revision_note_idx"`);
    await queryRunner.query(`DROP TABLE "note_revision"`);
    await queryRunner.query(`DROP TYPE "public"."note_revision_kind"`);
    await queryRunner.query(`DROP INDEX "public"."conversation_label_tag_idx"`);
    await queryRunner.query(`DROP TABLE "conversation_label"`);
  }
}
