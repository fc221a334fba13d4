import { describe, expect, it } from "vitest";
import type { Point } from "@/lib/store/types";
import { criteriaSchema, type CriteriaInput } from "./criteria-schema";
import { combineEvidence, evaluateVerdict, verdictWindows } from "./evaluate";

const MIN = 60_000;
const started = Date.UTC(2024, 4, 1, 12, 0);
const finished = started + 5 * MIN;
const deploy = { startedAt: started, finishedAt: finished };
const windowEnd = finished + 10 * MIN;

// One point a minute gives 10 in the window: the bound arithmetic below needs only a few.
const contract: CriteriaInput = {
  windowMinutes: 10,
  baselineMinutes: 30,
  minSamples: 5,
  rules: [
    { metric: "auth.api.errors.rate", agg: "max", below: 1 },
    { metric: "auth.api.latency.p95", agg: "p95", maxIncreasePct: 20, severity: "degraded" },
  ],
};

/** One point a minute with `before` values before the deploy started and `after` values from its finish on. */
function series(before: number, after: number, from = started - 60 * MIN, to = windowEnd + 30 * MIN): Point[] {
  const points: Point[] = [];
  for (let ts = from; ts < to; ts += MIN) {
    if (ts < started) points.push([ts, before]);
    else if (ts >= finished) points.push([ts, after]);
  }
  return points;
}

function source(data: Record<string, Point[]>) {
  const calls: [string, number, number][] = [];
  const pointsFor = async (metric: string, from: number, to: number) => {
    calls.push([metric, from, to]);
    return (data[metric] ?? []).filter(([ts]) => ts >= from && ts <= to);
  };
  return { pointsFor, calls };
}

async function judge(data: Record<string, Point[]>, criteria: CriteriaInput = contract, now = windowEnd) {
  return evaluateVerdict({ criteria: criteriaSchema.parse(criteria), deploy, now, pointsFor: source(data).pointsFor });
}

describe("verdictWindows", () => {
  it("opens the window at the finish and the baseline before the start", () => {
    expect(verdictWindows(criteriaSchema.parse(contract), deploy)).toEqual({
      window: { from: finished, to: windowEnd },
      baseline: { from: started - 30 * MIN, to: started },
    });
  });

  it("opens the window at the start when the deploy has no finish", () => {
    const { window } = verdictWindows(criteriaSchema.parse(contract), { startedAt: started, finishedAt: null });
    expect(window).toEqual({ from: started, to: started + 10 * MIN });
  });
});

