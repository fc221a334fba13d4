import { BLOCK_MS, blockStart, packedAsCut } from "./blocks";
import type { SeriesTransaction } from "./chunk-storage";
import { NO_POINTS, type Columns } from "./columns";
import { sealBlocks } from "./write";

/** Blocks sealed per transaction: a day of a series, so writers never wait long behind compaction. */
const BLOCKS_PER_STEP = 12;

export interface CompactionProgress {
  series: number;
  of: number;
  blocks: number;
}

/** A series as compaction sees it, read a page of series a query. */
export interface CompactionCandidate {
  id: number;
  lastTs: number;
  /** Its oldest head row, or null. */
  oldestHead: number | null;
  /** The chunks of the block of its last point, and the points they hold. */
  lastBlockChunks: number;
  lastBlockPoints: number;
}

/**
 * Series read per query of compaction's candidates: the query seeks three indexes a series, and
 * on SQLite it runs on the event loop (200,000 series in one query held it ~0.9 s); between pages
 * the loop turns.
 */
export const COMPACTION_PAGE = 1_000;

/** Where compaction reads its candidates: up to COMPACTION_PAGE series with ids after `afterId`, by id, and how many series there are. */
export interface CompactionCandidates {
  page(afterId: number): Promise<readonly CompactionCandidate[]>;
  total(): Promise<number>;
}

/**
 * Seals head rows that ingest left as plain rows: the open block of a series that has since gone
 * quiet (its block ended over one block ago by the wall clock), and the whole head of a database
 * written before chunks existed; and packs the last block of a quiet series that its batches left
 * as several appended chunks (planWrite's `appended`) into one. Ingest seals blocks itself as
 * series move on, so in a steady state this finds little: the series come with what decides it,
 * a page of them a query, and only a series with something to seal opens a transaction.
 * `progress` is called after every series that had blocks to seal.
 */
export async function compactHead(
  inTransaction: SeriesTransaction,
  candidates: CompactionCandidates,
  now: number,
  progress: (p: CompactionProgress) => void = () => {},
): Promise<number> {
  const quietBefore = blockStart(now) - BLOCK_MS;
  const of = await candidates.total();
  let sealed = 0;
  let seen = 0;
  for (let page = await candidates.page(0); page.length > 0; page = await candidates.page(page[page.length - 1].id)) {
    for (const { id, lastTs, oldestHead, lastBlockChunks, lastBlockPoints } of page) {
      seen++;
      const sealable = (block: number) => block < blockStart(lastTs) || block + BLOCK_MS <= quietBefore;
      const before = sealed;
      if (oldestHead === null && sealable(blockStart(lastTs)) && !packedAsCut(lastBlockChunks, lastBlockPoints)) {
        // sealBlocks packs the block only if it still needs it when read under the lock.
        sealed += await inTransaction(id, (s) => sealBlocks(s, id, new Map([[blockStart(lastTs), NO_POINTS]])));
      } else if (oldestHead !== null && sealable(blockStart(oldestHead))) {
        sealed += await sealHead(inTransaction, id, sealable);
      }
      if (sealed > before) progress({ series: seen, of: Math.max(of, seen), blocks: sealed });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return sealed;
}

/** Seals one series' head rows in the blocks `sealable` allows, a day or so a transaction; the blocks sealed. */
async function sealHead(inTransaction: SeriesTransaction, id: number, sealable: (block: number) => boolean): Promise<number> {
  let sealed = 0;
  for (;;) {
    const step = await inTransaction(id, async (s) => {
      const oldest = await s.oldestHead(id);
      if (oldest === null || !sealable(blockStart(oldest))) return 0;
      // The blocks of the next day or so that hold head rows (gaps between them cost nothing).
      let to = blockStart(oldest);
      for (let n = 1; n < BLOCKS_PER_STEP && sealable(to + BLOCK_MS); n++) to += BLOCK_MS;
      // chunkFrom past the range: the head rows alone.
      const { head } = await s.raw(id, to + BLOCK_MS, blockStart(oldest), to + BLOCK_MS - 1);
      const blocks = new Map<number, Columns>(head.map((p) => [blockStart(p[0]), NO_POINTS]));
      return sealBlocks(s, id, blocks);
    });
    if (step === 0) return sealed;
    sealed += step;
  }
}
