import type { Problem } from "@/lib/http/problem";
import { MAX_TIMESTAMP_MS } from "@/lib/time/parse-time";

/** At most this many point problems are listed; a batch with more is as rejected with fewer. */
const MAX_POINT_PROBLEMS = 100;

/**
 * Checks and normalises one series' `[ts, value]` pairs: numbers only, ts ≥ 0 in epoch ms
 * (epoch seconds, below 1e11, become ms). A hand loop rather than zod: a batch carries up to a
 * million points, and per-element schema parsing cost more than storing them.
 */
export function readPoints(raw: readonly unknown[], where: string, problems: Problem[]): [number, number][] {
  const points: [number, number][] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i];
    if (!Array.isArray(p) || p.length !== 2) {
      report(problems, `${where}[${i}]`, "expected a [timestamp, value] pair");
      continue;
    }
    const ts = p[0];
    const value = p[1];
    // JSON.parse turns 1e400 into Infinity, so finiteness is checked, not assumed.
    if (typeof ts !== "number" || !isTimestamp(ts)) report(problems, `${where}[${i}][0]`, "timestamp must be epoch ms (or seconds) ≥ 0 and before year 2286");
    else if (typeof value !== "number" || !Number.isFinite(value)) report(problems, `${where}[${i}][1]`, "value must be a finite number");
    // A pair already in whole epoch ms is kept as it came: a new one each would double the batch's garbage.
    else points[i] = ts >= 1e11 && Number.isInteger(ts) ? (p as [number, number]) : [epochMs(ts), value];
  }
  return points;
}

/** Whether a number is a point's time: epoch ms (or seconds) ≥ 0 and before year 2286. */
export function isTimestamp(ts: number): boolean {
  return ts >= 0 && ts < MAX_TIMESTAMP_MS;
}

/** A point's time in whole epoch ms: epoch seconds (below 1e11) become ms, fractions are rounded. */
export function epochMs(ts: number): number {
  return ts < 1e11 ? Math.round(ts * 1000) : Math.round(ts);
}

function report(problems: Problem[], where: string, message: string): void {
  if (problems.length < MAX_POINT_PROBLEMS) problems.push({ where, message });
}