describe("evaluateVerdict", () => {
  it("is healthy when every rule passes", async () => {
    const verdict = await judge({ "auth.api.errors.rate": series(0.2, 0.4), "auth.api.latency.p95": series(100, 110) });
    expect(verdict?.status).toBe("healthy");
    expect(verdict?.windowEndsAt).toBe(windowEnd);
    expect(verdict?.evidence).toEqual([
      expect.objectContaining({ metric: "auth.api.errors.rate", rule: "max < 1", after: 0.4, passed: true, severity: "failed" }),
      expect.objectContaining({ metric: "auth.api.latency.p95", rule: "p95 ≤ baseline +20%", before: 100, after: 110, passed: true }),
    ]);
  });

  it("is failed when a failed-severity rule breaks, even if a degraded one also breaks", async () => {
    const verdict = await judge({ "auth.api.errors.rate": series(0.2, 3), "auth.api.latency.p95": series(100, 200) });
    expect(verdict?.status).toBe("failed");
    expect(verdict?.evidence.map((e) => e.passed)).toEqual([false, false]);
  });

  it("is degraded when only a degraded-severity rule breaks", async () => {
    const verdict = await judge({ "auth.api.errors.rate": series(0.2, 0.2), "auth.api.latency.p95": series(100, 150) });
    expect(verdict?.status).toBe("degraded");
    expect(verdict?.evidence[1]).toMatchObject({ changePct: 50, passed: false });
  });

  it("is no_data, never healthy, when a rule has no points in the window", async () => {
    const verdict = await judge({ "auth.api.latency.p95": series(100, 100) });
    expect(verdict?.status).toBe("no_data");
    expect(verdict?.evidence[0]).toMatchObject({ passed: null, reason: "no points in the window" });
  });

  it("is no_data when a relative rule has no baseline", async () => {
    const afterOnly = series(100, 100).filter(([ts]) => ts >= finished);
    const verdict = await judge({ "auth.api.errors.rate": series(0, 0), "auth.api.latency.p95": afterOnly });
    expect(verdict?.status).toBe("no_data");
    expect(verdict?.evidence[1].reason).toBe("no points in the baseline");
  });

  it("lets a failure outrank missing data", async () => {
    const verdict = await judge({ "auth.api.latency.p95": series(100, 500) });
    expect(verdict?.status).toBe("degraded");
  });

  it("stays pending while the window is open, with progress, and fails early only on certain failure", async () => {
    const criteria = criteriaSchema.parse(contract);
    const good = source({ "auth.api.errors.rate": series(0.2, 0.2), "auth.api.latency.p95": series(100, 100) });
    const early = await evaluateVerdict({ criteria, deploy, now: finished + 6 * MIN + 1, pointsFor: good.pointsFor });
    expect(early).toMatchObject({ status: "pending", windowEndsAt: windowEnd, progress: { elapsedMs: 6 * MIN + 1, windowMs: 10 * MIN, points: 7, needed: 5 } });
    expect(early?.evidence.map((e) => [e.outcome, e.leaning])).toEqual([["pending", "pass"], ["pending", "pass"]]);
    const bad = source({ "auth.api.errors.rate": series(0, 5), "auth.api.latency.p95": series(100, 100) });
    const failedEarly = await evaluateVerdict({ criteria, deploy, now: finished + 2 * MIN, pointsFor: bad.pointsFor });
    expect(failedEarly?.status).toBe("failed");
    expect(failedEarly?.evidence[0]).toMatchObject({ passed: false, outcome: "fail" });
  });

  it("reads nothing before the window opens", async () => {
    const { pointsFor, calls } = source({ "auth.api.errors.rate": series(0, 0) });
    const verdict = await evaluateVerdict({ criteria: criteriaSchema.parse(contract), deploy, now: finished - 1, pointsFor });
    expect(verdict?.status).toBe("pending");
    expect(calls.filter(([, from, to]) => to >= from && from >= finished)).toEqual([]);
  });

  it("is inconclusive at the end when the window holds fewer points than needed", async () => {
    const verdict = await judge({ "auth.api.errors.rate": series(0.2, 0.4), "auth.api.latency.p95": series(100, 101) }, { ...contract, minSamples: 50 });
    expect(verdict?.status).toBe("inconclusive");
    expect(verdict?.evidence[1]).toMatchObject({ outcome: "inconclusive", samples: { after: 10 } });
  });

  it("fails on a critical rule even when every other rule passes and the score says pass", async () => {
    const criteria: CriteriaInput = {
      ...contract,
      score: { pass: 50, marginal: 25 },
      rules: [
        { metric: "auth.api.errors.rate", agg: "max", below: 1, critical: true },
        { metric: "auth.api.latency.p95", agg: "p95", below: 500 },
        { metric: "auth.api.latency.p95", agg: "avg", below: 500 },
      ],
    };
    const verdict = await judge({ "auth.api.errors.rate": series(0, 3), "auth.api.latency.p95": series(100, 100) }, criteria);
    expect(verdict?.status).toBe("failed");
    expect(verdict?.score).toMatchObject({ value: 66.7, band: "pass", decides: true });
  });

  it("scores weighted groups, and lets the bands decide when the criteria set them", async () => {
    const criteria: CriteriaInput = {
      ...contract,
      groups: { errors: 3, latency: 1 },
      score: { pass: 90, marginal: 70 },
      rules: [
        { metric: "auth.api.errors.rate", agg: "max", below: 1, group: "errors" },
        { metric: "auth.api.latency.p95", agg: "avg", below: 50, group: "latency" },
      ],
    };
    const verdict = await judge({ "auth.api.errors.rate": series(0, 0.5), "auth.api.latency.p95": series(100, 100) }, criteria);
    expect(verdict?.score).toMatchObject({ value: 75, band: "marginal" });
    expect(verdict?.status).toBe("degraded");
  });

  it("compares with a concurrent baseline metric over the same window", async () => {
    const criteria: CriteriaInput = { ...contract, rules: [{ metric: "auth.canary.latency", agg: "avg", maxIncreasePct: 10, baselineMetric: "auth.prod.latency" }] };
    // The control moved too (a traffic spike for everyone): against the time before, the canary would fail.
    const data = { "auth.canary.latency": series(100, 200), "auth.prod.latency": series(100, 195) };
    const verdict = await judge(data, criteria);
    expect(verdict?.evidence[0]).toMatchObject({ before: 195, after: 200, passed: true, baselineMetric: "auth.prod.latency" });
    expect(verdict?.status).toBe("healthy");
  });

  it("ignores points outside the windows, including the deploy's own transition", async () => {
    const data: Point[] = [
      [started - 31 * MIN, 999],
      [started - 10 * MIN, 100],
      [started + MIN, 999],
      [finished + MIN, 110],
      [windowEnd, 999],
    ];
    const verdict = await judge({ "auth.api.errors.rate": series(0, 0), "auth.api.latency.p95": data }, { ...contract, minSamples: 1 });
    expect(verdict?.evidence[1]).toMatchObject({ before: 100, after: 110, samples: { before: 1, after: 1 } });
  });

  it("reads each metric range once even when several rules use it", async () => {
    const { pointsFor, calls } = source({ "a.b": series(1, 1) });
    const criteria = criteriaSchema.parse({
      rules: [
        { metric: "a.b", agg: "max", below: 2 },
        { metric: "a.b", agg: "avg", maxIncreasePct: 10 },
      ],
    });
    await evaluateVerdict({ criteria, deploy, now: windowEnd, pointsFor });
    expect(calls).toHaveLength(2);
  });

  it("returns null without criteria", async () => {
    const { pointsFor } = source({});
    expect(await evaluateVerdict({ criteria: null, deploy, now: windowEnd, pointsFor })).toBeNull();
    expect(await evaluateVerdict({ criteria: undefined, deploy, now: windowEnd, pointsFor })).toBeNull();
  });
});

