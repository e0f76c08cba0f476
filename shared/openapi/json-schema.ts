/**
 * zod -> JSON Schema (2020-12, what OpenAPI 3.1 uses) for the OpenAPI document. `z.toJSONSchema`
 * puts shared and recursive parts under a local `$defs`, whose `#/$defs/...` references would
 * point at the document root once embedded; they are hoisted to `components.schemas` (identical
 * definitions shared) and the references rewritten.
 */
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

function rewriteRefs(value: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string'
        ? (renames.get(inner) ?? inner)
        : rewriteRefs(inner, renames),
    ]),
  );
}

export class SchemaRegistry {
  readonly components: Record<string, JsonSchema> = {};
  private readonly byContent = new Map<string, string>();
  private count = 0;

  /** The JSON Schema of `schema` as a client sends it (`input`) or receives it (`output`). */
  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const {
      $schema: _ignored,
      $defs,
      ...json
    } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
    }) as JsonSchema;
    const defs = ($defs ?? {}) as Record<string, JsonSchema>;
    const ref = (id: string) => `#/components/schemas/${id}`;
    // Names first (definitions may refer to each other), then content with rewritten references.
    const renames = new Map<string, string>();
    const ids = Object.keys(defs).map((name) => {
      const id = `Shared${++this.count}`;
      renames.set(`#/$defs/${name}`, ref(id));
      return [name, id] as const;
    });
    const aliases = new Map<string, string>();
    const stored: string[] = [];
    for (const [name, id] of ids) {
      const content = rewriteRefs(defs[name], renames) as JsonSchema;
      const key = JSON.stringify(rewriteRefs(content, new Map([[ref(id), '#self']])));
      const existing = this.byContent.get(key);
      if (existing) {
        aliases.set(ref(id), ref(existing));
      } else {
        this.byContent.set(key, id);
        this.components[id] = content;
        stored.push(id);
      }
    }
    for (const id of stored) this.components[id] = rewriteRefs(this.components[id], aliases) as JsonSchema;
    return rewriteRefs(rewriteRefs(json, renames), aliases) as JsonSchema;
  }

  /** Registers `schema` under `name` in components.schemas and returns a reference to it. */
  component(name: string, schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    if (!this.components[name]) this.components[name] = this.convert(schema, io);
    return { $ref: `#/components/schemas/${name}` };
  }
}
