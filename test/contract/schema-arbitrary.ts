/**
 * fast-check arbitraries built from the JSON Schemas of an OpenAPI 3.1 document, for the
 * property-based contract test: every value generated is meant to be valid against its schema
 * (the test checks that with ajv, so a gap here shows up as a generator error, not as a false
 * verdict about the API). Covers the JSON Schema the document uses: $ref, const, enum, oneOf,
 * anyOf, type (and type lists), string bounds, patterns and the formats uuid, date-time and uri,
 * number and integer bounds, arrays, objects with properties, required, additionalProperties and
 * propertyNames. Three things are read from the document beyond JSON Schema: `x-relative-window`
 * (a date-time relative to now), `x-valid-examples` (values for a rule JSON Schema cannot state,
 * such as a cron pattern's) and the note that string lengths count UTF-16 code units.
 */
import fc from 'fast-check';

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema is arbitrary JSON, walked by keyword
export type Schema = Record<string, any>;

export interface ArbitraryOptions {
  /** The whole document, to resolve `#/components/...` references. */
  document: Schema;
  /** Nesting below which arrays and objects are generated empty (recursive schemas end here). */
  maxDepth?: number;
  /** Longest string generated for an unbounded or very long maxLength (boundary values aside). */
  maxStringLength?: number;
  /** Values to mix into what `schema` generates, by JSON pointer of the schema (e.g. known ids). */
  extras?: (schema: Schema) => fc.Arbitrary<unknown> | undefined;
}

/** The schema a `$ref` points at. */
export function resolveRef(document: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
  let node: unknown = document;
  for (const part of ref.slice(2).split('/'))
    node = (node as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new Error(`unresolvable reference ${ref}`);
  return node as Schema;
}

/** `^[^...]*$`: any text outside a set, which fast-check's stringMatching fills with ASCII only. */
const NEGATED_CLASS = /^\^\[\^.*\]\*\$$/;

function stringArbitrary(
  schema: Schema,
  options: Required<Omit<ArbitraryOptions, 'extras'>>,
): fc.Arbitrary<string> {
  const minLength: number = schema.minLength ?? 0;
  const maxLength: number = schema.maxLength ?? Number.POSITIVE_INFINITY;
  const cap = Math.max(minLength, Math.min(maxLength, options.maxStringLength));
  // The document says lengths count UTF-16 code units, as `.length` does.
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : undefined;
  const matches = (s: string) => (pattern ? pattern.test(s) : true) && fits(s);
  if (Array.isArray(schema['x-valid-examples']))
    return fc.constantFrom(...(schema['x-valid-examples'] as string[])).filter(matches);
  if (schema.format === 'uuid') return fc.uuid().filter(matches);
  if (schema.format === 'date-time') {
    const window = schema['x-relative-window'] as
      | { minSecondsFromNow: number; maxSecondsFromNow: number }
      | undefined;
    if (window) {
      // Inside the window by a margin, so the clock moving during the run cannot push a value out.
      return fc
        .integer({ min: window.minSecondsFromNow + 30, max: window.maxSecondsFromNow - 3600 })
        .map((offset) => new Date(Date.now() + offset * 1000).toISOString())
        .filter(matches);
    }
    return fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString())
      .filter(matches);
  }
  if (schema.format === 'uri') return fc.webUrl({ validSchemes: ['https', 'http'] }).filter(matches);
  const text =
    pattern && !NEGATED_CLASS.test(schema.pattern)
      ? fc.stringMatching(pattern).filter(fits)
      : fc.string({ unit: 'grapheme', minLength, maxLength: cap }).filter(matches);
  // The longest value allowed: off-by-one errors live at the bounds.
  const longest =
    pattern || !Number.isFinite(maxLength) || maxLength > 10_000 ? [] : [fc.constant('x'.repeat(maxLength))];
  return longest.length > 0
    ? fc.oneof({ weight: 9, arbitrary: text }, { weight: 1, arbitrary: longest[0]! })
    : text;
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum;
  const max = schema.maximum ?? schema.exclusiveMaximum;
  if (integer) {
    return fc.integer({
      min: min === undefined ? -1_000_000 : Math.ceil(min) + (schema.exclusiveMinimum !== undefined ? 1 : 0),
      max: max === undefined ? 1_000_000 : Math.floor(max) - (schema.exclusiveMaximum !== undefined ? 1 : 0),
    });
  }
  return fc
    .double({
      min: min ?? -1e9,
      max: max ?? 1e9,
      minExcluded: schema.exclusiveMinimum !== undefined,
      maxExcluded: schema.exclusiveMaximum !== undefined,
      noNaN: true,
      noDefaultInfinity: true,
    })
    .map((n) => (Object.is(n, -0) ? 0 : n));
}

