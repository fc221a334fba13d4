import type { TestServer } from "@/lib/testing/server";
import type { Progress } from "./progress";

export const HTTP_BATCH_POINTS = 50_000;
/** Requests in flight at once, as two pipeline workers would send: parsing one overlaps writing the other. */
const IN_FLIGHT = 2;

/**
 * JSON bodies of `total` points over `metrics` metrics, 10 s (stepMs) apart and oldest first,
 * each body holding up to `batch` points: a slice of time of every metric, as a collector flushes.
 */
export function jsonBatches(opts: { prefix: string; metrics: number; total: number; start: number; stepMs: number; batch?: number }): string[] {
  const perMetric = Math.ceil(opts.total / opts.metrics);
  const slice = Math.max(1, Math.floor((opts.batch ?? HTTP_BATCH_POINTS) / opts.metrics));
  const bodies: string[] = [];
  for (let offset = 0; offset < perMetric; offset += slice) {
    const series = [];
    for (let m = 0; m < opts.metrics; m++) {
      const end = Math.min(offset + slice, perMetric, opts.total - m * perMetric);
      if (end <= offset) continue;
      const points = Array.from({ length: end - offset }, (_, i): [number, number] => {
        const n = offset + i;
        return [opts.start + n * opts.stepMs, Math.round((50 + 40 * Math.sin(n / 500) + (n % 17)) * 100) / 100];
      });
      series.push({ metric: `${opts.prefix}${String(m).padStart(2, "0")}`, points });
    }
    bodies.push(JSON.stringify({ series }));
  }
  return bodies;
}

/** Sends the bodies with a couple of requests in flight; `send` resolves to the points one body stored, and so does this to their sum. */
export async function sendInFlight<Body>(bodies: Body[], send: (body: Body) => Promise<number>, progress?: Progress): Promise<number> {
  let next = 0;
  let points = 0;
  const worker = async () => {
    while (next < bodies.length) {
      // Awaited before adding: `points += await …` would read `points` before the other worker's update.
      const stored = await send(bodies[next++]);
      points += stored;
      progress?.(points);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return points;
}

/** POSTs the bodies to /api/v1/metrics with a couple of requests in flight; resolves to the points stored. */
export function postBatches(server: TestServer, bodies: string[], progress?: Progress): Promise<number> {
  return sendInFlight(
    bodies,
    async (body) => {
      const res = await server.api("/api/v1/metrics", { method: "POST", headers: { "content-type": "application/json" }, body });
      if (res.status !== 202) throw new Error(`POST /api/v1/metrics answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { points: number }).points;
    },
    progress,
  );
}

/** The HTTP ingest's points: 20 metrics at 10-s steps over the last week, as JSON bodies of 50k points. */
export const httpIngestBodies = (total: number) => jsonBatches({ prefix: "bench.http.m", metrics: 20, total, start: Date.now() - 7 * 86_400_000, stepMs: 10_000 });

/** Points per second of HTTP ingest: `total` points in 50k-point JSON batches, bodies serialised before the clock starts. */
export async function measureHttpIngest(server: TestServer, total: number, progress: Progress): Promise<{ pointsPerSec: number; seconds: number }> {
  const bodies = httpIngestBodies(total);
  const started = performance.now();
  const stored = await postBatches(server, bodies, progress);
  const seconds = (performance.now() - started) / 1000;
  if (stored !== total) throw new Error(`HTTP ingest stored ${stored} of ${total} points`);
  return { pointsPerSec: total / seconds, seconds };
}
