import { formatDuration } from "@/lib/time/parse-duration";

/** "3h ago" / "in 5m" relative to now. */
export function timeAgo(ts: number, now = Date.now()): string {
  const diff = now - ts;
  if (Math.abs(diff) < 30_000) return "just now";
  return diff > 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(-diff)}`;
}

// Formatters are built once: constructing Intl formatters per call (toLocaleString with
// options) dominated chart rendering, where axis ticks format thousands of values.
const DATE_TIME_FIELDS = { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false } as const;
const DATE_TIME = new Intl.DateTimeFormat("en-GB", DATE_TIME_FIELDS);
const DATE_TIME_SECONDS = new Intl.DateTimeFormat("en-GB", { ...DATE_TIME_FIELDS, second: "2-digit" });
const DATE_TIME_UTC = new Intl.DateTimeFormat("en-GB", { ...DATE_TIME_FIELDS, timeZone: "UTC" });
const DATE_TIME_SECONDS_UTC = new Intl.DateTimeFormat("en-GB", { ...DATE_TIME_FIELDS, second: "2-digit", timeZone: "UTC" });
const CLOCK = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false });
const DAY = new Intl.DateTimeFormat("en-GB", { month: "short", day: "numeric" });
const NUMBER = [0, 1, 2, 3].map((digits) => new Intl.NumberFormat("en-US", { maximumFractionDigits: digits }));

/** A timestamp as local "26 Nov, 14:05" (with seconds when asked). */
export function formatTime(ts: number, withSeconds = false): string {
  return (withSeconds ? DATE_TIME_SECONDS : DATE_TIME).format(ts);
}

/** A timestamp as "26 Nov, 14:05 UTC" (with seconds when asked): what a server can show without knowing the reader's zone. */
export function formatTimeUtc(ts: number, withSeconds = false): string {
  return `${(withSeconds ? DATE_TIME_SECONDS_UTC : DATE_TIME_UTC).format(ts)} UTC`;
}

/** A timestamp as local "14:05". */
export function formatClock(ts: number): string {
  return CLOCK.format(ts);
}

/** A timestamp as local "26 Nov". */
export function formatDay(ts: number): string {
  return DAY.format(ts);
}

/**
 * A unit as a reader wants it. OpenTelemetry writes units in UCUM, whose notation is shown
 * without its marks: an annotation's braces dropped ("{request}/s" → "request/s"), the
 * dimensionless "1" as no unit ("1/s" → "/s"), bytes ("By") as B. Any other unit is shown as stored.
 */
export function displayUnit(unit: string | null | undefined): string {
  if (!unit) return "";
  return unit
    .replace(/\{([^{}]*)\}/g, "$1")
    .replace(/\bBy\b/g, "B")
    .replace(/^1(?=\/|$)/, "");
}

/** A metric value with a sensible number of digits and its unit (see displayUnit). */
export function formatValue(value: number | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = NUMBER[digits].format(value);
  const shown = displayUnit(unit);
  return shown ? `${text} ${shown}` : text;
}

/** Signed percentage change, e.g. "+12.5%". */
export function formatChange(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return "–";
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%`;
}

/** A p-value to two significant digits, or "< 0.0001". */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "–";
  if (p < 0.0001) return "< 0.0001";
  return String(+p.toPrecision(2));
}
