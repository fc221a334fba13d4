import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { BLOCK_MS, blockStart } from "@/lib/series/chunks/blocks";
import { columnsOf, NO_POINTS } from "@/lib/series/chunks/columns";
import { OPEN_BLOCK_CHUNK_MIN, sealBlocks } from "@/lib/series/chunks/write";
import type { Point } from "../types";
import { sqliteChunkStorage } from "./sqlite-chunks";
import { SqliteStore } from "./sqlite-store";

const START = blockStart(Date.UTC(2026, 0, 1)) + 60_000;
let dir = "";
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A SQLite store on a fresh file, and a read-only look at where its points went: head rows, and chunks with their point counts. */
function openStore() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-open-block-"));
  const file = path.join(dir, "db.sqlite");
  const store = SqliteStore.open(file, { cutoffs: () => ({ raw: 0, "1m": 0, "1h": 0 }) });
  const layout = () => {
    const db = new Database(file, { readonly: true });
    try {
      return {
        head: db.prepare("SELECT count(*) FROM points").pluck().get(),
        chunks: db.prepare("SELECT start_ts, count FROM point_chunks ORDER BY start_ts").raw().all(),
      };
    } finally {
      db.close();
    }
  };
  return { store, layout, file };
}

const points = (from: number, count: number): Point[] => Array.from({ length: count }, (_, i) => [from + i * 10_000, i]);

describe("SQLite: a block a batch opens", () => {
  it(`takes ${OPEN_BLOCK_CHUNK_MIN} points or more after all it holds as a chunk beside its rows, and is packed into one chunk when sealed`, async () => {
    const { store, layout } = openStore();
    const at = (i: number) => START + i * 10_000;
    const first = points(at(0), OPEN_BLOCK_CHUNK_MIN);
    await store.ingest({ series: [{ metric: "open.a", points: first }] });
    expect(layout()).toEqual({ head: 0, chunks: [[START, OPEN_BLOCK_CHUNK_MIN]] });
    // The same block, a few points: head rows beside its chunk.
    const few = points(at(OPEN_BLOCK_CHUNK_MIN), 5);
    await store.ingest({ series: [{ metric: "open.a", points: few }] });
    expect(layout()).toEqual({ head: 5, chunks: [[START, OPEN_BLOCK_CHUNK_MIN]] });
    // Many again, all after what it holds: a second chunk, nothing rewritten.
    const many = points(at(OPEN_BLOCK_CHUNK_MIN + 5), 100);
    await store.ingest({ series: [{ metric: "open.a", points: many }] });
    expect(layout()).toEqual({ head: 5, chunks: [[START, OPEN_BLOCK_CHUNK_MIN], [at(OPEN_BLOCK_CHUNK_MIN + 5), 100]] });
    // Many that rewrite one point it holds: head rows, the newer write winning over the chunk.
    const rewrite = points(at(OPEN_BLOCK_CHUNK_MIN + 104), OPEN_BLOCK_CHUNK_MIN);
    await store.ingest({ series: [{ metric: "open.a", points: rewrite }] });
    expect(layout()).toEqual({ head: 5 + OPEN_BLOCK_CHUNK_MIN, chunks: [[START, OPEN_BLOCK_CHUNK_MIN], [at(OPEN_BLOCK_CHUNK_MIN + 5), 100]] });
    const held = [...first, ...few, ...many.slice(0, -1), ...rewrite];
    const metric = (await store.getMetric("open.a"))!.id;
    expect(await store.rawPoints(metric, 0, Date.UTC(2027, 0, 1))).toEqual(held);
    // The next block, opened with too few points: head rows, and the block before sealed into one chunk.
    const next = points(blockStart(START) + BLOCK_MS, OPEN_BLOCK_CHUNK_MIN - 1);
    await store.ingest({ series: [{ metric: "open.a", points: next }] });
    expect(layout()).toEqual({ head: OPEN_BLOCK_CHUNK_MIN - 1, chunks: [[START, held.length]] });
    expect(await store.rawPoints(metric, 0, Date.UTC(2027, 0, 1))).toEqual([...held, ...next]);
    await store.close();
  });

  it("is packed into one chunk when sealed, though it holds chunks and no head rows", async () => {
    const { store, layout } = openStore();
    const first = points(START, OPEN_BLOCK_CHUNK_MIN);
    const second = points(START + OPEN_BLOCK_CHUNK_MIN * 10_000, OPEN_BLOCK_CHUNK_MIN);
    await store.ingest({ series: [{ metric: "open.c", points: first }] });
    await store.ingest({ series: [{ metric: "open.c", points: second }] });
    expect(layout()).toEqual({ head: 0, chunks: [[START, OPEN_BLOCK_CHUNK_MIN], [second[0][0], OPEN_BLOCK_CHUNK_MIN]] });
    const next: Point[] = [[blockStart(START) + BLOCK_MS, 1]];
    await store.ingest({ series: [{ metric: "open.c", points: next }] });
    expect(layout()).toEqual({ head: 1, chunks: [[START, 2 * OPEN_BLOCK_CHUNK_MIN]] });
    const metric = (await store.getMetric("open.c"))!.id;
    expect(await store.rawPoints(metric, 0, Date.UTC(2027, 0, 1))).toEqual([...first, ...second, ...next]);
    await store.close();
  });

  it("is left as it is when the series moves on and it holds nothing but its chunk", async () => {
    const { store, layout, file } = openStore();
    const first = points(START, OPEN_BLOCK_CHUNK_MIN);
    await store.ingest({ series: [{ metric: "open.b", points: first }] });
    const metric = (await store.getMetric("open.b"))!.id;
    const db = new Database(file);
    try {
      const rewritten = await sealBlocks(sqliteChunkStorage(db, () => {}), metric, new Map([[blockStart(START), NO_POINTS], [blockStart(START) + BLOCK_MS, columnsOf([[blockStart(START) + BLOCK_MS, 1]])]]));
      // One block sealed: the new one (the layout below shows the first block's chunk untouched).
      expect(rewritten).toBe(1);
    } finally {
      db.close();
    }
    expect(layout().chunks).toEqual([[START, OPEN_BLOCK_CHUNK_MIN], [blockStart(START) + BLOCK_MS, 1]]);
    await store.close();
  });
});
