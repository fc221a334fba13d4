import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSeries } from "@/lib/series/read-series";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { writeDemoOtlp } from "./otel-feed";
import { demoHotfix, liveVersion, OTEL_INSTANCES, OTEL_STEP_MS, otlpExport } from "./otel-simulation";
import { demoPlan } from "./simulation";

const HOUR = 3_600_000;
const plan = demoPlan(Date.UTC(2026, 0, 5));
const hotfix = demoHotfix(plan);

describe("the demo's OpenTelemetry feed", () => {
  let handle: ThrowawayStore;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
    await writeDemoOtlp(handle.store, plan, hotfix.from - HOUR, hotfix.to + HOUR);
  });
  afterAll(async () => handle?.dispose());

  it("stores labelled series as an SDK's exports would make them", async () => {
    const rows = await handle.store.listServiceSeries("auth");
    const names = [...new Set(rows.map((m) => m.name))];
    expect(names).toEqual(expect.arrayContaining(["http.server.requests", "http.server.request.duration_bucket", "http.server.request.duration_count"]));
    expect(rows.filter((m) => m.name === "http.server.requests")).toHaveLength(2 * 3 * 3);
    const rate = await readSeries(handle.store, { metric: 'http.server.requests{route="/oauth/token"}'.replace("route", "http_route"), from: hotfix.from, to: hotfix.to, maxPoints: 100, by: "http_route" });
    expect(rate.series).toHaveLength(1);
    // Two instances × 70 req/s × 55% on the route, through the daily cycle (0.4–1.6×).
    expect(rate.series[0].points.map(([, v]) => Math.round(v)).filter((v) => v < 0.4 * 77 || v > 1.6 * 77)).toEqual([]);
  });

  it("reports the running version, and the unrecorded hotfix becomes a detected deploy", async () => {
    expect(liveVersion(plan, hotfix.from)).toBe(hotfix.version);
    const deploys = await handle.store.listDeployments({ service: "auth" });
    expect(deploys.map((d) => [d.version, d.source, d.environment])).toEqual(
      expect.arrayContaining([[hotfix.version, "detected", "prod"]]),
    );
  });
});

describe("the demo's request counters", () => {
  it("only grow, per route and status, through the bad deploy and its rollback: a drop would read as a restart and a spike of every request since", () => {
    const from = plan.badRelease.prod!.startedAt - HOUR;
    const to = plan.rollback.finishedAt + HOUR;
    const last = new Map<string, number>();
    let fivexxDuringBad = 0;
    for (let ts = from; ts <= to; ts += OTEL_STEP_MS) {
      const [resource] = otlpExport(plan, OTEL_INSTANCES[0], ts).resourceMetrics;
      const requests = resource.scopeMetrics[0].metrics.find((m) => m.name === "http.server.requests")!;
      for (const point of requests.sum!.dataPoints) {
        const key = point.attributes.map((a) => a.value.stringValue).join(" ");
        expect(point.asDouble, `${key} at ${ts}`).toBeGreaterThanOrEqual(last.get(key) ?? 0);
        if (key === "/oauth/token 5xx" && ts > plan.badRelease.prod!.startedAt + 10 * 60_000 && ts < plan.rollback.startedAt) fivexxDuringBad = point.asDouble - (last.get(key) ?? 0);
        last.set(key, point.asDouble);
      }
    }
    // The bad deploy still shows: ~9 % of the route's ~38 requests a second are errors.
    expect(fivexxDuringBad / 60).toBeGreaterThan(1);
  });
});
