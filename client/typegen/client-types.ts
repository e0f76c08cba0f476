/**
 * Turns the served OpenAPI document into the typed client's types (`client/openapi-types.ts`)
 * with openapi-typescript, plus the runtime facts the client needs from the document: which
 * operations take `Idempotency-Key` (the client adds one to those and only retries them after a
 * connection error), and the task types (the CLI's help names them). Used by `npm run client:generate`, which writes the file, and by the test
 * that fails when the committed file no longer matches the served document.
 */
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';

export type { OpenAPI3 };

const HEADER = `/**
 * Generated from the served OpenAPI document by \`npm run client:generate\`
 * (client/typegen/client-types.ts, openapi-typescript); do not edit.
 */
`;

interface OperationLike {
  parameters?: { $ref?: string; name?: string; in?: string }[];
}

/** `METHOD /path` of every operation that accepts an `Idempotency-Key` header. */
export function idempotentOperations(document: OpenAPI3): string[] {
  const found: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, OperationLike>)) {
      const takesKey = (operation.parameters ?? []).some(
        (p) =>
          p.$ref === '#/components/parameters/IdempotencyKey' ||
          (p.in === 'header' && p.name?.toLowerCase() === 'idempotency-key'),
      );
      if (takesKey) found.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return found.sort();
}

/** The task types the document knows, from the submission's discriminator. */
export function taskTypes(document: OpenAPI3): string[] {
  const submission = document.components?.schemas?.TaskSubmission as
    | { discriminator?: { mapping?: Record<string, string> } }
    | undefined;
  return Object.keys(submission?.discriminator?.mapping ?? {});
}

/**
 * Components that refer to themselves. openapi-typescript writes them as a member of the
 * `components` interface that indexes itself, which TypeScript rejects (TS2502); a type alias may
 * recur through arrays and objects, so each becomes one, written here.
 */
const RECURSIVE_ALIASES: Record<string, string> = {
  JsonValue:
    'export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };',
};

function recursiveComponents(document: OpenAPI3): string[] {
  return Object.entries(document.components?.schemas ?? {})
    .filter(([name, schema]) => JSON.stringify(schema).includes(`"#/components/schemas/${name}"`))
    .map(([name]) => name);
}

/** The source of `client/openapi-types.ts` for this document. */
export async function clientTypesSource(document: OpenAPI3): Promise<string> {
  const operations = idempotentOperations(document)
    .map((operation) => `  '${operation}',`)
    .join('\n');
  const recursive = recursiveComponents(document);
  const unknown = recursive.filter((name) => !(name in RECURSIVE_ALIASES));
  if (unknown.length > 0) {
    throw new Error(`recursive schemas without a type alias in RECURSIVE_ALIASES: ${unknown.join(', ')}`);
  }
  const aliases = recursive.map((name) => RECURSIVE_ALIASES[name]).join('\n');
  const types = taskTypes(document)
    .map((type) => `'${type}'`)
    .join(', ');
  // openapi-typescript drops comments from injected code: client/index.ts documents these.
  const inject = `${aliases}
export const TASK_TYPES: readonly string[] = [${types}];
export const IDEMPOTENT_OPERATIONS: readonly string[] = [
${operations}
];
`;
  const ast = await openapiTS(document, {
    silent: true,
    inject,
    // Request fields with a default are optional to send (the server fills them in).
    defaultNonNullable: false,
    transform(_schema, { path }) {
      const name = path?.match(/^#\/components\/schemas\/([^/]+)$/)?.[1];
      return name && recursive.includes(name) ? ts.factory.createTypeReferenceNode(name) : undefined;
    },
  });
  return HEADER + astToString(ast);
}
