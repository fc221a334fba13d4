import "server-only";
import path from "node:path";
import { readEnv } from "@/lib/config/env";
import { currentRetention } from "@/lib/series/retention-policy";
import { retentionCutoffs } from "@/lib/series/retention";
import { PgStore } from "./pg/pg-store";
import { SqliteStore } from "./sqlite/sqlite-store";
import type { Store } from "./types";

const STORE = Symbol.for("deploylines.store");
type Holder = { [STORE]?: Promise<Store> };

/**
 * The process-wide store, opened (and migrated) on first use. Kept on globalThis because
 * Next.js may load this module once per bundle; every bundle must share one connection.
 */
export function getStore(): Promise<Store> {
  const holder = globalThis as Holder;
  holder[STORE] ??= openStore(readEnv().DATABASE_URL);
  return holder[STORE];
}

/** Opens the store a DATABASE_URL names: `file:path` (or a bare path) for SQLite, `postgres://` for PostgreSQL. */
export async function openStore(url: string): Promise<Store> {
  const options = { cutoffs: () => retentionCutoffs(currentRetention(), Date.now()), maxSeries: readEnv().DEPLOYLINES_MAX_SERIES };
  if (/^postgres(ql)?:\/\//.test(url)) return PgStore.open(url, options);
  return SqliteStore.open(sqliteFile(url), options);
}

/** The SQLite file a DATABASE_URL points at (`file:./data/x.db` → `./data/x.db`). */
export function sqliteFile(url: string): string {
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

/** The folder holding the database and the generated token: DEPLOYLINES_DATA_DIR, else the SQLite file's folder, else ./data. */
export function dataDir(env = readEnv()): string {
  if (env.DEPLOYLINES_DATA_DIR) return path.resolve(env.DEPLOYLINES_DATA_DIR);
  if (/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) return path.resolve("data");
  return path.dirname(path.resolve(sqliteFile(env.DATABASE_URL)));
}
