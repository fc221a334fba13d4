import { rollupPoints } from "@/lib/series/rollup";
import { blockStart, encodeBlock } from "./blocks";
import type { RetireStorage, SeriesTransaction } from "./chunk-storage";
import { readRaw } from "./read";
import { decodeChunk } from "./codec";
import { columnsOf, filterColumns } from "./columns";

const MINUTE = 60_000;
/** Raw points retire a day at a time, one short transaction each, so writers never wait long. */
const STEP_MS = 86_400_000;

/**
 * Raw retention without losing the minute view: before a series' raw points older than
 * `cutoff` are deleted, their minute rollups are computed and stored, and the series'
 * rolled-until time moves to where stored minutes end and computed ones begin. Until then
 * minute rollups are never stored for times the raw points still cover — they would only
 * duplicate them. Returns the raw points deleted.
 */
export async function retireRaw(
  inTransaction: SeriesTransaction,
  series: readonly { id: number; rolledUntil: number; oldestRaw: number | null }[],
  cutoff: number,
): Promise<number> {
  const boundary = Math.floor(cutoff / MINUTE) * MINUTE;
  let deleted = 0;
  for (const { id, rolledUntil, oldestRaw } of series) {
    // Read in one query for every series, without a transaction: a series with no raw point before
    // the boundary needs none. Its rolled-until time may stay behind: no minutes lie in between.
    if (oldestRaw === null) continue;
    for (let from = Math.max(rolledUntil, Math.floor(oldestRaw / MINUTE) * MINUTE); from < boundary; ) {
      const to = Math.min(from + STEP_MS, boundary);
      const start = from;
      deleted += await inTransaction(id, async (s) => {
        await s.mergeMinutes(id, rollupPoints(columnsOf(await readRaw(s, id, start, to - 1)), MINUTE));
        await s.setRolledUntil(id, to);
        return (await s.deleteRawBefore(id, to)) + (await trimChunkAt(s, id, to));
      });
      from = to;
    }
  }
  return deleted;
}

/** Re-encodes the chunk that straddles `ts` (if any) without its points before `ts`; the points removed. */
async function trimChunkAt(s: RetireStorage, metricId: number, ts: number): Promise<number> {
  // A chunk never spans blocks, so one straddling `ts` starts in ts's block, before ts.
  const { chunks } = await s.raw(metricId, blockStart(ts), ts, ts - 1);
  let removed = 0;
  for (const chunk of chunks) {
    if (chunk.startTs >= ts || chunk.endTs < ts) continue;
    const kept = filterColumns(decodeChunk(chunk.data), (pointTs) => pointTs >= ts);
    removed += chunk.count - kept.ts.length;
    await s.replaceChunk(metricId, chunk.startTs, encodeBlock(kept));
  }
  return removed;
}
