/** Reads the first API key from Secrets Manager for the migrate step. */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

// Only the migrate function reads secrets: its client stays here (not in process-deps.ts), so no
// other bundle carries the Secrets Manager SDK.
let client: SecretsManagerClient | undefined;

/** The current `SecretString` of `secretId`; throws when the secret has no string value. */
export async function readSecretString(secretId: string): Promise<string> {
  client ??= new SecretsManagerClient({});
  const output = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!output.SecretString) throw new Error(`secret ${secretId} has no string value`);
  return output.SecretString;
}
