import { MigrationInterface, QueryRunner } from 'typeorm';

export class Search1796171575629 implements MigrationInterface {
  name = 'Search1796171575629';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Both ship with PostgreSQL (contrib) and the embedded server; trusted, so a database owner may create them.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "unaccent" SCHEMA public`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "pg_trgm" SCHEMA public`);
    // unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes the
    // fold IMMUTABLE so it can be indexed. Search compares folded text with folded queries.
    await queryRunner.query(
      `CREATE FUNCTION "omnitray_fold"(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "omnitray_digits"(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT regexp_replace($1, '[^0-9]', '', 'g') $$`,
    );
    await queryRunner.query(`ALTER TABLE "customer" ADD "email" text`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD "waiting_since" TIMESTAMP WITH TIME ZONE`);
    // Waiting since the first customer message after the last outbound one, where one is unread.
    await queryRunner.query(
      `UPDATE "conversation" c SET "waiting_since" = (SELECT min(m.sent_at) FROM "message" m WHERE m.conversation_id = c.id AND m.direction = 'INBOUND' AND m.sent_at > COALESCE((SELECT max(o.sent_at) FROM "message" o WHERE o.conversation_id = c.id AND o.direction = 'OUTBOUND'), '-infinity')) WHERE c.unread_count > 0`,
    );
    await queryRunner.query(
      `CREATE INDEX "message_text_search_idx" ON "message" USING gin ("omnitray_fold"("text") gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "note_body_search_idx" ON "note" USING gin ("omnitray_fold"("body") gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "customer_text_search_idx" ON "customer" USING gin ("omnitray_fold"(COALESCE("name", '') || ' ' || COALESCE("email", '') || ' ' || "channel_user_id") gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "customer_phone_digits_idx" ON "customer" USING gin ("omnitray_digits"("phone") gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."customer_phone_digits_idx"`);
    await queryRunner.query(`DROP INDEX "public"."customer_text_search_idx"`);
    await queryRunner.query(`DROP INDEX "public"."note_body_search_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_text_search_idx"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "waiting_since"`);
    await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "email"`);
    await queryRunner.query(`DROP FUNCTION "omnitray_digits"(text)`);
    await queryRunner.query(`DROP FUNCTION "omnitray_fold"(text)`);
    // The extensions stay: other objects of the database may use them.
  }
}
