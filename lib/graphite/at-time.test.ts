import { describe, expect, it } from "vitest";
import { parseGraphiteTime } from "./at-time";

// Cases from graphite-web's render API docs ("from / until") and render/attime.py.
const NOW = Date.UTC(2026, 11, 1, 21, 30, 15); // a Tuesday

describe("parseGraphiteTime", () => {
  it("reads epoch seconds, now and relative offsets", () => {
    expect(parseGraphiteTime("1767225600", NOW)).toBe(1767225600_000);
    expect(parseGraphiteTime("now", NOW)).toBe(NOW);
    expect(parseGraphiteTime("-1d", NOW)).toBe(NOW - 86_400_000);
    expect(parseGraphiteTime("-6h", NOW)).toBe(NOW - 6 * 3_600_000);
    expect(parseGraphiteTime("-5min", NOW)).toBe(NOW - 300_000);
    expect(parseGraphiteTime("-3hours", NOW)).toBe(NOW - 3 * 3_600_000);
    expect(parseGraphiteTime("now-2w", NOW)).toBe(NOW - 14 * 86_400_000);
    expect(parseGraphiteTime("-1mon", NOW)).toBe(NOW - 30 * 86_400_000);
    expect(parseGraphiteTime("-1y", NOW)).toBe(NOW - 365 * 86_400_000);
  });

  it("reads absolute references in UTC", () => {
    expect(parseGraphiteTime("04:00_20110501", NOW)).toBe(Date.UTC(2011, 4, 1, 4, 0));
    expect(parseGraphiteTime("20091201", NOW)).toBe(Date.UTC(2009, 11, 1));
    expect(parseGraphiteTime("16:00_20091201", NOW)).toBe(Date.UTC(2009, 11, 1, 16));
    expect(parseGraphiteTime("midnight", NOW)).toBe(Date.UTC(2026, 11, 1));
    expect(parseGraphiteTime("noon+yesterday".replace("+", ""), NOW)).toBe(Date.UTC(2026, 10, 30, 12));
    expect(parseGraphiteTime("9am", NOW)).toBe(Date.UTC(2026, 11, 1, 9));
    expect(parseGraphiteTime("12/25/2025", NOW)).toBe(Date.UTC(2025, 11, 25));
    expect(parseGraphiteTime("jan1", NOW)).toBe(Date.UTC(2026, 0, 1));
    expect(parseGraphiteTime("monday", NOW)).toBe(Date.UTC(2026, 10, 30));
    expect(parseGraphiteTime("midnight-1d", NOW)).toBe(Date.UTC(2026, 10, 30));
  });

  it("refuses what graphite-web refuses", () => {
    for (const bad of ["", "-5m", "-1x", "soon", "25:00_20110501", "-", "99999999999999999999", "-99999999999y"]) expect(parseGraphiteTime(bad, NOW), bad).toBeNull();
  });
});
