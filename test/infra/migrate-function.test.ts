import { beforeAll, describe, expect, it } from 'vitest';
import { runMigrateStep } from '../../functions/migrate/migrate-step.ts';
import { loadMigrations } from '../../shared/db/migrate.ts';
import { operatorTokenGrants } from '../../shared/ops/operator-token-store.ts';
import { hashApiKey } from '../../shared/tenants/tenant-store.ts';
import { useTestDatabase } from '../helpers/fixtures.ts';

// What the deploy trigger runs, against a real database: a fresh, unmigrated one (the template
// the other tests clone is already migrated, so this creates its own empty database).
const test = useTestDatabase();

beforeAll(async () => {
  await test.db.query('DROP SCHEMA public CASCADE');
  await test.db.query('CREATE SCHEMA public');
});

describe('runMigrateStep', () => {
  const key = 'A'.repeat(24) + 'b'.repeat(24);

  it('applies the migrations and creates the first tenant with the hash of the key', async () => {
    const migrations = await loadMigrations();
    const result = await runMigrateStep({
      db: test.db,
      migrations,
      tenantName: 'default',
      readFirstApiKey: async () => `${key}\n`,
    });
    expect(result.applied).toEqual(migrations.map((m) => m.version));
    expect(result.firstTenant).toBe('created');
    const { rows } = await test.db.query<{ key_hash: string; name: string }>(
      'SELECT k.key_hash, t.name FROM api_keys k JOIN tenants t ON t.id = k.tenant_id',
    );
    expect(rows).toEqual([{ key_hash: hashApiKey(key), name: 'default' }]);
  });

  it('changes nothing when it runs again (every deploy that changes the function)', async () => {
    const result = await runMigrateStep({
      db: test.db,
      migrations: await loadMigrations(),
      tenantName: 'default',
      readFirstApiKey: async () => key,
    });
    expect(result).toMatchObject({ applied: [], firstTenant: 'exists' });
    const { rows } = await test.db.query('SELECT id FROM tenants');
    expect(rows).toHaveLength(1);
  });

  it('leaves a first key revoked through the admin API revoked, and creates no second tenant', async () => {
    await test.db.query('UPDATE api_keys SET revoked_at = now() WHERE key_hash = :hash', {
      hash: hashApiKey(key),
    });

    const result = await runMigrateStep({
      db: test.db,
      migrations: await loadMigrations(),
      tenantName: 'default',
      readFirstApiKey: async () => key,
    });

    expect(result.firstTenant).toBe('exists');
    const { rows } = await test.db.query<{ n: number; revoked: number }>(
      `SELECT (SELECT count(*)::int FROM tenants) AS n,
              (SELECT count(*)::int FROM api_keys WHERE revoked_at IS NOT NULL) AS revoked`,
    );
    expect(rows[0]).toEqual({ n: 1, revoked: 1 });
  });

  it('refuses a secret too short to be the generated key', async () => {
    await expect(
      runMigrateStep({
        db: test.db,
        migrations: await loadMigrations(),
        tenantName: 'default',
        readFirstApiKey: async () => 'short',
      }),
    ).rejects.toThrow(/fewer than 32 characters/);
  });

  it('stores only the hash of the operator token, once, however often it runs', async () => {
    const token = 'operator-token-0123456789abcdefghijklmnop';
    for (let run = 0; run < 2; run++) {
      await runMigrateStep({
        db: test.db,
        migrations: await loadMigrations(),
        tenantName: 'x',
        readOperatorToken: async () => `${token}\n`,
      });
    }
    const { rows } = await test.db.query<{ token_hash: string; scope: string }>(
      'SELECT token_hash, scope FROM operator_tokens',
    );
    expect(rows).toEqual([{ token_hash: hashApiKey(token), scope: 'admin' }]);
    expect(await operatorTokenGrants(test.db, hashApiKey(token), 'metrics')).toBe(true);
  });

  it('skips the tenant when no key secret is configured', async () => {
    const result = await runMigrateStep({ db: test.db, migrations: await loadMigrations(), tenantName: 'x' });
    expect(result).toEqual({ applied: [], firstTenant: 'skipped' });
  });
});
