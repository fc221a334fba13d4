/** How many synthetic batches each ingest worker runs through at start-up (see warmUpBody). */
export const WARM_UP_ROUNDS = 2;

const SERIES = 20;
const POINTS = 2_500;
const STEP_MS = 10_000;

/**
 * The JSON ingest body of warm-up round `round`, shaped like a collector's flush (20 series of
 * 2,500 points 10 s apart, each round's points following the last round's, as a stream's batches
 * do), which the parse and write workers run through their own code at start-up. V8 optimizes code
 * only once it has run for a while: on a fresh server the first large batches took several times
 * as long as later ones, and two batches of this shape sent first took the bench's million points
 * from ~375 ms to ~260 ms.
 */
export function warmUpBody(round: number): Uint8Array {
  const start = Date.UTC(2026, 0, 1) + round * POINTS * STEP_MS;
  const parts: string[] = [];
  for (let s = 0; s < SERIES; s++) {
    const values = Array.from({ length: POINTS }, (_, i) => `[${start + i * STEP_MS},${(50 + 40 * Math.sin(i / 500) + (i % 17)).toFixed(2)}]`);
    parts.push(`{"metric":"warm.up.m${s}","points":[${values.join(",")}]}`);
  }
  return new TextEncoder().encode(`{"series":[${parts.join(",")}]}`);
}
