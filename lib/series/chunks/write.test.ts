import { describe, expect, it } from "vitest";
import type { Point } from "@/lib/store/types";
import { BLOCK_MS, CHUNK_MAX_POINTS, encodeBlock } from "./blocks";
import { decodeChunk } from "./codec";
import { columnsOf, mergeNewestLast, pairsOf } from "./columns";
import { OPEN_BLOCK_CHUNK_MIN, planWrite as planColumns } from "./write";

const B = 1000 * BLOCK_MS;

/** planWrite on pairs, its plan as pairs: the cases read better so. */
function planWrite(points: Point[], lastTsBefore: number | null) {
  const plan = planColumns(columnsOf(points), lastTsBefore);
  return { head: pairsOf(plan.head), chunked: new Map([...plan.chunked].map(([block, c]) => [block, pairsOf(c)])), appended: pairsOf(plan.appended) };
}

const merged = (lists: Point[][]) => pairsOf(mergeNewestLast(lists.map(columnsOf)));

describe("planWrite", () => {
  it("keeps a fresh series' newest block as head rows and seals the older ones", () => {
    const points: Point[] = [[B + 5, 1], [B + BLOCK_MS + 1, 2], [B + 2 * BLOCK_MS, 3], [B + 2 * BLOCK_MS + 9, 4]];
    const plan = planWrite(points, null);
    expect(plan.head).toEqual([[B + 2 * BLOCK_MS, 3], [B + 2 * BLOCK_MS + 9, 4]]);
    expect([...plan.chunked]).toEqual([[B, [[B + 5, 1]]], [B + BLOCK_MS, [[B + BLOCK_MS + 1, 2]]]]);
  });

  it("seals the block that was open when a batch moves the series on", () => {
    const plan = planWrite([[B + BLOCK_MS, 1]], B + 10);
    expect(plan.head).toEqual([[B + BLOCK_MS, 1]]);
    expect([...plan.chunked]).toEqual([[B, []]]);
  });

  it("appends OPEN_BLOCK_CHUNK_MIN points or more after everything stored as a chunk of the open block, as head rows otherwise", () => {
    const many: Point[] = Array.from({ length: OPEN_BLOCK_CHUNK_MIN }, (_, i) => [B + BLOCK_MS + i, i]);
    // A block the batch opens, the one it moves on from sealed with its one point.
    const plan = planWrite([[B + 1, -1], ...many], B);
    expect(plan).toEqual({ head: [], chunked: new Map([[B, [[B + 1, -1]]]]), appended: many });
    expect(planWrite(many, null)).toEqual({ head: [], chunked: new Map(), appended: many });
    expect(planWrite(many.slice(1), B)).toMatchObject({ head: many.slice(1), appended: [] });
    // A block the series already writes, the points all after what it holds: a chunk beside its rows.
    const later: Point[] = many.map(([ts, value]) => [ts + 10, value]);
    expect(planWrite(later, B + BLOCK_MS + 9)).toEqual({ head: [], chunked: new Map(), appended: later });
    // One of them not after what it holds (a rewrite): head rows, which win over the block's chunks.
    expect(planWrite(later, B + BLOCK_MS + 10)).toEqual({ head: later, chunked: new Map(), appended: [] });
    expect(planWrite(many, B + BLOCK_MS - 1 + BLOCK_MS / 2)).toMatchObject({ head: many, appended: [] });
  });

  it("sends a late point to its sealed block, orders the batch and keeps the last of a repeated timestamp", () => {
    const plan = planWrite([[B + BLOCK_MS + 9, 1], [B + 3, 2], [B + BLOCK_MS + 9, 3], [B + BLOCK_MS + 1, 4]], B + BLOCK_MS + 50);
    expect(plan.head).toEqual([[B + BLOCK_MS + 1, 4], [B + BLOCK_MS + 9, 3]]);
    expect([...plan.chunked]).toEqual([[B, [[B + 3, 2]]]]);
  });
});

describe("blocks", () => {
  it("cuts a dense block into chunks of at most CHUNK_MAX_POINTS", () => {
    const points: Point[] = Array.from({ length: CHUNK_MAX_POINTS + 10 }, (_, i) => [B + i, i]);
    const chunks = encodeBlock(columnsOf(points));
    expect(chunks.map((c) => [c.startTs, c.endTs, c.count])).toEqual([[B, B + CHUNK_MAX_POINTS - 1, CHUNK_MAX_POINTS], [B + CHUNK_MAX_POINTS, B + CHUNK_MAX_POINTS + 9, 10]]);
    expect(Array.from(decodeChunk(chunks[1].data).values)).toEqual(points.slice(CHUNK_MAX_POINTS).map((p) => p[1]));
  });

  it("merges lists with the later list winning a repeated timestamp", () => {
    expect(merged([[[1, 1], [3, 1]], [[2, 2], [3, 2]], []])).toEqual([[1, 1], [2, 2], [3, 2]]);
    expect(merged([[[1, 1], [5, 1], [9, 1]], [[0, 2], [5, 2], [7, 2]], [[9, 3], [10, 3]]])).toEqual([[0, 2], [1, 1], [5, 2], [7, 2], [9, 3], [10, 3]]);
    expect(merged([[], [[1, 1]], [[2, 2]]])).toEqual([[1, 1], [2, 2]]);
    // One after the other, and one inside the other.
    expect(merged([[[1, 1], [2, 1]], [[3, 2]]])).toEqual([[1, 1], [2, 1], [3, 2]]);
    expect(merged([[[1, 1], [9, 1]], [[2, 2], [9, 2]]])).toEqual([[1, 1], [2, 2], [9, 2]]);
  });
});
