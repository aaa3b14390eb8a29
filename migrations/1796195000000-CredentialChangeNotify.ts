import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to what a verified caller is made of (agent, team membership, session family, API
 * key, workspace) notifies `omnitray_credentials` with its workspace id at commit, so each API
 * process drops the callers it keeps for that workspace. Columns that change on their own and say
 * nothing about access (the event sequence, auto-assignment turns, a key's last use) are ignored.
 */
export class CredentialChangeNotify1796195000000 implements MigrationInterface {
  name = 'CredentialChangeNotify1796195000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION omnitray_credentials_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ignored text[] := TG_ARGV[1:];
        changed jsonb := to_jsonb(COALESCE(NEW, OLD));
      BEGIN
        IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) - ignored) = (to_jsonb(NEW) - ignored) THEN
          RETURN NULL;
        END IF;
        PERFORM pg_notify('omnitray_credentials', changed ->> TG_ARGV[0]);
        RETURN NULL;
      END $$`);
    for (const [table, workspaceColumn, ...ignored] of TRIGGERS) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_credentials_changed AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION omnitray_credentials_changed(${[workspaceColumn, ...ignored].map((name) => `'${name}'`).join(', ')})`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TRIGGERS) {
      await queryRunner.query(`DROP TRIGGER ${table}_credentials_changed ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION omnitray_credentials_changed()`);
  }
}

/** Table, its workspace column, then the columns whose changes alone do not notify. */
const TRIGGERS: string[][] = [
  ['agent', 'workspace_id', 'auto_assign_turn', 'last_auto_assigned_at'],
  ['team_member', 'workspace_id'],
  ['session_family', 'workspace_id', 'last_refreshed_at'],
  ['api_key', 'workspace_id', 'last_used_at'],
  ['workspace', 'id', 'event_seq'],
];
