/**
 * What the emulator learns from PostgreSQL's catalog to describe result columns the way the
 * service does: each type's JDBC description, and the table, schema, NOT NULL and serial-ness
 * of columns that come straight from a table. Cached per database: OIDs are only unique within one.
 */
import type pg from 'pg';
import { catalogType, knownType, type PgTypeInfo } from './pg-types.ts';

export interface ColumnInfo {
  tableName: string;
  schemaName: string;
  nullable: number;
  isAutoIncrement: boolean;
}

export class Catalog {
  private readonly types = new Map<number, PgTypeInfo>();
  private readonly columns = new Map<string, ColumnInfo>();

  async typeOf(client: pg.PoolClient, oid: number): Promise<PgTypeInfo> {
    const known = knownType(oid) ?? this.types.get(oid);
    if (known) return known;
    const { rows } = await client.query<{ typname: string; typcategory: string; typelem: number }>(
      'SELECT typname, typcategory, typelem::int AS typelem FROM pg_type WHERE oid = $1',
      [oid],
    );
    const row = rows[0];
    const found = row
      ? catalogType(row.typname, row.typcategory, row.typelem)
      : catalogType('unknown', 'X', 0);
    this.types.set(oid, found);
    return found;
  }

  /** Table, schema, NOT NULL and serial-ness of result columns that come straight from a table. */
  async columnInfo(client: pg.PoolClient, fields: pg.FieldDef[]): Promise<Map<string, ColumnInfo>> {
    const columnCache = this.columns;
    const missing = fields.filter((f) => f.tableID !== 0 && !columnCache.has(`${f.tableID}.${f.columnID}`));
    if (missing.length > 0) {
      const { rows } = await client.query<{
        table_oid: number;
        attnum: number;
        relname: string;
        nspname: string;
        attnotnull: boolean;
        serial: boolean;
      }>(
        `SELECT c.oid::int AS table_oid, a.attnum::int AS attnum, c.relname, n.nspname, a.attnotnull,
                (a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false)) AS serial
           FROM pg_attribute a
           JOIN pg_class c ON c.oid = a.attrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE (a.attrelid, a.attnum) IN (SELECT * FROM unnest($1::oid[], $2::int2[]))`,
        [missing.map((f) => f.tableID), missing.map((f) => f.columnID)],
      );
      for (const row of rows) {
        columnCache.set(`${row.table_oid}.${row.attnum}`, {
          tableName: row.relname,
          schemaName: row.nspname,
          nullable: row.attnotnull ? 0 : 1,
          isAutoIncrement: row.serial,
        });
      }
    }
    return columnCache;
  }

  /** DDL may have changed any table: forget what is known about columns. */
  forgetColumns(): void {
    this.columns.clear();
  }
}

export class Catalogs {
  private readonly catalogs = new Map<string, Catalog>();

  constructor(private readonly defaultDatabase: string) {}

  for(database: string | undefined): Catalog {
    const name = database || this.defaultDatabase;
    let catalog = this.catalogs.get(name);
    if (!catalog) {
      catalog = new Catalog();
      this.catalogs.set(name, catalog);
    }
    return catalog;
  }
}
