import { afterAll, describe, expect, it } from 'vitest';
import { fixture, parts } from '../../helpers/fixtures.ts';

class Counter {
  #count = 0;
  constructor(readonly name: string) {}
  increment(): number {
    this.#count += 1;
    return this.#count;
  }
}

const events: string[] = [];

describe('fixture, once per block', () => {
  let readTooEarly: unknown;
  const counter = fixture(
    'the counter',
    async () => {
      events.push('setup');
      return new Counter('file');
    },
    (value) => {
      events.push(`teardown ${value.name}`);
      return undefined;
    },
  );
  try {
    void counter.name;
  } catch (err) {
    readTooEarly = err;
  }

  it('refuses to be read before setup, naming the fixture', () => {
    expect(String(readTooEarly)).toMatch(/the counter is not set up: read \.name inside a test or hook/);
  });

  it('reads through to the value, methods bound to it (private fields work)', () => {
    expect(counter.name).toBe('file');
    expect(counter.increment()).toBe(1);
    const { increment } = counter;
    expect(increment()).toBe(2);
    expect('increment' in counter).toBe(true);
  });

  it('keeps the same value for every test of the block', () => {
    expect(counter.increment()).toBe(3);
    expect(events).toEqual(['setup']);
  });
});

describe('fixture, for each test', () => {
  let made = 0;
  const counter = fixture(
    'the per-test counter',
    async () => new Counter(`each ${++made}`),
    (value) => {
      events.push(`teardown ${value.name}`);
      return undefined;
    },
    { scope: 'each' },
  );

  it('gives the first test its own value', () => {
    expect(counter.name).toBe('each 1');
    expect(counter.increment()).toBe(1);
  });

  it('gives the next test a new one, after tearing down the last', () => {
    expect(counter.name).toBe('each 2');
    expect(counter.increment()).toBe(1);
    expect(events).toContain('teardown each 1');
  });
});

describe('parts', () => {
  const whole = fixture(
    'the pair',
    async () => ({ left: new Counter('left'), right: new Counter('right') }),
    () => undefined,
  );
  const { left, right } = parts(whole, ['left', 'right']);

  it('gives one handle per part, each reading through to the current value', () => {
    expect([left.name, right.name]).toEqual(['left', 'right']);
    expect(left.increment()).toBe(1);
    expect(whole.left.increment()).toBe(2);
  });
});

afterAll(() => {
  // A fixture is torn down when the block that declared it ends; a per-test one after each test.
  expect(events).toEqual(['setup', 'teardown file', 'teardown each 1', 'teardown each 2']);
});
