import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids sort by creation time,
 * which keeps the tasks primary key append-mostly and lets keyset pagination order by id.
 */
export function uuidv7(now = Date.now()): string {
  // The random bits come from randomUUID (v4: 122 random bits, the variant already set), which
  // node serves from a buffered entropy cache; randomBytes(16) is a syscall per id.
  const random = randomUUID();
  const time = now.toString(16).padStart(12, '0');
  // v4 layout xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep the 3 + 3 + 12 random digits after the
  // version digit, replace the first 48 bits with the time and the version digit with 7.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
