import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PgStore } from "@/lib/store/pg/pg-store";
import { SqliteStore } from "@/lib/store/sqlite/sqlite-store";
import type { Resolution, Store, StoreOptions } from "@/lib/store/types";

/** A store on its own fresh database, and the way to throw both away. */
export interface ThrowawayStore {
  store: Store;
  dispose(): Promise<void>;
}

export type OpenThrowawayStore = (cutoffs: () => Record<Resolution, number>, options?: Omit<StoreOptions, "cutoffs">) => Promise<ThrowawayStore>;

/** A SQLite store on a file in a new temporary folder, removed on dispose. */
export const openThrowawaySqlite: OpenThrowawayStore = async (cutoffs, options = {}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-test-"));
  const store = SqliteStore.open(path.join(dir, "test.db"), { cutoffs, ...options });
  return {
    store,
    dispose: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

/**
 * A new database `deploylines_test_<random>` on the server of `baseUrl`, so test runs never
 * share state; dropped (forcibly, in case a connection lingers) on dispose.
 */
export async function createThrowawayDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `deploylines_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A PostgreSQL store on a throwaway database of the server at `baseUrl`. */
export const openThrowawayPg =
  (baseUrl: string): OpenThrowawayStore =>
  async (cutoffs, options = {}) => {
    const database = await createThrowawayDatabase(baseUrl);
    const store = await PgStore.open(database.url, { cutoffs, ...options });
    return {
      store,
      dispose: async () => {
        await store.close();
        await database.drop();
      },
    };
  };