/** An arbitrary of values valid against `schema`. */
export function schemaArbitrary(
  schema: Schema | boolean,
  options: ArbitraryOptions,
  depth = 0,
): fc.Arbitrary<unknown> {
  const settings = {
    document: options.document,
    maxDepth: options.maxDepth ?? 3,
    maxStringLength: options.maxStringLength ?? 24,
  };
  if (schema === true) return fc.jsonValue({ maxDepth: 1 });
  if (schema === false) throw new Error('cannot generate a value for the schema false');
  const extra = options.extras?.(schema);
  const base = baseArbitrary(schema, options, settings, depth);
  return extra ? fc.oneof(base, extra) : base;
}

function baseArbitrary(
  schema: Schema,
  options: ArbitraryOptions,
  settings: Required<Omit<ArbitraryOptions, 'extras'>>,
  depth: number,
): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string')
    return schemaArbitrary(resolveRef(settings.document, schema.$ref), options, depth);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (branches) {
    const usable =
      depth >= settings.maxDepth ? branches.filter((b) => !isContainer(b, settings.document)) : branches;
    return fc.oneof(
      ...(usable.length > 0 ? usable : branches).map((b) => schemaArbitrary(b, options, depth)),
    );
  }
  if (schema.allOf) throw new Error('allOf is not supported by this generator');
  if (Array.isArray(schema.type))
    return fc.oneof(
      ...schema.type.map((type: string) => schemaArbitrary({ ...schema, type }, options, depth)),
    );
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema, settings);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minItems: number = schema.minItems ?? 0;
      const maxItems = Math.min(
        schema.maxItems ?? Number.POSITIVE_INFINITY,
        depth >= settings.maxDepth ? minItems : minItems + 3,
      );
      return fc.array(schemaArbitrary(schema.items ?? true, options, depth + 1), {
        minLength: minItems,
        maxLength: maxItems,
      });
    }
    case 'object':
      return objectArbitrary(schema, options, settings, depth);
    case undefined:
      // No constraint at all (`{}`): any JSON value.
      return fc.jsonValue({ maxDepth: 1 });
    default:
      throw new Error(`unsupported type ${String(schema.type)}`);
  }
}

function isContainer(schema: Schema, document: Schema): boolean {
  const resolved = typeof schema.$ref === 'string' ? resolveRef(document, schema.$ref) : schema;
  return resolved.type === 'array' || resolved.type === 'object';
}

function objectArbitrary(
  schema: Schema,
  options: ArbitraryOptions,
  settings: Required<Omit<ArbitraryOptions, 'extras'>>,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  const record = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([key, sub]) => [key, schemaArbitrary(sub, options, depth + 1)]),
    ),
    { requiredKeys: required.filter((key) => key in properties) },
  );
  const additional = schema.additionalProperties;
  if (additional === undefined || additional === false || Object.keys(properties).length > 0) return record;
  const maxKeys = depth >= settings.maxDepth ? 0 : 3;
  const keys = schemaArbitrary(
    schema.propertyNames ?? { type: 'string' },
    options,
    depth + 1,
  ) as fc.Arbitrary<string>;
  return fc.dictionary(keys, schemaArbitrary(additional, options, depth + 1), { maxKeys });
}