describe("combineEvidence", () => {
  const base = { metric: "m", agg: "max" as const, rule: "", before: null, after: null, changePct: null, samples: { before: 0, after: 0 }, leaning: null, critical: false, group: "default", needed: 1 };
  const score = { value: null, pass: 95, marginal: 75, band: null, decides: false, groups: [] };
  const f = { ...base, passed: false, outcome: "fail" as const, severity: "failed" as const };
  const d = { ...base, passed: false, outcome: "fail" as const, severity: "degraded" as const };
  const n = { ...base, passed: null, outcome: "no_data" as const, severity: "failed" as const };
  const i = { ...base, passed: null, outcome: "inconclusive" as const, severity: "failed" as const };
  const h = { ...base, passed: true, outcome: "pass" as const, severity: "failed" as const };
  it("ranks failed over degraded over no_data over inconclusive over healthy", () => {
    expect(combineEvidence([h, n, i, d, f], true, score)).toBe("failed");
    expect(combineEvidence([h, n, i, d], true, score)).toBe("degraded");
    expect(combineEvidence([h, i, n], true, score)).toBe("no_data");
    expect(combineEvidence([h, i], true, score)).toBe("inconclusive");
    expect(combineEvidence([h], true, score)).toBe("healthy");
  });
  it("is pending before the end unless a failed-severity or critical rule has failed", () => {
    const open = { ...h, passed: null, outcome: "pending" as const };
    expect(combineEvidence([open, d], false, score)).toBe("pending");
    expect(combineEvidence([open, f], false, score)).toBe("failed");
    expect(combineEvidence([open, { ...d, critical: true }], false, { ...score, decides: true })).toBe("failed");
  });
});
