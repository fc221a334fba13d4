import { describe, expect, it } from "vitest";
import type { Point } from "@/lib/store/types";
import { checkMetric, metricCheckSpan, readingOfPoints, type MetricCheckOptions, type MetricReading } from "./check-metric";
import { renderCheck } from "./check-result";
import { metricCheckQuerySchema } from "./query-schema";
import { parseThreshold } from "./threshold";

const NOW = 1_700_000_000_000;
const MIN = 60_000;

// Ten points over the last five minutes: 10, 20, … 100 (avg 55, min 10, max 100, last 100, sum 550, p95 95.5).
const points: Point[] = Array.from({ length: 10 }, (_, i) => [NOW - (9 - i) * 30_000, (i + 1) * 10]);

/** What a check reads from these points, as the remote backend builds it (the embedded store summarizes instead, see run-check). */
const readingOf = (unit: string, pts: Point[], opts: MetricCheckOptions, lastTs?: number): MetricReading => readingOfPoints(unit, pts, NOW - opts.windowMs, opts.agg, lastTs);
const check = (pts: Point[], opts: MetricCheckOptions, unit = "ms", lastTs?: number) => checkMetric(readingOf(unit, pts, opts, lastTs), opts, NOW);

const options = (agg: MetricCheckOptions["agg"], warning: string, critical: string): MetricCheckOptions => ({
  metric: "auth.api.latency.p95",
  agg,
  windowMs: 5 * MIN,
  warning: parseThreshold(warning),
  critical: parseThreshold(critical),
});

describe("checkMetric", () => {
  // Thresholds around each aggregation's value: OK below both, WARNING between, CRITICAL above both.
  const cases = [
    { agg: "avg", value: 55 },
    { agg: "min", value: 10 },
    { agg: "max", value: 100 },
    { agg: "last", value: 100 },
    { agg: "sum", value: 550 },
    { agg: "p95", value: 95.5 },
  ] as const;
  for (const { agg, value } of cases) {
    it(`${agg}: OK, WARNING and CRITICAL against the value ${value}`, () => {
      expect(check(points, options(agg, String(value + 1), String(value + 2))).state).toBe("OK");
      expect(check(points, options(agg, String(value - 1), String(value + 1))).state).toBe("WARNING");
      expect(check(points, options(agg, String(value - 2), String(value - 1))).state).toBe("CRITICAL");
      expect(check(points, options(agg, "0", "0")).perfdata[0].value).toBeCloseTo(value, 9);
    });
  }

  it("honours the full range syntax: @ inside, x: below, ~: unbounded start", () => {
    expect(check(points, options("avg", "~:100", "@50:60")).state).toBe("CRITICAL");
    expect(check(points, options("avg", "60:", "~:1000")).state).toBe("WARNING");
    expect(check(points, { ...options("avg", "10", "20"), warning: undefined, critical: undefined }).state).toBe("OK");
  });

  it("only reads the window: older points do not count", () => {
    const old: Point[] = [[NOW - 20 * MIN, 1000], ...points];
    expect(check(old, options("max", "200", "500")).state).toBe("OK");
  });

  it("writes the plugin line with the metric's unit in the text and the perfdata", () => {
    const result = check(points, { ...options("avg", "60", "80"), label: "auth p95" });
    expect(renderCheck(result)).toEqual({
      line: "DEPLOYLINES OK - auth.api.latency.p95 avg over 5m = 55 ms (10 points) | 'auth p95'=55ms;60;80",
      exitCode: 0,
    });
    const perf = renderCheck(check(points, options("max", "@10:20", "~:90"))).line.split(" | ")[1];
    expect(perf).toBe("'auth.api.latency.p95'=100ms;@10:20;~:90");
  });

  it("leaves out a unit Nagios would not understand but keeps it in the text", () => {
    const { line } = renderCheck(check(points, options("last", "200", "300"), "req/s"));
    expect(line).toContain("= 100 req/s");
    expect(line).toMatch(/\| 'auth.api.latency.p95'=100;200;300$/);
  });

  it("is UNKNOWN for an unknown metric", () => {
    const result = checkMetric(null, options("avg", "1", "2"), NOW);
    expect(result.state).toBe("UNKNOWN");
    expect(result.text).toMatch(/auth\.api\.latency\.p95: no such metric/);
    expect(renderCheck(result).exitCode).toBe(3);
  });

  it("is UNKNOWN without points in the window, saying when the last one was", () => {
    const none = check([], options("avg", "1", "2"));
    expect(none).toMatchObject({ state: "UNKNOWN", perfdata: [] });
    expect(none.text).toMatch(/no data in the last 5m \(no points at all\)/);
    const gone = check([], options("avg", "1", "2"), "ms", NOW - 3 * 3_600_000);
    expect(gone.text).toMatch(/no data in the last 5m \(last point 3h ago\)/);
  });

  it("is UNKNOWN when the newest point is older than the max age (default twice the window)", () => {
    const lagging: Point[] = [[NOW - 12 * MIN, 5]];
    const wide = { ...options("avg", "10", "20"), windowMs: 15 * MIN };
    expect(check(lagging, wide).state).toBe("OK");
    const strict = check(lagging, { ...wide, maxAgeMs: 10 * MIN });
    expect(strict.state).toBe("UNKNOWN");
    expect(strict.text).toMatch(/stale, last point 12m ago, older than the max age 10m/);
    expect(metricCheckSpan({ windowMs: 5 * MIN })).toBe(10 * MIN);
    expect(metricCheckSpan({ windowMs: 5 * MIN, maxAgeMs: MIN })).toBe(5 * MIN);
  });
});

describe("metricCheckQuerySchema", () => {
  it("defaults agg and window and treats empty thresholds as none", () => {
    const parsed = metricCheckQuerySchema.parse({ metric: "a.b", warning: "", critical: "@1:2" });
    expect(parsed).toMatchObject({ metric: "a.b", agg: "avg", window: 5 * MIN, warning: undefined, critical: { inside: true, start: 1, end: 2 } });
  });

  it("names each bad parameter", () => {
    const result = metricCheckQuerySchema.safeParse({ metric: "a b", agg: "median", window: "5 minutes", critical: "20:10" });
    expect(result.success).toBe(false);
    const where = result.error!.issues.map((i) => i.path.join("."));
    expect(where).toEqual(expect.arrayContaining(["metric", "agg", "window", "critical"]));
  });

  it("reads up to 31 days, p95 (which sorts every value) up to 7", () => {
    expect(metricCheckQuerySchema.parse({ metric: "a.b", window: "30d" })).toMatchObject({ agg: "avg", window: 30 * 1440 * MIN });
    expect(metricCheckQuerySchema.safeParse({ metric: "a.b", window: "7d", agg: "p95" }).success).toBe(true);
    const p95 = metricCheckQuerySchema.safeParse({ metric: "a.b", window: "8d", agg: "p95" });
    expect(p95.error?.issues).toEqual([expect.objectContaining({ path: ["window"], message: expect.stringMatching(/longer than 7d, the longest p95 reads/) })]);
    const long = metricCheckQuerySchema.safeParse({ metric: "a.b", window: "32d" });
    expect(long.error?.issues).toEqual([expect.objectContaining({ path: ["window"], message: 'window "32d" is longer than 31d' })]);
  });
});
