/**
 * zod -> JSON Schema (2020-12, what OpenAPI 3.1 uses) for the OpenAPI document. `z.toJSONSchema`
 * puts shared and recursive parts under a local `$defs`, whose `#/$defs/...` references would
 * point at the document root once embedded; they are hoisted to `components.schemas` (identical
 * definitions shared) and the references rewritten.
 *
 * Three things the validators enforce that `z.toJSONSchema` does not write down are added here,
 * once for every schema: the rule on text (`SAFE_TEXT_PATTERN`) on every string a client sends,
 * the protocols of `z.url({ protocol })` as a pattern, and records keyed by an enum as the
 * objects with exactly those properties that they are.
 */
import * as z from 'zod';
import { SAFE_TEXT_PATTERN } from '../http/validation.ts';

export type JsonSchema = Record<string, unknown>;

type Io = 'input' | 'output';

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

/**
 * Adds the text rule to every string schema that does not already pin its form (a pattern, a
 * format, an enum or a constant, none of which admit NUL or unpaired surrogates).
 */
export function withSafeText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSafeText);
  if (typeof value !== 'object' || value === null) return value;
  const schema = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSafeText(v)]));
  const pinned = ['pattern', 'format', 'enum', 'const'].some((k) => k in schema);
  if (schema.type === 'string' && !pinned) schema.pattern = SAFE_TEXT_PATTERN;
  return schema;
}

/** `/^https?$/` -> `^(?:[hH][tT][tT][pP][sS]?):`: URL protocols match case-insensitively. */
function protocolPattern(protocol: RegExp): string {
  const inner = protocol.source.replace(/^\^/, '').replace(/\$$/, '');
  const caseless = inner.replace(/(\\.)|([a-zA-Z])/g, (m, escaped: string | undefined, letter: string) =>
    escaped ? m : `[${letter.toLowerCase()}${letter.toUpperCase()}]`,
  );
  return `^(?:${caseless}):`;
}

function override(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: JsonSchema }): void {
  const def = ctx.zodSchema._zod.def as { type: string; format?: string; protocol?: RegExp };
  const json = ctx.jsonSchema;
  if (def.type === 'string' && def.format === 'url' && def.protocol instanceof RegExp)
    json.pattern = protocolPattern(def.protocol);
  // zod's record over an enum requires every key: say so with properties, which linters and
  // code generators understand, rather than `required` next to `propertyNames`.
  const names = (json.propertyNames as { enum?: string[] } | undefined)?.enum;
  if (def.type === 'record' && names && typeof json.additionalProperties === 'object') {
    json.properties = Object.fromEntries(names.map((name) => [name, json.additionalProperties]));
    json.required = [...names];
    json.additionalProperties = false;
    delete json.propertyNames;
  }
}

/** The key a definition is deduplicated by: its content, with references to itself made neutral. */
function contentKey(content: unknown, selfRef: string): string {
  return JSON.stringify(rewriteRefs(content, new Map([[selfRef, '#self']])));
}

export class SchemaRegistry {
  readonly components: Record<string, JsonSchema> = {};
  private readonly byContent = new Map<string, string>();
  /** Definitions known by content that get a name rather than `SharedN`. */
  private readonly names = new Map<string, string>();
  private count = 0;

  constructor() {
    // Any JSON value, as a payload may be: recursive, so z.toJSONSchema makes it a definition
    // (when it is not the root).
    this.nameDefinition('JsonValue', z.object({ value: z.json() }), 'input');
  }

  private toJson(
    schema: z.ZodType,
    io: Io,
    substitutes: ReadonlyMap<z.ZodType, JsonSchema> = new Map(),
  ): { json: JsonSchema; defs: Record<string, JsonSchema> } {
    const {
      $schema: _ignored,
      $defs,
      ...json
    } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      override: (ctx) => {
        const substitute = substitutes.get(ctx.zodSchema as unknown as z.ZodType);
        if (substitute) {
          for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
          Object.assign(ctx.jsonSchema, substitute);
          return;
        }
        override(ctx as { zodSchema: z.core.$ZodTypes; jsonSchema: JsonSchema });
      },
    }) as JsonSchema;
    const defs = ($defs ?? {}) as Record<string, JsonSchema>;
    if (io === 'input') {
      return {
        json: withSafeText(json) as JsonSchema,
        defs: Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, withSafeText(v) as JsonSchema])),
      };
    }
    return { json, defs };
  }

  /** Names the single definition `schema` converts to, wherever an identical one appears. */
  private nameDefinition(name: string, schema: z.ZodType, io: Io): void {
    const { defs } = this.toJson(schema, io);
    for (const [defName, content] of Object.entries(defs))
      this.names.set(contentKey(content, `#/$defs/${defName}`), name);
  }

  /** The JSON Schema of `schema` as a client sends it (`input`) or receives it (`output`). */
  convert(schema: z.ZodType, io: Io): JsonSchema {
    return this.convertWith(schema, io, new Map());
  }

  /** Like `convert`, with the parts of `schema` that are keys of `substitutes` written as their values. */
  convertWith(schema: z.ZodType, io: Io, substitutes: ReadonlyMap<z.ZodType, JsonSchema>): JsonSchema {
    const { json, defs } = this.toJson(schema, io, substitutes);
    const ref = (id: string) => `#/components/schemas/${id}`;
    // Names first (definitions may refer to each other), then content with rewritten references.
    const renames = new Map<string, string>();
    const ids = Object.keys(defs).map((name) => {
      const named = this.names.get(contentKey(defs[name], `#/$defs/${name}`));
      const id = named ?? `Shared${++this.count}`;
      renames.set(`#/$defs/${name}`, ref(id));
      return [name, id] as const;
    });
    const aliases = new Map<string, string>();
    const stored: string[] = [];
    for (const [name, id] of ids) {
      const content = rewriteRefs(defs[name], renames) as JsonSchema;
      const key = contentKey(content, ref(id));
      const existing = this.byContent.get(key);
      if (existing && existing !== id) {
        aliases.set(ref(id), ref(existing));
      } else if (!existing) {
        this.byContent.set(key, id);
        this.components[id] = content;
        stored.push(id);
      }
    }
    for (const id of stored) this.components[id] = rewriteRefs(this.components[id], aliases) as JsonSchema;
    return rewriteRefs(rewriteRefs(json, renames), aliases) as JsonSchema;
  }

  /** Registers `schema` under `name` in components.schemas and returns a reference to it. */
  component(name: string, schema: z.ZodType, io: Io): JsonSchema {
    if (!this.components[name]) this.components[name] = this.convert(schema, io);
    return { $ref: `#/components/schemas/${name}` };
  }

  /** Registers a schema built here (not from one zod schema) under `name`. */
  raw(name: string, schema: JsonSchema): JsonSchema {
    this.components[name] ??= schema;
    return { $ref: `#/components/schemas/${name}` };
  }
}
