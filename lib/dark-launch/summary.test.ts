import { describe, expect, it } from "vitest";
import { summarizeSamples, type SummarySample } from "./summary";

const row = (ts: number, endpoint: string, match: boolean, extra: Partial<SummarySample> = {}): SummarySample => ({
  ts,
  method: "GET",
  path: "/x",
  endpoint,
  primaryStatus: 200,
  candidateStatus: 200,
  match,
  primaryMs: 10,
  candidateMs: 12,
  candidateError: null,
  diff: null,
  ...extra,
});

describe("summarizeSamples", () => {
  it("is empty-safe", () => {
    expect(summarizeSamples([])).toEqual({
      mirrored: 0,
      matched: 0,
      matchRate: null,
      primary: { p50Ms: null, p95Ms: null, p99Ms: null, errorRate: null },
      candidate: { p50Ms: null, p95Ms: null, p99Ms: null, errorRate: null },
      endpoints: [],
      timeline: [],
      recentMismatches: [],
    });
  });

  it("computes match rate, percentiles and error rates of both sides", () => {
    const rows = Array.from({ length: 100 }, (_, i) =>
      row(i, "GET /a", i % 4 !== 0, {
        primaryMs: i + 1,
        candidateMs: i === 99 ? null : 2 * (i + 1),
        primaryStatus: i < 2 ? 503 : 200,
        candidateStatus: i === 99 ? null : i < 5 ? 500 : 200,
      }),
    );
    const summary = summarizeSamples(rows);
    expect(summary).toMatchObject({ mirrored: 100, matched: 75, matchRate: 0.75 });
    expect(summary.primary).toEqual({ p50Ms: 50, p95Ms: 95, p99Ms: 99, errorRate: 0.02 });
    expect(summary.candidate).toEqual({ p50Ms: 100, p95Ms: 190, p99Ms: 198, errorRate: 0.06 });
  });

  it("sorts endpoints by mismatches and keeps the latest mismatches with their diff", () => {
    const diff = [{ path: "$.name", primary: "a", candidate: "b" }];
    const rows = [
      row(1, "GET /a", true),
      row(2, "GET /b", false, { diff }),
      row(3, "GET /b", false),
      row(4, "GET /c", false),
      row(5, "GET /b", true),
    ];
    const summary = summarizeSamples(rows, { recentMismatches: 2 });
    expect(summary.endpoints.map((e) => [e.endpoint, e.mirrored, e.matched])).toEqual([
      ["GET /b", 3, 1],
      ["GET /c", 1, 0],
      ["GET /a", 1, 1],
    ]);
    expect(summary.endpoints[0]).toMatchObject({ matchRate: 1 / 3, primaryP95Ms: 10, candidateP95Ms: 12 });
    expect(summary.recentMismatches.map((m) => m.ts)).toEqual([4, 3]);
    expect(summarizeSamples(rows).recentMismatches.find((m) => m.ts === 2)?.diff).toEqual(diff);
  });

  it("buckets a timeline over the requested range", () => {
    const rows = [row(0, "GET /a", true), row(5, "GET /a", false), row(15, "GET /a", true, { primaryMs: 30 })];
    expect(summarizeSamples(rows, { from: 0, to: 29, buckets: 3 }).timeline).toEqual([
      { ts: 0, mirrored: 2, matchRate: 0.5, primaryP95Ms: 10, candidateP95Ms: 12 },
      { ts: 10, mirrored: 1, matchRate: 1, primaryP95Ms: 30, candidateP95Ms: 12 },
      { ts: 20, mirrored: 0, matchRate: null, primaryP95Ms: null, candidateP95Ms: null },
    ]);
  });
});
