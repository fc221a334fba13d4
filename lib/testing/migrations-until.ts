import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A copy of a dialect's migrations folder holding only migrations 0…`last`: applying it leaves a
 * database as an older release did, for upgrade tests. Removed by `dispose`.
 */
export function migrationsUntil(dialect: "sqlite" | "pg", last: number): { folder: string; dispose(): void } {
  const source = path.join(process.cwd(), "db/migrations", dialect);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `deploylines-migrations-${dialect}-`));
  fs.mkdirSync(path.join(folder, "meta"));
  const journal = JSON.parse(fs.readFileSync(path.join(source, "meta/_journal.json"), "utf8")) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  fs.writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(source, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  return { folder, dispose: () => fs.rmSync(folder, { recursive: true, force: true }) };
}
