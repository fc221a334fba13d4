import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { BLOCK_MS } from "@/lib/series/chunks/blocks";
import { encodeChunk } from "@/lib/series/chunks/codec";
import { sqliteChunkStorage } from "./sqlite-chunks";
import { SqliteStore } from "./sqlite-store";

const B = 1_795_000_000_000 - (1_795_000_000_000 % BLOCK_MS);
const cutoffs = () => ({ raw: 0, "1m": 0, "1h": 0 });

describe("a SQLite raw snapshot", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-test-"));
  const file = path.join(dir, "test.db");
  let store: SqliteStore | undefined;
  const connections: Database.Database[] = [];
  afterEach(async () => {
    for (const c of connections.splice(0)) c.close();
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The write worker has a connection of its own to the file: it commits whenever it is done, in
  // the middle of a read on the main connection too. Here a second connection commits the worst
  // possible write — the block's head rows sealed into a chunk — between the read's chunk and
  // head statements.
  it("sees chunks and head rows as of one moment while another connection seals the block", async () => {
    store = SqliteStore.open(file, { cutoffs });
    const points = Array.from({ length: 120 }, (_, i) => [B + i * 10_000, i] as [number, number]);
    // Batches under 64 points stay head rows.
    for (let k = 0; k < 3; k++) await store.ingest({ series: [{ metric: "race.s", points: points.slice(k * 40, k * 40 + 40) }] });
    const id = (await store.getMetric("race.s"))!.id;
    const [reader, writer] = [new Database(file), new Database(file)];
    connections.push(reader, writer);
    const seal = () =>
      writer.transaction(() => {
        const data = encodeChunk(points.map(([ts]) => ts), points.map(([, v]) => v));
        writer.prepare("INSERT INTO point_chunks (metric_id, start_ts, end_ts, count, data) VALUES (?, ?, ?, ?, ?)").run(id, B, points[119][0], 120, Buffer.from(data));
        writer.prepare("DELETE FROM points WHERE metric_id = ? AND ts >= ? AND ts < ?").run(id, B, B + BLOCK_MS);
      })();
    const prepare = reader.prepare.bind(reader);
    let sealed = false;
    reader.prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (!sql.startsWith("SELECT ts, value FROM points")) return statement;
      const all = statement.all.bind(statement);
      statement.all = ((...args: unknown[]) => {
        if (!sealed) seal();
        sealed = true;
        return all(...args);
      }) as typeof statement.all;
      return statement;
    }) as typeof reader.prepare;
    const storage = sqliteChunkStorage(reader, () => {});

    const during = await storage.raw(id, B, B, B + BLOCK_MS - 1);
    expect(sealed).toBe(true);
    expect(during.chunks).toEqual([]);
    expect(during.head).toEqual(points);
    // The next read sees the seal whole.
    const after = await storage.raw(id, B, B, B + BLOCK_MS - 1);
    expect(after.chunks.map((c) => c.count)).toEqual([120]);
    expect(after.head).toEqual([]);
  });
});
