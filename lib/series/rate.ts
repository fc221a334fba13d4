import type { MetricKind } from "@/lib/ingest/schema";
import type { Point } from "@/lib/store/types";

/** The steps [from + i·stepMs, from + (i+1)·stepMs), i = 0 … steps − 1, that a rate is drawn on. */
export interface StepGrid {
  from: number;
  stepMs: number;
  steps: number;
}

/** The kinds of series a counter increase can be read from. */
export type CounterKind = Extract<MetricKind, "cumulative" | "delta">;

/**
 * How much a counter grew inside each step of the grid; null for a step no sample contributes to
 * (a step whose samples show no growth is 0, not null).
 *
 * - cumulative: the increase between consecutive samples, counted in the step of the later
 *   sample. A drop is a counter reset, and the value after it is the whole increase (the counter
 *   restarted from 0), as in Prometheus. The first sample has nothing to compare with, so pass
 *   the last sample before `from` as well, or the first step misses one interval.
 * - delta: each point already is an increase; a step is the sum of its points.
 */
export function increasesPerStep(points: readonly Point[], kind: CounterKind, grid: StepGrid): (number | null)[] {
  const increases: (number | null)[] = new Array(grid.steps).fill(null);
  for (let i = 0; i < points.length; i++) {
    const step = stepOf(points[i][0], grid);
    if (step < 0) continue;
    const increase = kind === "delta" ? points[i][1] : increaseSincePrevious(points, i);
    if (increase !== null) increases[step] = (increases[step] ?? 0) + increase;
  }
  return increases;
}

/** The step of the grid a timestamp falls in, or -1 outside it. */
function stepOf(ts: number, grid: StepGrid): number {
  const step = Math.floor((ts - grid.from) / grid.stepMs);
  return step >= 0 && step < grid.steps ? step : -1;
}

function increaseSincePrevious(points: readonly Point[], i: number): number | null {
  if (i === 0) return null;
  const previous = points[i - 1][1];
  const value = points[i][1];
  return value >= previous ? value - previous : value;
}

/**
 * The per-second rate of a counter in each step; null for a step no sample contributes to.
 *
 * - cumulative: the increases counted in the step (as `increasesPerStep`) over the time they span,
 *   from each one's previous sample to it. Dividing by the step's length instead aliased: with a
 *   sample every 60 s on 108-s steps (a day at 800 points), a step held one interval or two, and
 *   the rate drawn alternated between half and the whole of the true one, a comb.
 * - delta: the step's points summed over the step's length (a point's own interval is unknown).
 *
 * How this differs from Prometheus' `rate(x[stepMs])` evaluated at each step's end (see
 * `prometheusRate`), which agree for a steadily sampled counter:
 * - Edges: Prometheus only sees samples inside its window and extrapolates the increase between
 *   the first and last of them out to the window's edges. A step here also owns the interval
 *   from the previous step's last sample to its own first one, so nothing is extrapolated.
 * - Start of a series (or the end of a gap): a series' very first sample counts nothing, and the
 *   first interval after a gap spans the gap, so its increase is spread over it.
 * - One sample in a window: Prometheus returns nothing; here the step gets that sample's increase
 *   since the previous one, so steps shorter than the scrape interval still show a rate.
 * - Resets: both count the value after a drop, but a reset between two windows is invisible to
 *   Prometheus (it only estimates that interval); here it lands in the later step.
 * - Boundaries: a step is [start, end) while Prometheus' window is (end − window, end], so a sample
 *   exactly on a boundary belongs to the next step here and to the earlier window there.
 */
export function ratePerSecond(points: readonly Point[], kind: CounterKind, grid: StepGrid): (number | null)[] {
  const increases = increasesPerStep(points, kind, grid);
  if (kind === "delta") return increases.map((increase) => (increase === null ? null : increase / (grid.stepMs / 1000)));
  const spanMs: number[] = new Array(grid.steps).fill(0);
  for (let i = 1; i < points.length; i++) {
    const step = stepOf(points[i][0], grid);
    if (step >= 0) spanMs[step] += points[i][0] - points[i - 1][0];
  }
  return increases.map((increase, step) => (increase === null || spanMs[step] <= 0 ? null : increase / (spanMs[step] / 1000)));
}

/**
 * Prometheus' `rate(x[windowMs])` evaluated at `evalTs`, as its `extrapolatedRate` computes it for
 * float counters without created timestamps: the samples in (evalTs − windowMs, evalTs],
 * corrected for resets, the increase extrapolated towards each window edge — all the way when the
 * edge is within 1.1 average sample intervals, else by half an interval — and towards the start
 * never past the point where the counter would have been 0. Null where Prometheus returns no
 * value: fewer than two samples in the window.
 */
export function prometheusRate(points: readonly Point[], evalTs: number, windowMs: number): number | null {
  const windowStart = evalTs - windowMs;
  const inWindow = points.filter(([ts]) => ts > windowStart && ts <= evalTs);
  if (inWindow.length < 2) return null;
  const [firstTs, firstValue] = inWindow[0];
  const [lastTs, lastValue] = inWindow[inWindow.length - 1];

  let increase = lastValue - firstValue;
  for (let i = 1; i < inWindow.length; i++) {
    if (inWindow[i][1] < inWindow[i - 1][1]) increase += inWindow[i - 1][1];
  }

  const sampledSeconds = (lastTs - firstTs) / 1000;
  const averageInterval = sampledSeconds / (inWindow.length - 1);
  const threshold = averageInterval * 1.1;
  let toStart = (firstTs - windowStart) / 1000;
  let toEnd = (evalTs - lastTs) / 1000;
  if (toStart >= threshold) toStart = averageInterval / 2;
  if (toEnd >= threshold) toEnd = averageInterval / 2;
  if (increase > 0 && firstValue >= 0) toStart = Math.min(toStart, sampledSeconds * (firstValue / increase));

  // Two samples with one timestamp leave nothing to scale by; Prometheus then keeps the raw increase.
  const factor = sampledSeconds === 0 ? 1 : (sampledSeconds + toStart + toEnd) / sampledSeconds;
  return (increase * factor) / (windowMs / 1000);
}
