import { MigrationInterface, QueryRunner } from 'typeorm';

export class DueSweepIndexes1796305155892 implements MigrationInterface {
  name = 'DueSweepIndexes1796305155892';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The every-minute sweeps for lost timers read only what is due, instead of the whole table.
    // The every-minute sweeps for lost timers read only what is due, instead of the whole table.
    await queryRunner.query(
      `CREATE INDEX "conversation_window_expiry_idx" ON "conversation"  ("window_expires_at") WHERE status = 'OPEN' AND handler = 'AGENT' AND outcome IS NULL AND outgoing_since IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "conversation_snooze_due_idx" ON "conversation"  ("snoozed_until") WHERE status = 'OPEN' AND snoozed_until IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "conversation_auto_close_due_idx" ON "conversation"  ("auto_close_at") WHERE status = 'OPEN' AND auto_close_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."conversation_auto_close_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversation_snooze_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversation_window_expiry_idx"`);
  }
}
