import "server-only";
import type { Job } from "@/lib/server/jobs";
import type { Store } from "@/lib/store/types";

/** Progress lines while sealing a large head (a database written before chunks existed) come this often. */
const PROGRESS_EVERY_MS = 5_000;

/**
 * Seals raw points still kept as plain rows into compressed chunks: quiet series' last blocks
 * and, once after upgrading, every point written before chunks existed — logged as it goes,
 * since that first run can take minutes on a large database.
 */
export async function runCompaction(store: Store, now: number = Date.now(), log: (line: string) => void = console.log): Promise<number> {
  const started = Date.now();
  let lastLine = started;
  const blocks = await store.compactHead(now, ({ series, of, blocks: sealed }) => {
    if (Date.now() - lastLine < PROGRESS_EVERY_MS) return;
    lastLine = Date.now();
    log(`[deploylines] compacting raw points into chunks: ${series.toLocaleString("en")} of ${of.toLocaleString("en")} series, ${sealed.toLocaleString("en")} blocks sealed so far`);
  });
  if (blocks > 0) log(`[deploylines] compacting raw points into chunks: sealed ${blocks.toLocaleString("en")} blocks in ${Date.now() - started} ms`);
  return blocks;
}

/** Every five minutes, on whichever instance holds the lease: a quiet series' block waits at least two hours anyway. */
export const compactionJob: Job = { name: "compaction", everyMs: 5 * 60_000, run: (store) => runCompaction(store) };
