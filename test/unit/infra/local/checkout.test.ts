import { describe, expect, it } from 'vitest';
import { checkoutDatabaseName } from '../../../../infra/local/checkout.ts';

describe("a checkout's own database name", () => {
  it('differs between two clones in folders of the same name, and is the same for one clone', () => {
    const a = checkoutDatabaseName('/home/ana/src/taskforge');
    const b = checkoutDatabaseName('/home/bob/src/taskforge');

    expect(a).toMatch(/^taskforge_taskforge_[0-9a-f]{8}$/);
    expect(b).not.toBe(a);
    expect(checkoutDatabaseName('/home/ana/src/taskforge')).toBe(a);
  });

  it('is a plain PostgreSQL identifier of at most 63 bytes, whatever the folder is called', () => {
    const name = checkoutDatabaseName(`/tmp/${'Ünïcode Folder-'.repeat(10)}`);

    expect(name).toMatch(/^[a-z0-9_]+$/);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(checkoutDatabaseName('/')).toMatch(/^taskforge_checkout_[0-9a-f]{8}$/);
  });
});
