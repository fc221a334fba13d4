import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteStore } from "@/lib/store/sqlite/sqlite-store";

/** A real SQLite store on a fresh temp file, with retention off; `dispose()` closes and deletes it. */
export function openTempStore(): { store: SqliteStore; dispose: () => Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-listener-"));
  const store = SqliteStore.open(path.join(dir, "test.db"), { cutoffs: () => ({ raw: 0, "1m": 0, "1h": 0 }) });
  return {
    store,
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
