// Issue 13's benchmark: the 30-day dashboard read through each metrics source (embedded SQLite,
// Prometheus, VictoriaMetrics) on the same generated series, and what deploylines adds over
// asking the backend directly for the same PromQL.
import { expositionText, peerRuns, PROMETHEUS_BIN, startPrometheus, startVictoriaMetrics, VICTORIA_METRICS_BIN, type FixtureSeries, type MetricsBackend } from "@/lib/testing/metrics-backends";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { step } from "./progress";

const DAY = 86_400_000;
const MAX_POINTS = 800;
/** The dashboard's charts: a counter (two routes), a histogram (five buckets), a gauge. */
const CHARTS = ['http_requests_total{service="bench"}', 'http_request_duration_seconds_bucket{service="bench"}', 'bench_latency_ms{service="bench"}'];
/** Lines per import request: well under the ingest body limit. */
const LINES_PER_IMPORT = 50_000;

export interface SourceFigures {
  source: string;
  samples: number;
  /** Median ms of the three charts' `GET /api/v1/series` over 30 days (read in parallel, as the page does). */
  dashboardMs: number;
  /** Median ms of `GET /services/bench?from=-30d` (the server-rendered page, first charts drawn). */
  pageMs: number;
  /** Median ms of the same PromQL sent to the backend directly; null for the embedded store. */
  directMs: number | null;
}

/** 30 days of the bench service at one sample per `stepMs`. */
function thirtyDays(now: number, stepMs: number): FixtureSeries[] {
  const times: number[] = [];
  for (let ts = now - 30 * DAY + stepMs; ts <= now; ts += stepMs) times.push(ts);
  const labels = { service: "bench" };
  const perStep = stepMs / 1000;
  return [
    ...["/login", "/token"].map((route, r): FixtureSeries => ({ name: "http_requests_total", labels: { ...labels, route }, type: "counter", points: times.map((ts, i) => [ts, i * perStep * (10 - 5 * r) + (i % 7)]) })),
    ...["0.1", "0.25", "0.5", "1", "+Inf"].map((le, b): FixtureSeries => ({ name: "http_request_duration_seconds_bucket", labels: { ...labels, route: "/login", le }, type: "histogram", points: times.map((ts, i) => [ts, i * [50, 80, 95, 100, 100][b]]) })),
    { name: "bench_latency_ms", labels, type: "gauge", points: times.map((ts, i) => [ts, 100 + 20 * Math.sin(i / 60) + (i % 13)]) },
  ];
}

/** The PromQL the remote source sends for the three charts over [from, to] at 800 points. */
function directQueries(from: number, to: number): string[] {
  const stepS = Math.ceil((to - from) / MAX_POINTS / 1000);
  const rate = (sel: string) => `rate(${sel}[${stepS}s])`;
  return [
    rate('{__name__="http_requests_total",service="bench"}'),
    ...["0.5", "0.95", "0.99"].map((q) => `histogram_quantile(${q}, ${rate('{__name__="http_request_duration_seconds_bucket",service="bench"}')})`),
    '{__name__="bench_latency_ms",service="bench"}',
  ].map((q) => `${q}|${stepS}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(runs: number, once: () => Promise<unknown>): Promise<number> {
  await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  return Number(median(times).toFixed(1));
}

async function ok(res: Response): Promise<void> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  await res.arrayBuffer();
}

/** Each source in turn: write the series, start the app on it, time the dashboard and the direct reads. */
export async function benchSources(quick: boolean): Promise<SourceFigures[]> {
  const now = Date.now();
  const fixture = thirtyDays(now, quick ? 300_000 : 60_000);
  const samples = fixture.reduce((n, s) => n + s.points.length, 0);
  const runs = quick ? 5 : 15;
  const figures: SourceFigures[] = [];
  const sources: { name: string; start: () => Promise<MetricsBackend | null> }[] = [
    { name: "embedded SQLite", start: async () => null },
    ...(peerRuns(PROMETHEUS_BIN) ? [{ name: "Prometheus", start: startPrometheus }] : []),
    ...(peerRuns(VICTORIA_METRICS_BIN) ? [{ name: "VictoriaMetrics", start: startVictoriaMetrics }] : []),
  ];
  for (const source of sources) {
    step("sources", `${source.name}: writing ${samples.toLocaleString("en-US")} samples (30 days, ${fixture.length} series)`);
    const backend = await source.start();
    let server: TestServer | undefined;
    try {
      if (backend) for (const s of fixture) await backend.write([s]);
      server = await startTestServer(backend ? { DEPLOYLINES_METRICS_URL: backend.url } : {});
      if (!backend) {
        const lines = expositionText(fixture).split("\n");
        for (let i = 0; i < lines.length; i += LINES_PER_IMPORT) {
          // Each chunk repeats the TYPE lines it needs: exposition text declares a family before its samples.
          const chunk = [...lines.slice(0, i).filter((l) => l.startsWith("# TYPE")), ...lines.slice(i, i + LINES_PER_IMPORT)].join("\n");
          await ok(await server.api("/api/v1/import/prometheus", { method: "POST", body: `${chunk}\n`, headers: { "content-type": "text/plain" } }));
        }
      }
      const app = server;
      step("sources", `${source.name}: timing the 30-day dashboard, ${runs} runs`);
      const from = now - 30 * DAY;
      const dashboardMs = await timed(runs, () =>
        Promise.all(CHARTS.map(async (metric) => ok(await app.api(`/api/v1/series?${new URLSearchParams({ metric, from: String(from), to: String(now), maxPoints: String(MAX_POINTS) })}`)))),
      );
      const pageMs = await timed(runs, async () => ok(await fetch(`${app.url}/services/bench?from=-30d`)));
      const directMs = backend
        ? await timed(runs, () =>
            Promise.all(
              directQueries(from, now).map(async (entry) => {
                const [query, stepS] = entry.split("|");
                const body = new URLSearchParams({ query, start: String(from / 1000 + Number(stepS)), end: String(now / 1000), step: `${stepS}s` });
                return ok(await fetch(`${backend.url}/api/v1/query_range`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } }));
              }),
            ),
          )
        : null;
      figures.push({ source: source.name, samples, dashboardMs, pageMs, directMs });
    } finally {
      await server?.stop();
      await backend?.stop();
    }
  }
  return figures;
}

/** The section's table for the console and the README. */
export function sourcesTable(figures: SourceFigures[]): string {
  const rows = figures.map((f) => `| ${f.source} | ${f.dashboardMs} ms | ${f.pageMs} ms | ${f.directMs === null ? "—" : `${f.directMs} ms`} | ${f.directMs === null ? "—" : `${(f.dashboardMs - f.directMs).toFixed(1)} ms`} |`);
  return [`| 30-day dashboard (${figures[0]?.samples.toLocaleString("en-US")} samples, 3 charts × ${MAX_POINTS} points) | series API | service page | backend directly | deploylines' overhead |`, "|---|---|---|---|---|", ...rows].join("\n");
}
