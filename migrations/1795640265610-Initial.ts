import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795640265610 implements MigrationInterface {
  name = 'Initial1795640265610';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."locale" AS ENUM('es', 'en', 'pt')`);
    await queryRunner.query(
      `CREATE TABLE "workspace" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" text NOT NULL, "locale" "public"."locale" NOT NULL DEFAULT 'es', "timezone" text NOT NULL DEFAULT 'UTC', "bot_enabled" boolean NOT NULL DEFAULT true, "ai_summary_enabled" boolean NOT NULL DEFAULT true, "ai_suggestions_enabled" boolean NOT NULL DEFAULT true, "ai_redact_pii" boolean NOT NULL DEFAULT false, "auto_close_positive_minutes" integer NOT NULL DEFAULT '0', "auto_close_negative_minutes" integer NOT NULL DEFAULT '0', "auto_close_return_to_bot" boolean NOT NULL DEFAULT true, "visible_days" integer NOT NULL DEFAULT '30', "event_seq" bigint NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ca86b6f9b3be5fe26d307d09b49" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE TYPE "public"."agent_role" AS ENUM('ADMIN', 'AGENT')`);
    await queryRunner.query(
      `CREATE TABLE "agent" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "email" text NOT NULL, "name" text NOT NULL, "role" "public"."agent_role" NOT NULL, "active" boolean NOT NULL DEFAULT true, "token_version" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_1000e989398c5d4ed585cf9a46f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "agent_email_key" ON "agent"  ("email") `);
    await queryRunner.query(
      `CREATE TYPE "public"."channel_kind" AS ENUM('WHATSAPP', 'MESSENGER', 'INSTAGRAM', 'API')`,
    );
    await queryRunner.query(
      `CREATE TABLE "channel_account" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" "public"."channel_kind" NOT NULL, "name" text NOT NULL, "external_id" text NOT NULL, "waba_id" text, "access_token_enc" text, "app_secret_enc" text, "verify_token_enc" text, "api_base_url" text NOT NULL, "human_agent_tag_enabled" boolean NOT NULL DEFAULT false, "messages_per_second" integer NOT NULL DEFAULT '80', CONSTRAINT "PK_d33239ca8579301ec4c72d88ec3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "channel_account_kind_external_id_key" ON "channel_account"  ("kind", "external_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "customer" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "channel_account_id" uuid NOT NULL, "channel" "public"."channel_kind" NOT NULL, "channel_user_id" text NOT NULL, "name" text, "phone" text, "avatar_url" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "customer_workspace_name_idx" ON "customer"  ("workspace_id", "name") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "customer_channel_user_key" ON "customer"  ("channel_account_id", "channel_user_id") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."handler" AS ENUM('BOT', 'AGENT')`);
    await queryRunner.query(`CREATE TYPE "public"."conversation_status" AS ENUM('OPEN', 'CLOSED')`);
    await queryRunner.query(`CREATE TYPE "public"."outcome" AS ENUM('POSITIVE', 'NEGATIVE')`);
    await queryRunner.query(
      `CREATE TABLE "conversation" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "customer_id" uuid NOT NULL, "channel_account_id" uuid NOT NULL, "channel" "public"."channel_kind" NOT NULL, "handler" "public"."handler" NOT NULL, "assignee_id" uuid, "status" "public"."conversation_status" NOT NULL, "last_inbound_at" TIMESTAMP WITH TIME ZONE, "window_expires_at" TIMESTAMP WITH TIME ZONE, "outgoing_since" TIMESTAMP WITH TIME ZONE, "handed_off_at" TIMESTAMP WITH TIME ZONE, "first_agent_reply_at" TIMESTAMP WITH TIME ZONE, "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL, "outcome" "public"."outcome", "close_reason" text, "auto_close_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "unread_count" integer NOT NULL DEFAULT '0', "last_message_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_864528ec4274360a40f66c29845" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "conversation_customer_idx" ON "conversation"  ("customer_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."ai_trigger" AS ENUM('BOT_HANDOFF', 'AGENT_TRANSFER', 'MANUAL')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."ai_summary_status" AS ENUM('PENDING', 'READY', 'FAILED')`);
    await queryRunner.query(
      `CREATE TABLE "ai_summary" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "conversation_id" uuid NOT NULL, "trigger" "public"."ai_trigger" NOT NULL, "status" "public"."ai_summary_status" NOT NULL, "text" text, "customer_request" text, "open_questions" text array NOT NULL DEFAULT '{}', "mood" text, "provider" text, "model" text, "prompt_version" text, "last_message_id" uuid, "latency_ms" integer, "token_usage" jsonb, "error" text, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e8d84fbbfcdcbbba79d9aa56bbc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ai_summary_conversation_idx" ON "ai_summary"  ("conversation_id", "created_at") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."api_key_scope" AS ENUM('read', 'write', 'admin', 'bot')`);
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "scopes" "public"."api_key_scope" array NOT NULL, "key_hash" text NOT NULL, "prefix" text NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "api_key_hash_key" ON "api_key"  ("key_hash") `);
    await queryRunner.query(
      `CREATE TYPE "public"."conversation_event_type" AS ENUM('CREATED', 'HANDOFF', 'ASSIGNED', 'TAKEN', 'TRANSFERRED', 'UNASSIGNED', 'CLOSING', 'CLOSED', 'RETURNED_TO_BOT', 'REOPENED', 'TRAY_MOVED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."actor_type" AS ENUM('AGENT', 'API_KEY', 'CUSTOMER', 'SYSTEM')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."tray_kind" AS ENUM('NEW', 'ACTIVE', 'EXPIRED', 'OUTGOING')`,
    );
    await queryRunner.query(
      `CREATE TABLE "conversation_event" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "conversation_id" uuid NOT NULL, "type" "public"."conversation_event_type" NOT NULL, "actor_type" "public"."actor_type" NOT NULL, "actor_id" uuid, "from_agent_id" uuid, "to_agent_id" uuid, "from_tray" "public"."tray_kind", "to_tray" "public"."tray_kind", "comment" text, "data" jsonb, CONSTRAINT "PK_db88ccc50c29736fc3b9de122d4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "conversation_event_conversation_idx" ON "conversation_event"  ("conversation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."custom_field_type" AS ENUM('TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'SELECT')`,
    );
    await queryRunner.query(
      `CREATE TABLE "custom_field" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "key" text NOT NULL, "label" text NOT NULL, "type" "public"."custom_field_type" NOT NULL, "required" boolean NOT NULL DEFAULT false, "options" text array NOT NULL DEFAULT '{}', "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_70c7eb2dfb5b81c051a6ba3ace8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "custom_field_workspace_key_key" ON "custom_field"  ("workspace_id", "key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "customer_field_value" ("customer_id" uuid NOT NULL, "field_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "value" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b29ce7181194f4b7aa69cc91dab" PRIMARY KEY ("customer_id", "field_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tag" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "color" text NOT NULL DEFAULT '#64748b', CONSTRAINT "PK_8e4052373c579afc1471f526760" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "tag_workspace_name_key" ON "tag"  ("workspace_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "customer_tag" ("customer_id" uuid NOT NULL, "tag_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2a4110afe4562928b69bc0d65be" PRIMARY KEY ("customer_id", "tag_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "customer_tag_tag_idx" ON "customer_tag"  ("tag_id") `);
    await queryRunner.query(
      `CREATE TABLE "event_log" ("workspace_id" uuid NOT NULL, "seq" bigint NOT NULL, "type" text NOT NULL, "conversation_id" uuid, "assignee_id" uuid, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d7eaa75c3ef7c89f88bdaf43d87" PRIMARY KEY ("workspace_id", "seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "event_log_created_idx" ON "event_log"  ("created_at") `);
    await queryRunner.query(
      `CREATE TABLE "idempotency_record" ("workspace_id" uuid NOT NULL, "principal_key" text NOT NULL, "request_hash" text NOT NULL, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f44d532acdc32f12a884abfdc97" PRIMARY KEY ("workspace_id", "principal_key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idempotency_record_expires_idx" ON "idempotency_record"  ("expires_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "inbound_webhook" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "channel_account_id" uuid NOT NULL, "channel" "public"."channel_kind" NOT NULL, "body" bytea NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "error" text, CONSTRAINT "PK_df996a4b8eb808b4584730c15c3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "inbound_webhook_pending_idx" ON "inbound_webhook"  ("received_at") WHERE processed_at IS NULL`,
    );
    await queryRunner.query(`CREATE TYPE "public"."message_direction" AS ENUM('INBOUND', 'OUTBOUND')`);
    await queryRunner.query(
      `CREATE TYPE "public"."message_sender" AS ENUM('CUSTOMER', 'AGENT', 'BOT', 'SYSTEM')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."message_type" AS ENUM('TEXT', 'IMAGE', 'AUDIO', 'VIDEO', 'DOCUMENT', 'STICKER', 'LOCATION', 'CONTACTS', 'INTERACTIVE', 'BUTTON', 'REACTION', 'TEMPLATE', 'UNSUPPORTED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."message_status" AS ENUM('RECEIVED', 'QUEUED', 'SENT', 'DELIVERED', 'READ', 'FAILED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "message" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "conversation_id" uuid NOT NULL, "channel_account_id" uuid NOT NULL, "direction" "public"."message_direction" NOT NULL, "sender" "public"."message_sender" NOT NULL, "sender_agent_id" uuid, "type" "public"."message_type" NOT NULL, "text" text, "payload" jsonb, "external_id" text, "reply_to_external_id" text, "status" "public"."message_status" NOT NULL, "error" jsonb, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "template_id" uuid, "suggestion_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ba01f0a3e0123651915008bc578" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "message_failed_idx" ON "message"  ("workspace_id", "updated_at") WHERE status = 'FAILED'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "message_external_id_key" ON "message"  ("channel_account_id", "external_id") WHERE external_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "message_conversation_idx" ON "message"  ("conversation_id", "sent_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "note" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "conversation_id" uuid NOT NULL, "author_id" uuid, "body" text NOT NULL, CONSTRAINT "PK_96d0c172a4fba276b1bbed43058" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "note_conversation_idx" ON "note"  ("conversation_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "suggestion" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "conversation_id" uuid NOT NULL, "batch" integer NOT NULL, "rank" integer NOT NULL, "text" text NOT NULL, "source" text, "used_at" TIMESTAMP WITH TIME ZONE, "used_as_is" boolean, CONSTRAINT "PK_aa072a020434ddd7104de98eebb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "suggestion_conversation_idx" ON "suggestion"  ("conversation_id", "batch", "rank") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."template_category" AS ENUM('MARKETING', 'UTILITY', 'AUTHENTICATION')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."template_status" AS ENUM('APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "template" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "workspace_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "channel_account_id" uuid NOT NULL, "external_id" text, "name" text NOT NULL, "language" text NOT NULL, "category" "public"."template_category" NOT NULL, "status" "public"."template_status" NOT NULL, "parameter_format" text NOT NULL DEFAULT 'POSITIONAL', "components" jsonb NOT NULL DEFAULT '[]', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fbae2ac36bd9b5e1e793b957b7f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "template_channel_name_language_key" ON "template"  ("channel_account_id", "name", "language") `,
    );
    await queryRunner.query(
      `ALTER TABLE "agent" ADD CONSTRAINT "FK_2ec528295da34d9c978aaa25313" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_account" ADD CONSTRAINT "FK_4937a16d6a9cecef7da6f0620ed" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer" ADD CONSTRAINT "FK_1288a14f94b7e560261d24656bd" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer" ADD CONSTRAINT "FK_272b265a223fd3a9f19bcd0bf2a" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation" ADD CONSTRAINT "FK_ef32ab8bf06d335895fa0972340" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation" ADD CONSTRAINT "FK_8cb887e01c7aa9c10555da04aff" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation" ADD CONSTRAINT "FK_c85f4edec621c3bf9a2267ca820" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation" ADD CONSTRAINT "FK_7cd8691196444b4660679c494a4" FOREIGN KEY ("assignee_id") REFERENCES "agent"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ai_summary" ADD CONSTRAINT "FK_042d95b2e378e363d7509a80147" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ai_summary" ADD CONSTRAINT "FK_f8cce926ee3c0ff17e9bc86f0ab" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_ecc615827295b4cd316f6088aea" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_event" ADD CONSTRAINT "FK_49620494955544f1f6f0479b8bd" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_event" ADD CONSTRAINT "FK_7f92150478e17ca2ae2bb6d4710" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custom_field" ADD CONSTRAINT "FK_1aefc56a9677547a116829cb6d5" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_field_value" ADD CONSTRAINT "FK_8ddd5db81c83a0092bbc4eb84dd" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_field_value" ADD CONSTRAINT "FK_d78448f7d1ee92132a5b8e21408" FOREIGN KEY ("field_id") REFERENCES "custom_field"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tag" ADD CONSTRAINT "FK_ff2b336923f1ec14c2d4ef08b7f" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_tag" ADD CONSTRAINT "FK_71819ed9318404974f03d78dbba" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_tag" ADD CONSTRAINT "FK_310d4affefa5d238769746fa34f" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message" ADD CONSTRAINT "FK_13b9c0c77528a5bae2299d3fcc5" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message" ADD CONSTRAINT "FK_7fe3e887d78498d9c9813375ce2" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message" ADD CONSTRAINT "FK_49b1037c918947b7b2891eaa1a8" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note" ADD CONSTRAINT "FK_05020b47ea2811fac301906cd2a" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note" ADD CONSTRAINT "FK_561d124d37a762caea374598a27" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note" ADD CONSTRAINT "FK_665a6b343c55b13e2aba74ef613" FOREIGN KEY ("author_id") REFERENCES "agent"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" ADD CONSTRAINT "FK_b66fafc28245cdf759f01dbdb91" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" ADD CONSTRAINT "FK_9ea289bbcf277291e779bbbc3ee" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "template" ADD CONSTRAINT "FK_3f8b9d372187ad54c33210721d4" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "template" ADD CONSTRAINT "FK_cffe9da8b27c5f3ab4369f3bbd5" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // Indexes TypeORM cannot describe (sort order, partial uniqueness); entities mark them synchronize: false.
    await queryRunner.query(
      `CREATE INDEX "conversation_tray_idx" ON "conversation" ("workspace_id", "status", "handler", "assignee_id", "last_activity_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "conversation_one_open_per_customer" ON "conversation" ("channel_account_id", "customer_id") WHERE status = 'OPEN'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "conversation_one_open_per_customer"`);
    await queryRunner.query(`DROP INDEX "conversation_tray_idx"`);
    await queryRunner.query(`ALTER TABLE "template" DROP CONSTRAINT "FK_cffe9da8b27c5f3ab4369f3bbd5"`);
    await queryRunner.query(`ALTER TABLE "template" DROP CONSTRAINT "FK_3f8b9d372187ad54c33210721d4"`);
    await queryRunner.query(`ALTER TABLE "suggestion" DROP CONSTRAINT "FK_9ea289bbcf277291e779bbbc3ee"`);
    await queryRunner.query(`ALTER TABLE "suggestion" DROP CONSTRAINT "FK_b66fafc28245cdf759f01dbdb91"`);
    await queryRunner.query(`ALTER TABLE "note" DROP CONSTRAINT "FK_665a6b343c55b13e2aba74ef613"`);
    await queryRunner.query(`ALTER TABLE "note" DROP CONSTRAINT "FK_561d124d37a762caea374598a27"`);
    await queryRunner.query(`ALTER TABLE "note" DROP CONSTRAINT "FK_05020b47ea2811fac301906cd2a"`);
    await queryRunner.query(`ALTER TABLE "message" DROP CONSTRAINT "FK_49b1037c918947b7b2891eaa1a8"`);
    await queryRunner.query(`ALTER TABLE "message" DROP CONSTRAINT "FK_7fe3e887d78498d9c9813375ce2"`);
    await queryRunner.query(`ALTER TABLE "message" DROP CONSTRAINT "FK_13b9c0c77528a5bae2299d3fcc5"`);
    await queryRunner.query(`ALTER TABLE "customer_tag" DROP CONSTRAINT "FK_310d4affefa5d238769746fa34f"`);
    await queryRunner.query(`ALTER TABLE "customer_tag" DROP CONSTRAINT "FK_71819ed9318404974f03d78dbba"`);
    await queryRunner.query(`ALTER TABLE "tag" DROP CONSTRAINT "FK_ff2b336923f1ec14c2d4ef08b7f"`);
    await queryRunner.query(
      `ALTER TABLE "customer_field_value" DROP CONSTRAINT "FK_d78448f7d1ee92132a5b8e21408"`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_field_value" DROP CONSTRAINT "FK_8ddd5db81c83a0092bbc4eb84dd"`,
    );
    await queryRunner.query(`ALTER TABLE "custom_field" DROP CONSTRAINT "FK_1aefc56a9677547a116829cb6d5"`);
    await queryRunner.query(
      `ALTER TABLE "conversation_event" DROP CONSTRAINT "FK_7f92150478e17ca2ae2bb6d4710"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_event" DROP CONSTRAINT "FK_49620494955544f1f6f0479b8bd"`,
    );
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_ecc615827295b4cd316f6088aea"`);
    await queryRunner.query(`ALTER TABLE "ai_summary" DROP CONSTRAINT "FK_f8cce926ee3c0ff17e9bc86f0ab"`);
    await queryRunner.query(`ALTER TABLE "ai_summary" DROP CONSTRAINT "FK_042d95b2e378e363d7509a80147"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "FK_7cd8691196444b4660679c494a4"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "FK_c85f4edec621c3bf9a2267ca820"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "FK_8cb887e01c7aa9c10555da04aff"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "FK_ef32ab8bf06d335895fa0972340"`);
    await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_272b265a223fd3a9f19bcd0bf2a"`);
    await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_1288a14f94b7e560261d24656bd"`);
    await queryRunner.query(`ALTER TABLE "channel_account" DROP CONSTRAINT "FK_4937a16d6a9cecef7da6f0620ed"`);
    await queryRunner.query(`ALTER TABLE "agent" DROP CONSTRAINT "FK_2ec528295da34d9c978aaa25313"`);
    await queryRunner.query(`DROP INDEX "public"."template_channel_name_language_key"`);
    await queryRunner.query(`DROP TABLE "template"`);
    await queryRunner.query(`DROP INDEX "public"."suggestion_conversation_idx"`);
    await queryRunner.query(`DROP TABLE "suggestion"`);
    await queryRunner.query(`DROP INDEX "public"."note_conversation_idx"`);
    await queryRunner.query(`DROP TABLE "note"`);
    await queryRunner.query(`DROP INDEX "public"."message_conversation_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_external_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."message_failed_idx"`);
    await queryRunner.query(`DROP TABLE "message"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_webhook_pending_idx"`);
    await queryRunner.query(`DROP TABLE "inbound_webhook"`);
    await queryRunner.query(`DROP INDEX "public"."idempotency_record_expires_idx"`);
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
    await queryRunner.query(`DROP INDEX "public"."event_log_created_idx"`);
    await queryRunner.query(`DROP TABLE "event_log"`);
    await queryRunner.query(`DROP INDEX "public"."customer_tag_tag_idx"`);
    await queryRunner.query(`DROP TABLE "customer_tag"`);
    await queryRunner.query(`DROP INDEX "public"."tag_workspace_name_key"`);
    await queryRunner.query(`DROP TABLE "tag"`);
    await queryRunner.query(`DROP TABLE "customer_field_value"`);
    await queryRunner.query(`DROP INDEX "public"."custom_field_workspace_key_key"`);
    await queryRunner.query(`DROP TABLE "custom_field"`);
    await queryRunner.query(`DROP INDEX "public"."conversation_event_conversation_idx"`);
    await queryRunner.query(`DROP TABLE "conversation_event"`);
    await queryRunner.query(`DROP INDEX "public"."api_key_hash_key"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP INDEX "public"."ai_summary_conversation_idx"`);
    await queryRunner.query(`DROP TABLE "ai_summary"`);
    await queryRunner.query(`DROP INDEX "public"."conversation_customer_idx"`);
    await queryRunner.query(`DROP TABLE "conversation"`);
    await queryRunner.query(`DROP INDEX "public"."customer_channel_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."customer_workspace_name_idx"`);
    await queryRunner.query(`DROP TABLE "customer"`);
    await queryRunner.query(`DROP INDEX "public"."channel_account_kind_external_id_key"`);
    await queryRunner.query(`DROP TABLE "channel_account"`);
    await queryRunner.query(`DROP INDEX "public"."agent_email_key"`);
    await queryRunner.query(`DROP TABLE "agent"`);
    await queryRunner.query(`DROP TABLE "workspace"`);
    await queryRunner.query(`DROP TYPE "public"."template_status"`);
    await queryRunner.query(`DROP TYPE "public"."template_category"`);
    await queryRunner.query(`DROP TYPE "public"."message_status"`);
    await queryRunner.query(`DROP TYPE "public"."message_type"`);
    await queryRunner.query(`DROP TYPE "public"."message_sender"`);
    await queryRunner.query(`DROP TYPE "public"."message_direction"`);
    await queryRunner.query(`DROP TYPE "public"."channel_kind"`);
    await queryRunner.query(`DROP TYPE "public"."custom_field_type"`);
    await queryRunner.query(`DROP TYPE "public"."tray_kind"`);
    await queryRunner.query(`DROP TYPE "public"."actor_type"`);
    await queryRunner.query(`DROP TYPE "public"."conversation_event_type"`);
    await queryRunner.query(`DROP TYPE "public"."api_key_scope"`);
    await queryRunner.query(`DROP TYPE "public"."ai_summary_status"`);
    await queryRunner.query(`DROP TYPE "public"."ai_trigger"`);
    await queryRunner.query(`DROP TYPE "public"."outcome"`);
    await queryRunner.query(`DROP TYPE "public"."conversation_status"`);
    await queryRunner.query(`DROP TYPE "public"."handler"`);
    await queryRunner.query(`DROP TYPE "public"."agent_role"`);
    await queryRunner.query(`DROP TYPE "public"."locale"`);
  }
}
