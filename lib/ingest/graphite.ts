import { METRIC_NAME } from "@/lib/metrics/name";
import type { Problem } from "@/lib/http/problem";
import { MAX_TIMESTAMP_MS } from "./points";

export interface GraphiteLine {
  metric: string;
  value: number;
  ts: number;
}

/**
 * Parses one Graphite plaintext line `name value unix_seconds`. The timestamp may be
 * omitted or `-1` (meaning now, as carbon does). Returns the point or the reason it is bad.
 */
export function parseGraphiteLine(line: string, now: number): GraphiteLine | string {
  const parts = line.trim().split(/\s+/);
  if (parts.length < 2 || parts.length > 3) return `expected "name value unix_seconds", got ${parts.length} field(s)`;
  const [metric, rawValue, rawTs] = parts;
  const value = Number(rawValue);
  if (rawValue === "" || !Number.isFinite(value)) return `value "${rawValue}" is not a finite number`;
  if (rawTs === undefined || rawTs === "-1") return graphitePoint(metric, value, undefined, now);
  return graphitePoint(metric, value, Number(rawTs), now, rawTs);
}

/**
 * Checks one Graphite datapoint — the line protocol's and the pickle protocol's alike: a
 * dotted name of at most 255 characters, a finite value, a timestamp in unix seconds
 * (undefined or -1 meaning now, as carbon does). Returns the point or the reason it is bad.
 */
export function graphitePoint(metric: string, value: number, seconds: number | undefined, now: number, rawTs: string = String(seconds)): GraphiteLine | string {
  if (!METRIC_NAME.test(metric) || metric.length > 255) return `bad metric name "${metric.slice(0, 80)}"`;
  if (!Number.isFinite(value)) return `value "${value}" is not a finite number`;
  if (seconds === undefined || seconds === -1) return { metric, value, ts: now };
  if (!Number.isFinite(seconds) || seconds < 0 || seconds * 1000 >= MAX_TIMESTAMP_MS) return `timestamp "${rawTs}" is not unix seconds`;
  return { metric, value, ts: Math.round(seconds * 1000) };
}

/** Parses a whole plaintext body; blank lines are skipped, every bad line is reported by number. */
export function parseGraphiteText(text: string, now: number = Date.now()): { lines: GraphiteLine[]; problems: Problem[] } {
  const lines: GraphiteLine[] = [];
  const problems: Problem[] = [];
  const rows = text.split("\n");
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.trim() === "") continue;
    const parsed = parseGraphiteLine(row, now);
    if (typeof parsed === "string") problems.push({ where: `line ${i + 1}`, message: parsed });
    else lines.push(parsed);
  }
  return { lines, problems };
}
