import { groupBy } from "@/lib/collections/group-by";
import { BLOCK_MS, blockStart, encodeBlock, packedAsCut } from "./blocks";
import { decodeChunk } from "./codec";
import { ascendingDistinct, columnsOf, mergeNewestLast, NO_POINTS, sliceColumns, type Columns } from "./columns";
import { SERIES_PER_READ, type ChunkStorage } from "./chunk-storage";

/**
 * A batch that brings a series' open block at least this many points, all after everything the
 * series held, writes them as a chunk of their own rather than a head row each: a head row is
 * inserted, read back and deleted again when its block is sealed (about 1.5 µs a point on SQLite,
 * several on PostgreSQL, whose row inserts alone cost ~4 µs here), where a chunk costs about 30 µs
 * plus tens of nanoseconds a point. Below it, a series' usual few points a flush stay cheap
 * appends. The chunk is added beside what the block holds, not merged into it (that would
 * re-encode the block at every batch); the block's chunks become one when it is sealed.
 */
export const OPEN_BLOCK_CHUNK_MIN = 64;

/** Where one series' new points go: plain head rows for its open block, chunks for the blocks rewritten. */
export interface WritePlan {
  /** Points for head rows of the open block (the block of the series' newest point), ascending. */
  head: Columns;
  /** Points of the sealed blocks rewritten as chunks, by block start, ascending within each. */
  chunked: Map<number, Columns>;
  /**
   * Points of the open block written as a chunk of their own beside what it holds (appendChunks):
   * OPEN_BLOCK_CHUNK_MIN or more, all after everything the series held. Ascending; often none.
   */
  appended: Columns;
}

/**
 * Splits one series' batch points (any order; on a repeated timestamp the later one wins) into
 * the open block's head rows and sealed blocks; the open block's points are appended as a chunk
 * instead when there are OPEN_BLOCK_CHUNK_MIN or more, all after everything the series held. When
 * the batch moves the series into a newer block, the block that was open (`lastTsBefore`'s) is
 * sealed too, with no new points of its own.
 */
export function planWrite(points: Columns, lastTsBefore: number | null): WritePlan {
  const sorted = ascendingDistinct(points);
  const ts = sorted.ts;
  const newest = Math.max(lastTsBefore ?? -Infinity, ts.length > 0 ? ts[ts.length - 1] : -Infinity);
  const open = blockStart(newest);
  const chunked = new Map<number, Columns>();
  // Sorted: each sealed block is one slice (a view), cut where the next block begins.
  let at = 0;
  while (at < ts.length && ts[at] < open) {
    const block = blockStart(ts[at]);
    let end = at + 1;
    while (end < ts.length && ts[end] < block + BLOCK_MS) end++;
    chunked.set(block, sliceColumns(sorted, at, end));
    at = end;
  }
  const head = at === 0 ? sorted : sliceColumns(sorted, at, ts.length);
  if (lastTsBefore !== null && blockStart(lastTsBefore) < open && !chunked.has(blockStart(lastTsBefore))) chunked.set(blockStart(lastTsBefore), NO_POINTS);
  // Points after everything stored overlap no chunk and no head row: a chunk of them rewrites
  // nothing. Head rows written later are newer writes than it, as reads assume (head wins).
  if (head.ts.length >= OPEN_BLOCK_CHUNK_MIN && (lastTsBefore === null || head.ts[0] > lastTsBefore)) return { head: NO_POINTS, chunked, appended: head };
  return { head, chunked, appended: NO_POINTS };
}

/**
 * Rewrites the given blocks of one series as chunks: what its chunks held, then its head rows,
 * then the new points, later ones winning on a repeated timestamp (a block with neither new points
 * nor head rows is left as it is). One read per run of consecutive blocks, so two late points a
 * year apart do not read the year between them.
 */
export async function sealBlocks(storage: ChunkStorage, metricId: number, blocks: Map<number, Columns>): Promise<number> {
  return sealBlocksMany(storage, [{ metricId, blocks }]);
}

/**
 * sealBlocks of many series: their runs read SERIES_PER_READ at a time, each slice's blocks
 * replaced before the next is read (runs are disjoint blocks, so none reads what another wrote).
 * The number of blocks sealed.
 */
export async function sealBlocksMany(storage: ChunkStorage, series: readonly { metricId: number; blocks: Map<number, Columns> }[]): Promise<number> {
  const runs = series.flatMap(({ metricId, blocks }) => consecutiveRuns([...blocks.keys()].sort((a, b) => a - b)).map((starts) => ({ metricId, blocks, starts })));
  let sealed = 0;
  for (let i = 0; i < runs.length; i += SERIES_PER_READ) {
    const slice = runs.slice(i, i + SERIES_PER_READ);
    const snapshots = await storage.rawMany(slice.map(({ metricId, starts }) => ({ metricId, chunkFrom: starts[0], from: starts[0], to: starts[starts.length - 1] + BLOCK_MS - 1 })));
    const blocks = slice.flatMap(({ metricId, blocks, starts }, k) => {
      const chunksByBlock = groupBy(snapshots[k].chunks, (c) => blockStart(c.startTs));
      const headByBlock = groupBy(snapshots[k].head, (p) => blockStart(p[0]));
      return starts.flatMap((start) => {
        const added = blocks.get(start)!;
        const headRows = headByBlock.get(start) ?? [];
        const chunks = chunksByBlock.get(start) ?? [];
        // Nothing to add, no head rows and no more chunks than encodeBlock cuts (a block written whole
        // as a chunk, left behind): its chunks hold all it has, as well packed as they get.
        if (added.ts.length === 0 && headRows.length === 0 && packedAsCut(chunks.length, chunks.reduce((n, c) => n + c.count, 0))) return [];
        const stored = chunks.map((c) => decodeChunk(c.data));
        return [{ metricId, from: start, to: start + BLOCK_MS, chunks: encodeBlock(mergeNewestLast([...stored, columnsOf(headRows), added])) }];
      });
    });
    await storage.replaceBlocks(blocks);
    sealed += blocks.length;
  }
  return sealed;
}

/**
 * Writes each series' appended points (WritePlan.appended) as chunks beside what their block
 * holds: nothing stored lies in their range, so the range's replacement only adds them.
 */
export async function appendChunks(storage: ChunkStorage, series: readonly { metricId: number; points: Columns }[]): Promise<void> {
  const blocks = series.filter(({ points }) => points.ts.length > 0);
  await storage.replaceBlocks(blocks.map(({ metricId, points }) => ({ metricId, from: points.ts[0], to: points.ts[points.ts.length - 1] + 1, chunks: encodeBlock(points) })));
}

/** Ascending block starts cut into runs of consecutive blocks. */
function consecutiveRuns(starts: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const start of starts) {
    const run = runs[runs.length - 1];
    if (run && start === run[run.length - 1] + BLOCK_MS) run.push(start);
    else runs.push([start]);
  }
  return runs;
}
