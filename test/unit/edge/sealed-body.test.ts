import { describe, expect, it } from 'vitest';
import { sealerFor } from '../../../shared/edge/sealed-body.ts';

describe('sealed idempotent response bodies', () => {
  it('opens what the same credential sealed, and the sealed text does not contain the body', () => {
    const body = JSON.stringify({ id: 'k1', key: 'tf_secret-value-0123456789' });
    const sealed = sealerFor('tfo_operator-token').seal(body);

    expect(sealed).not.toContain('tf_secret');
    expect(sealerFor('tfo_operator-token').open(sealed)).toBe(body);
  });

  it('refuses to open with another credential or when the sealed text was altered', () => {
    const sealed = sealerFor('tfo_a').seal('{"key":"x"}');
    const altered = `${sealed.slice(0, -4)}AAAA`;

    expect(() => sealerFor('tfo_b').open(sealed)).toThrow();
    expect(() => sealerFor('tfo_a').open(altered)).toThrow();
    expect(() => sealerFor('tfo_a').open('{"key":"x"}')).toThrow();
  });
});
