import { describe, expect, it } from "vitest";
import { parseDuration } from "./parse-duration";
import { parseTime } from "./parse-time";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

describe("parseTime", () => {
  it("accepts epoch ms, and epoch seconds below 1e11", () => {
    expect(parseTime(1_795_000_000_000, NOW)).toBe(1_795_000_000_000);
    expect(parseTime("1795000000000", NOW)).toBe(1_795_000_000_000);
    expect(parseTime("1795000000", NOW)).toBe(1_795_000_000_000);
    expect(parseTime(1795000000.5, NOW)).toBe(1_795_000_000_500);
  });

  it("accepts ISO-8601 with and without zone", () => {
    expect(parseTime("2026-11-26T10:00:00Z", NOW)).toBe(Date.UTC(2026, 10, 26, 10));
    expect(parseTime("2026-11-26T10:00:00+02:00", NOW)).toBe(Date.UTC(2026, 10, 26, 8));
    expect(parseTime("2026-11-26", NOW)).toBe(Date.UTC(2026, 10, 26));
  });

  it("accepts now and times relative to now", () => {
    expect(parseTime("now", NOW)).toBe(NOW);
    expect(parseTime("-6h", NOW)).toBe(NOW - 6 * 3_600_000);
    expect(parseTime("now-30m", NOW)).toBe(NOW - 30 * 60_000);
    expect(parseTime("-7d", NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseTime("+5m", NOW)).toBe(NOW + 5 * 60_000);
    expect(parseTime(" -90s ", NOW)).toBe(NOW - 90_000);
  });

  it("rejects times before 1970 and from year 2286 on, which no page could show as a date", () => {
    for (const bad of [99999999999999999, "9999-12-31T00:00:00Z", "1969-07-20T20:17:00Z", -5, 1e13, "-100000y"]) expect(parseTime(bad, NOW), String(bad)).toBeNull();
    expect(parseTime(1e13 - 1, NOW)).toBe(1e13 - 1);
    expect(parseTime(0, NOW)).toBe(0);
  });

  it("rejects what is not a time", () => {
    for (const bad of ["", "yesterday", "-6x", "2026-13-45T99:00", "12abc", "--1h", Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(parseTime(bad as string, NOW), String(bad)).toBeNull();
    }
  });
});

describe("parseDuration", () => {
  it("parses units from ms to years", () => {
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("10s")).toBe(10_000);
    expect(parseDuration("5m")).toBe(300_000);
    expect(parseDuration("5min")).toBe(300_000);
    expect(parseDuration("1.5h")).toBe(5_400_000);
    expect(parseDuration("2w")).toBe(14 * 86_400_000);
    expect(parseDuration("1y")).toBe(365 * 86_400_000);
  });

  it("rejects malformed durations", () => {
    expect(parseDuration("5")).toBeNull();
    expect(parseDuration("m5")).toBeNull();
    expect(parseDuration("-5m")).toBeNull();
  });
});
