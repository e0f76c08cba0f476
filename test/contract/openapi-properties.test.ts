/**
 * Property-based contract test: requests generated from the served OpenAPI document itself
 * (fast-check arbitraries built from each operation's parameters and body schema) are sent
 * through the real handler chain, and
 * 1. every schema-valid request is accepted: 2xx, or a documented status that depends on state
 *    (404 for an id that does not exist, 409 for a state conflict, 409/422 for an
 *    Idempotency-Key seen before);
 * 2. every schema-invalid mutation of one (a value that breaks its schema) gets a documented 4xx;
 * 3. no request gets a 5xx, every status is documented for its operation, and every response
 *    matches the documented schema and headers (ajv, JSON Schema 2020-12).
 * Fixed seed, a bounded number of cases per operation; a failure lists the offending requests.
 */

import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/http/routes.ts';
import { configureProcessDeps } from '../../shared/process-deps.ts';
import { type ApiResponse, call, forceStatus, useApi } from '../helpers/api.ts';
import { startTestQueues, type TestQueues } from '../helpers/sqs-emulator.ts';
import { resolveRef, type Schema, schemaArbitrary } from './schema-arbitrary.ts';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const SEED = 20_261_101;
const VALID_CASES = 30;
const INVALID_CASES = 15;
const METRICS_TOKEN = 'properties-metrics-token';
const ADMIN_TOKEN = 'properties-admin-token';

const api = useApi();
let queues: TestQueues;
let doc: Schema;
let ajv: Ajv2020;
const knownIds: string[] = [];
const totals = { valid: 0, validRejected: 0, invalid: 0, invalidAccepted: 0, serverErrors: 0 };

beforeAll(async () => {
  queues = await startTestQueues();
  configureProcessDeps({ sqs: queues.client, queues: queues.queues });
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  process.env.ADMIN_TOKEN = ADMIN_TOKEN;
  configureProcessDeps({ opsConfig: undefined });
  doc = (await call('GET', '/openapi.json')).body;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: doc.components });
  // Tasks in every state the routes distinguish, so generated ids hit existing tasks too.
  for (const status of ['PENDING', 'PENDING', 'COMPLETED', 'COMPLETED', 'FAILED', 'FAILED', 'CANCELLED']) {
    const res = await call('POST', '/v1/tasks', {
      apiKey: api.tenantA.apiKey,
      body: { type: 'echo', payload: 1 },
    });
    if (status !== 'PENDING')
      await forceStatus(api.db, res.body.id, status, status === 'COMPLETED' ? 1 : undefined);
    knownIds.push(res.body.id);
  }
});

afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  delete process.env.ADMIN_TOKEN;
  configureProcessDeps({ opsConfig: undefined });
  // One line for the record: how the API and its document agree over this run.
  console.info(`openapi-properties: ${JSON.stringify(totals)}`);
  await queues?.stop();
});

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

interface Operation {
  method: string;
  path: string;
  spec: Schema;
  parameters: Parameter[];
  body?: { schema: Schema; required: boolean };
}

interface GeneratedRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body?: unknown;
}

function withAbsoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withAbsoluteRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi.json${v}` : withAbsoluteRefs(v),
    ]),
  );
}

const validators = new Map<Schema, (value: unknown) => boolean>();
function valid(schema: Schema, value: unknown): boolean {
  let validate = validators.get(schema);
  if (!validate) {
    const compiled = ajv.compile(withAbsoluteRefs(schema) as object);
    validate = (v) => compiled(v) as boolean;
    validators.set(schema, validate);
  }
  return validate(value);
}

const deref = <T extends Schema>(node: T): T =>
  typeof node.$ref === 'string' ? (resolveRef(doc, node.$ref) as T) : node;

function operationsOf(): Operation[] {
  return ROUTES.map((route) => {
    const spec = doc.paths[route.path][route.method.toLowerCase()] as Schema;
    const parameters = ((spec.parameters ?? []) as Schema[]).map((p) => deref(p) as unknown as Parameter);
    const content = spec.requestBody?.content?.['application/json'];
    return {
      method: route.method,
      path: route.path,
      spec,
      parameters,
      ...(content
        ? { body: { schema: content.schema as Schema, required: spec.requestBody.required === true } }
        : {}),
    };
  });
}

/** Requests whose every part is valid against the document. */
function requestArbitrary(operation: Operation): fc.Arbitrary<GeneratedRequest> {
  const options = {
    document: doc,
    // Existing tasks' ids are valid ids too, so generated requests reach them as well as 404s.
    extras: (schema: Schema) => (schema.format === 'uuid' ? fc.constantFrom(...knownIds) : undefined),
  };
  const part = (location: Parameter['in']) => {
    const params = operation.parameters.filter((p) => p.in === location);
    return fc.record(Object.fromEntries(params.map((p) => [p.name, schemaArbitrary(p.schema, options)])), {
      requiredKeys: params.filter((p) => p.required).map((p) => p.name),
    });
  };
  const body = operation.body
    ? operation.body.required
      ? schemaArbitrary(operation.body.schema, options)
      : fc.option(schemaArbitrary(operation.body.schema, options), { nil: undefined })
    : fc.constant(undefined);
  return fc
    .record({ path: part('path'), query: part('query'), headers: part('header'), body })
    .filter((request) => isValid(operation, request));
}

/** Whether every part of `request` is valid against the document (`not`, `oneOf` exclusivity...). */
function isValid(operation: Operation, request: GeneratedRequest): boolean {
  for (const p of operation.parameters) {
    const value = request[p.in === 'header' ? 'headers' : p.in][p.name];
    if (value === undefined ? p.required : !valid(p.schema, value)) return false;
  }
  if (operation.body && request.body !== undefined) return valid(operation.body.schema, request.body);
  return !operation.body?.required;
}

async function send(operation: Operation, request: GeneratedRequest): Promise<ApiResponse> {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(request.path[name])),
  );
  const query = Object.entries(request.query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const schemes = new Set(
    ((operation.spec.security ?? []) as Record<string, string[]>[]).flatMap(Object.keys),
  );
  if (schemes.has('MetricsToken')) headers.authorization = `Bearer ${METRICS_TOKEN}`;
  if (schemes.has('AdminToken')) headers.authorization = `Bearer ${ADMIN_TOKEN}`;
  return call(operation.method, query ? `${path}?${query}` : path, {
    ...(schemes.has('ApiKey') ? { apiKey: api.tenantA.apiKey } : {}),
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
}

/** What is wrong with `res` as an answer documented for `operation`, or undefined. */
function undocumented(operation: Operation, res: ApiResponse): string | undefined {
  if (res.status >= 500) return `a ${res.status}`;
  const documented = operation.spec.responses[String(res.status)] as Schema | undefined;
  if (!documented) return `status ${res.status} is not documented`;
  const response = deref(documented);
  for (const [name, header] of Object.entries((response.headers ?? {}) as Record<string, Schema>)) {
    const definition = deref(header);
    const value = res.headers[name.toLowerCase()];
    if (definition.required && value === undefined) return `header ${name} is missing`;
    if (value !== undefined && !valid(definition.schema, value))
      return `header ${name}: ${value} is not as documented`;
  }
  const [mediaType, media] = Object.entries((response.content ?? {}) as Record<string, Schema>)[0] ?? [];
  if (!mediaType) return res.raw.body ? 'a body where none is documented' : undefined;
  if (/json/.test(mediaType) && !valid(media!.schema, res.body))
    return `body does not match the documented schema: ${JSON.stringify(res.body).slice(0, 300)}`;
  return undefined;
}

/** A schema-valid request may still meet state: a missing id, a conflict, a key used before. */
function acceptable(operation: Operation, request: GeneratedRequest, status: number): boolean {
  if (status >= 200 && status < 300) return true;
  const documented = (s: number) => String(s) in operation.spec.responses;
  if ((status === 404 || status === 409) && documented(status)) return true;
  const keyed = Object.keys(request.headers).some((h) => h.toLowerCase() === 'idempotency-key');
  return keyed && status === 422 && documented(422);
}

function describeRequest(operation: Operation, request: GeneratedRequest, res: ApiResponse): string {
  const detail =
    res.body && typeof res.body === 'object' ? `${res.body.field ?? ''} ${res.body.detail ?? ''}` : '';
  return `${operation.method} ${operation.path} ${JSON.stringify(request).slice(0, 400)} -> ${res.status} ${detail}`.trim();
}

// --- schema-invalid mutations ------------------------------------------------------------------

interface Mutation {
  name: string;
  apply(request: GeneratedRequest): GeneratedRequest | undefined;
  /** Whether the mutated part really breaks its schema (else the case is skipped). */
  broken(request: GeneratedRequest): boolean;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Inserts NUL into the `n`-th string (value or property name) of `value`, if there is one. */
function injectNul(value: unknown, n: number): unknown {
  let seen = 0;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return seen++ === n ? `${node}\u0000` : node;
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object')
      return Object.fromEntries(
        Object.entries(node).map(([k, v]) => [seen++ === n ? `${k}\u0000` : k, walk(v)]),
      );
    return node;
  };
  return walk(value);
}

function wrongTypeFor(schema: Schema): unknown {
  const type = deref(schema).type;
  return type === 'string' ? 12345 : type === 'object' || type === 'array' ? 'text' : { not: 'this' };
}

function mutationsOf(operation: Operation): Mutation[] {
  const mutations: Mutation[] = [];
  for (const p of operation.parameters) {
    const where = p.in === 'header' ? 'headers' : p.in;
    const set = (value: unknown) => (request: GeneratedRequest) => {
      const next = clone(request);
      next[where][p.name] = value;
      return next;
    };
    const broken = (request: GeneratedRequest) => !valid(p.schema, request[where][p.name]);
    const schema = deref(p.schema);
    mutations.push({ name: `${p.in} ${p.name}: NUL`, apply: set(`a\u0000b`), broken });
    if (schema.maxLength !== undefined)
      mutations.push({
        name: `${p.in} ${p.name}: too long`,
        apply: set('x'.repeat(schema.maxLength + 1)),
        broken,
      });
    if (schema.type === 'integer' || schema.type === 'number') {
      mutations.push({ name: `${p.in} ${p.name}: not a number`, apply: set('many'), broken });
      if (schema.maximum !== undefined)
        mutations.push({ name: `${p.in} ${p.name}: above maximum`, apply: set(schema.maximum + 1), broken });
    }
    if (schema.format === 'uuid')
      mutations.push({ name: `${p.in} ${p.name}: not a UUID`, apply: set('not-a-uuid'), broken });
  }
  const body = operation.body;
  if (body) {
    const bodyBroken = (request: GeneratedRequest) =>
      request.body !== undefined && !valid(body.schema, request.body);
    const onObject = (
      name: string,
      change: (value: Record<string, unknown>, n: number) => void,
    ): Mutation => ({
      name: `body: ${name}`,
      apply: (request) => {
        if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body))
          return undefined;
        const next = clone(request);
        change(next.body as Record<string, unknown>, Object.keys(next.body as object).length);
        return next;
      },
      broken: bodyBroken,
    });
    mutations.push(
      onObject('an unknown property', (value) => {
        value.unexpectedProperty = true;
      }),
    );
    mutations.push(
      onObject('a property removed', (value, n) => {
        const key = Object.keys(value)[n - 1];
        if (key !== undefined) delete value[key];
      }),
    );
    mutations.push(
      onObject('a property of the wrong type', (value) => {
        const [key] = Object.keys(value);
        const schema = deref(body.schema);
        const property = schema.properties?.[key ?? ''] ?? { type: 'string' };
        if (key !== undefined) value[key] = wrongTypeFor(property);
      }),
    );
    for (const n of [0, 1, 2, 3, 5, 8])
      mutations.push({
        name: `body: NUL in string ${n}`,
        apply: (request) =>
          request.body === undefined ? undefined : { ...clone(request), body: injectNul(request.body, n) },
        broken: bodyBroken,
      });
  }
  return mutations;
}

// --- the properties ------------------------------------------------------------------------------

describe('requests generated from the OpenAPI document', () => {
  const routes = ROUTES.map((r) => `${r.method} ${r.path}`);

  it.each(routes)('%s: schema-valid requests are accepted, with documented responses', async (route) => {
    const operation = operationsOf().find((o) => `${o.method} ${o.path}` === route)!;
    const requests = fc.sample(requestArbitrary(operation), { numRuns: VALID_CASES, seed: SEED });
    const problems: string[] = [];
    for (const request of requests) {
      const res = await send(operation, request);
      totals.valid += 1;
      if (res.status >= 500) totals.serverErrors += 1;
      const wrong = undocumented(operation, res);
      if (wrong) problems.push(`${wrong}: ${describeRequest(operation, request, res)}`);
      if (!acceptable(operation, request, res.status)) {
        totals.validRejected += 1;
        problems.push(`schema-valid request rejected: ${describeRequest(operation, request, res)}`);
      }
    }

    expect(problems.slice(0, 10), `${problems.length} problems of ${requests.length} requests`).toEqual([]);
  });

  it.each(routes)('%s: schema-invalid mutations get a documented 4xx', async (route) => {
    const operation = operationsOf().find((o) => `${o.method} ${o.path}` === route)!;
    const mutations = mutationsOf(operation);
    const cases = fc.sample(fc.tuple(requestArbitrary(operation), fc.nat()), {
      numRuns: INVALID_CASES * 3,
      seed: SEED + 1,
    });
    const problems: string[] = [];
    let tried = 0;
    for (const [request, pick] of cases) {
      if (tried >= INVALID_CASES) break;
      const mutation = mutations[pick % mutations.length]!;
      const mutated = mutation.apply(request);
      if (!mutated || !mutation.broken(mutated)) continue;
      tried += 1;
      const res = await send(operation, mutated);
      totals.invalid += 1;
      if (res.status >= 500) totals.serverErrors += 1;
      const wrong = undocumented(operation, res);
      if (wrong) problems.push(`${mutation.name}: ${wrong}: ${describeRequest(operation, mutated, res)}`);
      if (res.status < 400 || res.status >= 500) {
        totals.invalidAccepted += 1;
        problems.push(`${mutation.name}: accepted: ${describeRequest(operation, mutated, res)}`);
      }
    }

    expect(mutations.length === 0 || tried > 0, 'no mutation applied').toBe(true);
    expect(problems.slice(0, 10), `${problems.length} problems of ${tried} mutated requests`).toEqual([]);
  });
});
