import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { RetireStorage } from "@/lib/series/chunks/chunk-storage";
import { sqliteChunkStorage } from "./sqlite-chunks";
import { prepareStatements, rollupValues, runChunked, type Statements } from "./statements";

/**
 * Opens (creating if needed) a connection to the database file, set up as every connection of
 * the store is: the store's own and the write worker's (lib/store/sqlite/write-worker.ts).
 */
export function openConnection(file: string): Database.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // NORMAL in WAL mode survives a process crash (kill -9); only an OS crash can lose the last commits.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("cache_size = -65536");
  // A checkpoint every 128 MB of WAL instead of SQLite's 4 MB: a Graphite or StatsD stream dirties
  // the same page of each series batch after batch, and a page changed many times between two
  // checkpoints is copied back once (Graphite TCP writes ~1.4× faster in the bench's 1,000-series
  // stream). The file is cut back to that size after each checkpoint.
  sqlite.pragma("wal_autocheckpoint = 32768");
  sqlite.pragma(`journal_size_limit = ${128 * 1024 * 1024}`);
  return sqlite;
}

/** Applies the migrations a connection's database lacks: the store's file when it opens, the write worker's warm-up database in memory. */
export function migrateConnection(sqlite: Database.Database): void {
  migrate(drizzle(sqlite), { migrationsFolder: path.join(process.cwd(), "db/migrations/sqlite") });
}

/** A connection with what a series write needs: its statements and the raw-point engine's tables. */
export interface SeriesConnection {
  sqlite: Database.Database;
  stmt: Statements;
  chunks: RetireStorage;
}

/** Prepares a connection's statements (once: preparing costs more than a small batch's write). */
export function seriesConnection(sqlite: Database.Database): SeriesConnection {
  const stmt = prepareStatements(sqlite);
  return { sqlite, stmt, chunks: sqliteChunkStorage(sqlite, (id, rows) => runChunked(stmt.mergeRollup["1m"], rollupValues(id, rows), 8)) };
}

/**
 * Runs `fn` in one write transaction (BEGIN IMMEDIATE … COMMIT), rolled back whole if it throws.
 * The caller keeps other writers of the same connection out (the store's write lock).
 */
export async function inTransaction<T>(sqlite: Database.Database, fn: () => Promise<T>): Promise<T> {
  sqlite.exec("BEGIN IMMEDIATE");
  try {
    const result = await fn();
    sqlite.exec("COMMIT");
    return result;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    throw error;
  }
}
