// Bytes on disk per stored point, and where they go: every table and index the database holds,
// found by asking the database, so the figures follow the storage layout as it changes
// (a compressed chunk table beside or instead of the row-per-point one).
import Database from "better-sqlite3";
import pg from "pg";

/** One table's or index's share of the database; `free` is SQLite's unused pages. */
export interface Relation {
  name: string;
  kind: "table" | "index" | "free";
  /** The table an index belongs to (a table's own name for a table). */
  table: string;
  bytes: number;
}

export interface StorageFigures {
  store: "sqlite" | "postgres";
  /** Points the year's seeding stored. */
  points: number;
  /** The whole database: every relation below, rollups included. */
  totalBytes: number;
  bytesPerPoint: number;
  relations: Relation[];
  /** How the sizes were taken. */
  method: string;
}

/**
 * The SQLite file's pages per table and index (the `dbstat` virtual table), after a WAL
 * checkpoint that moves every committed page into the file and truncates the log, so the
 * file alone is the total. The app must be idle: a reader would keep the checkpoint from finishing.
 */
export function sqliteRelations(dbFile: string): Relation[] {
  const db = new Database(dbFile);
  try {
    const [checkpoint] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
    if (checkpoint.busy) throw new Error(`WAL checkpoint of ${dbFile} was blocked (busy); sizes would miss the log`);
    const rows = db
      .prepare(
        `SELECT d.name AS name, coalesce(s.type, 'table') AS kind, coalesce(s.tbl_name, d.name) AS tbl, sum(d.pgsize) AS bytes
           FROM dbstat d LEFT JOIN sqlite_schema s ON s.name = d.name
          GROUP BY d.name`,
      )
      .all() as { name: string; kind: string; tbl: string; bytes: number }[];
    const fileBytes = (db.pragma("page_count", { simple: true }) as number) * (db.pragma("page_size", { simple: true }) as number);
    const used = rows.reduce((n, r) => n + r.bytes, 0);
    const relations: Relation[] = rows.map((r) => ({ name: r.name, kind: r.kind === "index" ? "index" : "table", table: r.tbl, bytes: r.bytes }));
    return fileBytes > used ? [...relations, { name: "(free pages)", kind: "free", table: "", bytes: fileBytes - used }] : relations;
  } finally {
    db.close();
  }
}

/**
 * Every table and index outside PostgreSQL's own catalogs: a table's size with its TOAST data
 * and free-space/visibility maps (`pg_table_size`, where compressed chunks stored as bytea go),
 * an index's with all its forks (`pg_total_relation_size`); together they make each table's
 * `pg_total_relation_size`.
 */
export async function pgRelations(url: string): Promise<Relation[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; kind: "table" | "index"; tbl: string; bytes: string }>(
      `SELECT c.relname AS name,
              CASE WHEN c.relkind = 'i' THEN 'index' ELSE 'table' END AS kind,
              coalesce(t.relname, c.relname) AS tbl,
              CASE WHEN c.relkind = 'i' THEN pg_total_relation_size(c.oid) ELSE pg_table_size(c.oid) END AS bytes
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_index x ON x.indexrelid = c.oid
         LEFT JOIN pg_class t ON t.oid = x.indrelid
        WHERE c.relkind IN ('r', 'm', 'i')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'`,
    );
    return rows.map((r) => ({ name: r.name, kind: r.kind, table: r.tbl, bytes: Number(r.bytes) }));
  } finally {
    await client.end();
  }
}

/** The figures of one store from its relations and the points it was given. */
export function storageFigures(store: StorageFigures["store"], points: number, relations: Relation[], method: string): StorageFigures {
  const totalBytes = relations.reduce((n, r) => n + r.bytes, 0);
  const sorted = [...relations].sort((a, b) => b.bytes - a.bytes);
  return { store, points, totalBytes, bytesPerPoint: totalBytes / points, relations: sorted, method };
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 3 : 1);

/** Each relation's bytes, bytes per point and share of the total; relations under 0.1 % are summed in one line. */
export function relationRows(figures: StorageFigures): string[] {
  const shown = figures.relations.filter((r) => r.bytes / figures.totalBytes >= 0.001);
  const rest = figures.relations.filter((r) => !shown.includes(r));
  const line = (label: string, bytes: number) =>
    `|   ${label} | ${mb(bytes)} MB | ${(bytes / figures.points).toFixed(2)} | ${((100 * bytes) / figures.totalBytes).toFixed(1)} % |`;
  return [
    ...shown.map((r) => line(r.kind === "index" ? `${r.name} (index on ${r.table})` : r.kind === "free" ? r.name : `${r.name} (table)`, r.bytes)),
    ...(rest.length ? [line(`${rest.length} more under 0.1 % each`, rest.reduce((n, r) => n + r.bytes, 0))] : []),
  ];
}
