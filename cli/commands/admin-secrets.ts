/** A new key or token: printed once, as the API shows it once. */
import { writeFields, writeLine } from '../output.ts';

export function writeNewSecret(
  kind: 'key' | 'token',
  secret: string,
  fields: [string, string | null][],
): void {
  writeLine(`${kind} (shown once, keep it now): ${secret}`);
  writeFields(fields);
}
