import { Client } from 'pg';
import { testDatabaseUrl } from '../src/testing/test-environment';

describe('test database', () => {
  it('is migrated', async () => {
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM migrations');
    await client.end();
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
