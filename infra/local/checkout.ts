/**
 * What belongs to this checkout (this clone of the repository): the local runtime's default
 * database is named after it, and its embedded PostgreSQL lives in it, so two clones on one
 * machine never share tasks, tenants or outbox rows by accident.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The root of this checkout (where package.json is). */
export const CHECKOUT_ROOT = realpathSync(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * `taskforge_<folder>_<8 hex of the checkout's path>`: readable, and different for two clones
 * even when their folders have the same name. At most 63 bytes (PostgreSQL's identifier limit).
 */
export function checkoutDatabaseName(root: string = CHECKOUT_ROOT): string {
  const folder =
    basename(root)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 32) || 'checkout';
  const hash = createHash('sha256').update(root).digest('hex').slice(0, 8);
  return `taskforge_${folder}_${hash}`;
}

/** Where `npm run local` keeps its embedded PostgreSQL cluster (git-ignored). */
export const CHECKOUT_POSTGRES_DIR = join(CHECKOUT_ROOT, '.taskforge', 'postgres');
