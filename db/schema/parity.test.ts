import fs from "node:fs";
import path from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pg from "./pg";
import * as sqlite from "./sqlite";

interface TableShape {
  name: string;
  columns: Record<string, { name: string; notNull: boolean; hasDefault: boolean }>;
  primaryKey: string[];
  indexes: string[];
}

type Config = ReturnType<typeof pgTableConfig> | ReturnType<typeof sqliteTableConfig>;

/** The dialect-neutral shape of a table: what the base store and the app rely on. */
function shapeOf(table: object, config: Config): TableShape {
  const keyOf = new Map(Object.entries(table).map(([key, column]) => [column, key]));
  const columns: TableShape["columns"] = {};
  for (const column of config.columns) {
    columns[keyOf.get(column) ?? `?${column.name}`] = { name: column.name, notNull: column.notNull, hasDefault: column.hasDefault };
  }
  const primaryKey = [
    ...config.columns.filter((c) => c.primary).map((c) => c.name),
    ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
  ];
  const indexes = config.indexes.map((i) => i.config.name ?? "?").filter((name) => name !== "points_ts_brin");
  return { name: config.name, columns, primaryKey, indexes: indexes.sort() };
}

function tablesOf(schema: Record<string, unknown>, isTable: (v: unknown) => boolean, config: (t: never) => Config) {
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([, value]) => isTable(value))
      .map(([exportName, table]) => [exportName, shapeOf(table as object, config(table as never))]),
  );
}

describe("schema parity", () => {
  const sqliteTables = tablesOf(sqlite, (v) => is(v, SQLiteTable), sqliteTableConfig);
  const pgTables = tablesOf(pg, (v) => is(v, PgTable), pgTableConfig);

  it("exports the same names from both dialects", () => {
    expect(Object.keys(pg).sort()).toEqual(Object.keys(sqlite).sort());
    expect(Object.keys(sqliteTables).length).toBeGreaterThan(10);
  });

  it("has the same tables, columns, keys and indexes (the BRIN index is PostgreSQL's own)", () => {
    expect(pgTables).toEqual(sqliteTables);
  });

  it("indexes points by time with BRIN on PostgreSQL, behind the metric-first primary key", () => {
    const config = pgTableConfig(pg.points);
    expect(config.primaryKeys[0].columns.map((c) => c.name)).toEqual(["metric_id", "ts"]);
    const brin = config.indexes.find((i) => i.config.name === "points_ts_brin");
    expect(brin?.config.method).toBe("brin");
    const dir = path.join(process.cwd(), "db/migrations/pg");
    const migrations = fs.readdirSync(dir).filter((f) => f.endsWith(".sql")).map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
    expect(migrations.join("\n")).toContain(`CREATE INDEX "points_ts_brin" ON "points" USING brin ("ts")`);
  });
});
