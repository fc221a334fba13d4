import { parseDuration } from "./parse-duration";

const RELATIVE = /^(?:now)?\s*([+-])\s*(.+)$/;

/** Epoch ms beyond year 2286 is a unit mistake (µs or ns), not a time; every time the API takes is before it. */
export const MAX_TIMESTAMP_MS = 1e13;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Parses a point in time as the API accepts it: epoch milliseconds, ISO-8601, `now`,
 * or relative to now (`-6h`, `now-30m`, `+5m`). Returns epoch ms, or null when malformed.
 * Bare numbers below 1e11 are taken as epoch seconds (Graphite's habit), above as ms. A time
 * before 1970 or from MAX_TIMESTAMP_MS on is null too: stored, it would break every page that
 * shows it as a date.
 */
export function parseTime(input: string | number, now: number = Date.now()): number | null {
  const ms = parseAnyTime(input, now);
  return ms !== null && ms >= 0 && ms < MAX_TIMESTAMP_MS ? ms : null;
}

function parseAnyTime(input: string | number, now: number): number | null {
  if (typeof input === "number") return Number.isFinite(input) ? normaliseEpoch(input) : null;
  const text = input.trim();
  if (text === "") return null;
  if (text === "now") return now;
  if (/^\d+(\.\d+)?$/.test(text)) return normaliseEpoch(Number(text));
  const relative = RELATIVE.exec(text);
  if (relative) {
    const span = parseDuration(relative[2]);
    if (span === null) return null;
    return relative[1] === "-" ? now - span : now + span;
  }
  if (ISO_DATE.test(text)) {
    const parsed = Date.parse(text);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

function normaliseEpoch(value: number): number {
  return Math.round(value < 1e11 ? value * 1000 : value);
}
