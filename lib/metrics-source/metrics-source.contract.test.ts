import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeploymentView } from "@/lib/deploys/present";
import type { SeriesResult } from "@/lib/series/read-series";
import { appIsBuilt } from "@/lib/testing/built-app";
import { expositionText, peerRuns, PROMETHEUS_BIN, startPrometheus, startVictoriaMetrics, VICTORIA_METRICS_BIN, type MetricsBackend } from "@/lib/testing/metrics-backends";
import { authFixture } from "@/lib/testing/metrics-fixture";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { waitFor } from "@/lib/testing/wait-for";

const MIN = 60_000;

/**
 * One contract for every metrics source: the same metrics written into each (deploylines' own
 * store, Prometheus, VictoriaMetrics), the same reads through a started app.
 */
const SOURCES = [
  { name: "embedded SQLite", runs: true, start: async (): Promise<MetricsBackend | null> => null },
  { name: "Prometheus", runs: peerRuns(PROMETHEUS_BIN), start: startPrometheus },
  { name: "VictoriaMetrics", runs: peerRuns(VICTORIA_METRICS_BIN), start: startVictoriaMetrics },
];

for (const source of SOURCES) {
  describe.skipIf(!appIsBuilt || !source.runs)(`metrics source contract: ${source.name}`, () => {
    let backend: MetricsBackend | null = null;
    let server: TestServer;
    let deploy: DeploymentView;
    const now = Date.now();
    const deployAt = now - 40 * MIN;

    const series = async (metric: string, range = { from: now - 90 * MIN, to: now }) => {
      const res = await server.api(`/api/v1/series?${new URLSearchParams({ metric, from: String(range.from), to: String(range.to), maxPoints: "90" })}`);
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { series: SeriesResult[] }).series;
    };
    const mean = (s: SeriesResult) => s.points.reduce((sum, [, v]) => sum + v, 0) / s.points.length;

    beforeAll(async () => {
      backend = await source.start();
      const fixture = authFixture(now - 3 * 60 * MIN, now, deployAt);
      if (backend) await backend.write(fixture);
      server = await startTestServer(backend ? { DEPLOYLINES_METRICS_URL: backend.url } : {});
      if (!backend) {
        const res = await server.api("/api/v1/import/prometheus", { method: "POST", body: expositionText(fixture), headers: { "content-type": "text/plain" } });
        expect(res.status, await res.clone().text()).toBe(202);
      }
      const put = await server.api("/api/v1/services/auth/criteria", {
        method: "PUT",
        json: { windowMinutes: 15, baselineMinutes: 30, rules: [{ metric: 'auth_latency_ms{service="auth"}', agg: "p95", maxIncreasePct: 20 }, { metric: 'http_requests_total{service="auth"}', agg: "avg", above: 1 }] },
      });
      expect(put.status, await put.clone().text()).toBe(200);
      const res = await server.api("/api/v1/deployments", { method: "POST", json: { service: "auth", environment: "prod", version: "2.0.0", startedAt: deployAt - 2 * MIN, finishedAt: deployAt } });
      expect(res.status).toBe(201);
      deploy = ((await res.json()) as { deployment: DeploymentView }).deployment;
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await backend?.stop();
    });

    it("reads a counter as per-second rates, one line per label set, and narrows by selector", async () => {
      const rates = await series('http_requests_total{service="auth"}');
      expect(rates.map((s) => [s.labels.route, s.shown])).toEqual([
        ["/login", "rate"],
        ["/token", "rate"],
      ]);
      expect(mean(rates[0])).toBeCloseTo(10, 0);
      expect(mean(rates[1])).toBeCloseTo(5, 0);
      const narrowed = await series('http_requests_total{route=~"/log.*"}');
      expect(narrowed.map((s) => s.labels.route)).toEqual(["/login"]);
    });

    it("reads a histogram's buckets as p50, p95 and p99", async () => {
      const quantiles = await series('http_request_duration_seconds_bucket{service="auth"}');
      expect(quantiles.map((s) => [s.metric, s.labels.quantile, s.shown])).toEqual([
        ["http_request_duration_seconds", "0.5", "quantile"],
        ["http_request_duration_seconds", "0.95", "quantile"],
        ["http_request_duration_seconds", "0.99", "quantile"],
      ]);
      const p95 = mean(quantiles[1]);
      expect(p95).toBeGreaterThan(0.25);
      expect(p95).toBeLessThanOrEqual(0.5);
    });

    it("reads a gauge as stored, with its labels", async () => {
      const [latency] = await series("auth_latency_ms", { from: now - 30 * MIN, to: now });
      expect(latency).toMatchObject({ metric: "auth_latency_ms", labels: { service: "auth" }, shown: "values" });
      expect(latency.points.every(([, v]) => v === 200)).toBe(true);
    });

    it("draws the service page with its charts and the deploy's line", async () => {
      const res = await fetch(`${server.url}/services/auth?from=-3h`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`data-deploy-id="${deploy.id}"`);
      for (const chart of ["http_requests_total", "http_request_duration_seconds_bucket", "auth_latency_ms"]) expect(html).toContain(chart);
    });

    it("judges the deploy on the source's metrics: the latency doubled, so it failed", async () => {
      const judged = await waitFor(`a verdict on deployment ${deploy.id}`, async () => {
        const res = await server.api(`/api/v1/deployments/${deploy.id}`);
        const { deployment } = (await res.json()) as { deployment: DeploymentView };
        return deployment.verdict.status === "pending" ? undefined : deployment;
      }, 60_000);
      expect(judged.verdict.status, JSON.stringify(judged.verdict)).toBe("failed");
      expect((judged.verdict.evidence as { metric: string; passed: boolean }[]).map((e) => [e.metric, e.passed])).toEqual([
        ['auth_latency_ms{service="auth"}', false],
        ['http_requests_total{service="auth"}', true],
      ]);
    }, 70_000);

    it("answers a Nagios check from the source", async () => {
      const res = await fetch(`${server.url}/api/v1/check?metric=auth_queue_depth&agg=avg&window=5m&warning=5&critical=10`);
      const text = await res.text();
      expect(text).toMatch(/^DEPLOYLINES WARNING - /);
      expect(text).toContain("'auth_queue_depth'=7");
      if (backend) {
        // Scraped series all carry labels: on a remote source a bare name with one series stands for it.
        const gauge = await (await fetch(`${server.url}/api/v1/check?metric=auth_latency_ms&agg=max&window=5m&warning=150&critical=180`)).text();
        expect(gauge).toMatch(/^DEPLOYLINES CRITICAL - /);
      }
    });

    it("shows the service on the standup screen with the deploy", async () => {
      const res = await server.api("/api/v1/standup/auth");
      expect(res.status).toBe(200);
      const board = (await res.json()) as { deploys: { id: number }[]; charts: { metric: string; points: unknown[] }[] };
      expect(board.deploys.map((d) => d.id)).toContain(deploy.id);
      expect((await fetch(`${server.url}/standup`)).status).toBe(200);
    });
  });
}
