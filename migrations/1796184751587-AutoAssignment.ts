import { MigrationInterface, QueryRunner } from 'typeorm';

export class AutoAssignment1796184751587 implements MigrationInterface {
  name = 'AutoAssignment1796184751587';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."assignment_policy" AS ENUM('MANUAL', 'ROUND_ROBIN', 'BALANCED')`,
    );
    await queryRunner.query(
      `ALTER TABLE "workspace" ADD "assignment_policy" "public"."assignment_policy" NOT NULL DEFAULT 'MANUAL'`,
    );
    await queryRunner.query(`CREATE TYPE "public"."assignment_order" AS ENUM('WAITING_SINCE', 'PRIORITY')`);
    await queryRunner.query(
      `ALTER TABLE "workspace" ADD "assignment_order" "public"."assignment_order" NOT NULL DEFAULT 'WAITING_SINCE'`,
    );
    await queryRunner.query(`ALTER TABLE "workspace" ADD "default_capacity" integer NOT NULL DEFAULT '5'`);
    await queryRunner.query(`ALTER TABLE "agent" ADD "capacity" integer`);
    await queryRunner.query(`ALTER TABLE "agent" ADD "last_auto_assigned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "agent" ADD "auto_assign_turn" bigint`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agent" DROP COLUMN "auto_assign_turn"`);
    await queryRunner.query(`ALTER TABLE "agent" DROP COLUMN "last_auto_assigned_at"`);
    await queryRunner.query(`ALTER TABLE "agent" DROP COLUMN "capacity"`);
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "default_capacity"`);
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "assignment_order"`);
    await queryRunner.query(`DROP TYPE "public"."assignment_order"`);
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "assignment_policy"`);
    await queryRunner.query(`DROP TYPE "public"."assignment_policy"`);
  }
}
