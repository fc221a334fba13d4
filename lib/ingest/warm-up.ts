/** How many synthetic batches each ingest worker runs through at start-up (see warmUpBody). */
export const WARM_UP_ROUNDS = 2;

/**
 * A JSON ingest body shaped like a collector's flush, `series` series of `points` points 10 s
 * apart from `start`, which the parse and write workers run through their own code at start-up.
 * V8 optimizes code only once it has run for a while: on a fresh server the first large batches
 * took several times as long as later ones, and two batches of this shape sent first took the
 * bench's million points from ~375 ms to ~260 ms.
 */
export function warmUpBody(start: number, series = 20, points = 2_500): Uint8Array {
  const parts: string[] = [];
  for (let s = 0; s < series; s++) {
    const values = Array.from({ length: points }, (_, i) => `[${start + i * 10_000},${(50 + 40 * Math.sin(i / 500) + (i % 17)).toFixed(2)}]`);
    parts.push(`{"metric":"warm.up.m${s}","points":[${values.join(",")}]}`);
  }
  return new TextEncoder().encode(`{"series":[${parts.join(",")}]}`);
}

/** Where each warm-up round starts: the next round's points follow the last round's, as a stream's batches do. */
export const warmUpStart = (round: number, points = 2_500) => Date.UTC(2026, 0, 1) + round * points * 10_000;
