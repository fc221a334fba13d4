import { describe, expect, it } from "vitest";
import type { Point } from "@/lib/store/types";
import { analyzeImpact, changeOf, metricImpact } from "./analyze";
import { isSuspect } from "./suspect";

const MIN = 60_000;
const DAY = 86_400_000;
const startedAt = Date.UTC(2024, 4, 3, 6, 0);
const finishedAt = startedAt + 5 * MIN;
const deploy = { startedAt, finishedAt };

/** Mulberry32: a small seeded generator so that "random" noise is the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(seed: number) {
  const next = random(seed);
  return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** One point a minute over the two days before the deploy to an hour after it. */
function series(valueAt: (ts: number) => number): Point[] {
  const points: Point[] = [];
  for (let ts = startedAt - 2 * DAY; ts < finishedAt + 60 * MIN; ts += MIN) points.push([ts, valueAt(ts)]);
  return points;
}

function source(data: Record<string, Point[]>) {
  return async (metric: string, from: number, to: number) => (data[metric] ?? []).filter(([ts]) => ts >= from && ts <= to);
}

const afterDeploy = (ts: number) => ts >= finishedAt;
// A daily cycle at its steepest around the deploy: 200 ± 100, rising.
const daily = (ts: number) => 200 + 100 * Math.sin((2 * Math.PI * (ts - startedAt)) / DAY);

describe("analyzeImpact", () => {
  it("compares equal windows before the start, after the finish, and a day earlier", async () => {
    const impact = await analyzeImpact({ metrics: [], deploy, pointsFor: source({}), windowMinutes: 20 });
    expect(impact.before).toEqual({ from: startedAt - 20 * MIN, to: startedAt });
    expect(impact.after).toEqual({ from: finishedAt, to: finishedAt + 20 * MIN });
    expect(impact.dayBefore).toEqual({ from: finishedAt - DAY, to: finishedAt + 20 * MIN - DAY });
  });

  it("flags a clear step up in latency as a significant regression", async () => {
    const noise = gaussian(1);
    const data = { "auth.api.latency.p95": series((ts) => (afterDeploy(ts) ? 130 : 100) + 5 * noise()) };
    const impact = await analyzeImpact({ metrics: ["auth.api.latency.p95"], deploy, pointsFor: source(data) });
    const [latency] = impact.movers;
    expect(latency).toMatchObject({ direction: "up", significant: true, regression: true, polarity: "higher_is_worse" });
    expect(latency.changePct).toBeGreaterThan(20);
    expect(latency.pValue).toBeLessThan(1e-6);
    expect(latency.dayBefore?.pValue).toBeLessThan(1e-6);
    expect(isSuspect(impact)).toBe(true);
  });

  it("does not flag pure noise", async () => {
    const metrics = Array.from({ length: 20 }, (_, i) => `auth.api.latency.m${i}`);
    const data = Object.fromEntries(metrics.map((m, i) => [m, series(((noise) => () => 100 + 5 * noise())(gaussian(100 + i)))]));
    const impact = await analyzeImpact({ metrics, deploy, pointsFor: source(data) });
    expect(impact.movers.filter((m) => m.significant)).toEqual([]);
    expect(isSuspect(impact)).toBe(false);
  });

  it("does not flag a daily pattern when the same window a day earlier moved alike", async () => {
    const noise = gaussian(2);
    const data = { "auth.api.requests.rate": series((ts) => daily(ts) + 2 * noise()) };
    const impact = await analyzeImpact({ metrics: ["auth.api.requests.rate"], deploy, pointsFor: source(data) });
    const [requests] = impact.movers;
    // Before vs after alone sees the ramp …
    expect(requests.pValue).toBeLessThan(0.01);
    expect(Math.abs(requests.changePct ?? 0)).toBeGreaterThan(5);
    // … but yesterday at this hour looked the same, so it is not the deploy.
    expect(requests.dayBefore?.pValue).toBeGreaterThan(0.01);
    expect(requests).toMatchObject({ significant: false, regression: false });
  });

  it("without a day to compare with, does not flag a ramp already under way before the deploy", () => {
    const noise = gaussian(2);
    const at = (from: number) => Array.from({ length: 30 }, (_, i) => daily(from + i * MIN) + 2 * noise());
    const impact = metricImpact("auth.api.requests.rate", at(startedAt - 30 * MIN), at(finishedAt), []);
    expect(impact.pValue).toBeLessThan(0.01);
    expect(impact).toMatchObject({ significant: false, direction: "up", dayBefore: null });
  });

  it("without a day to compare with, still flags a step from a steady level", () => {
    const noise = gaussian(5);
    const at = (level: number) => Array.from({ length: 30 }, () => level + 3 * noise());
    const impact = metricImpact("auth.api.latency.p95", at(100), at(160), []);
    expect(impact).toMatchObject({ significant: true, regression: true, direction: "up", dayBefore: null });
  });

  it("still flags a drop in throughput on top of the daily pattern", async () => {
    const noise = gaussian(3);
    const data = { "auth.api.requests.rate": series((ts) => daily(ts) * (afterDeploy(ts) ? 0.6 : 1) + 2 * noise()) };
    const impact = await analyzeImpact({ metrics: ["auth.api.requests.rate"], deploy, pointsFor: source(data) });
    expect(impact.movers[0]).toMatchObject({ direction: "down", significant: true, regression: true, polarity: "lower_is_worse" });
  });

  it("reports an improvement as significant but not a regression", async () => {
    const noise = gaussian(4);
    const data = { "auth.api.latency.p95": series((ts) => (afterDeploy(ts) ? 70 : 100) + 3 * noise()) };
    const impact = await analyzeImpact({ metrics: ["auth.api.latency.p95"], deploy, pointsFor: source(data) });
    expect(impact.movers[0]).toMatchObject({ direction: "down", significant: true, regression: false });
    expect(isSuspect(impact)).toBe(false);
  });

  it("flags errors appearing where there were none", async () => {
    const next = random(5);
    const data = { "auth.api.errors": series((ts) => (afterDeploy(ts) && next() < 0.4 ? 1 + Math.floor(next() * 5) : 0)) };
    const impact = await analyzeImpact({ metrics: ["auth.api.errors"], deploy, pointsFor: source(data) });
    expect(impact.movers[0]).toMatchObject({ medianBefore: 0, changePct: null, significant: true, regression: true });
  });

  it("does not test a metric with too few points, and says why", async () => {
    const data = { "auth.api.latency.p95": [[finishedAt + MIN, 500]] as Point[] };
    const impact = await analyzeImpact({ metrics: ["auth.api.latency.p95"], deploy, pointsFor: source(data) });
    expect(impact.movers[0]).toMatchObject({ significant: false, pValue: null, reason: "0 points before the deploy, need 5" });
  });

  it("sorts regressions first, then other significant changes, then by effect", async () => {
    const noise = gaussian(6);
    const step = (before: number, after: number) => series((ts) => (afterDeploy(ts) ? after : before) + noise());
    const data = {
      "auth.users.active": step(100, 100),
      "auth.api.latency.p95": step(100, 103),
      "auth.tokens.issued": step(100, 200),
      "auth.api.errors.rate": step(10, 20),
    };
    const impact = await analyzeImpact({ metrics: Object.keys(data), deploy, pointsFor: source(data) });
    expect(impact.movers.map((m) => m.metric)).toEqual(["auth.api.errors.rate", "auth.tokens.issued", "auth.api.latency.p95", "auth.users.active"]);
    expect(impact.movers.map((m) => m.significant)).toEqual([true, true, false, false]);
  });
});

describe("changeOf", () => {
  it("uses medians, falling back to means when the medians agree", () => {
    expect(changeOf([10, 10, 10], [12, 12, 30])).toBe(20);
    expect(changeOf([0, 0, 0, 4], [0, 0, 0, 8])).toBe(100);
    expect(changeOf([0, 0], [0, 3])).toBeNull();
    expect(changeOf([0, 0], [0, 0])).toBe(0);
  });
});
