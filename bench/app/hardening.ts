// The hardening section of issue 11: glob worst case over 100k names, oversized bodies in
// parallel (peak RSS), and ingest with and without concurrent heavy series reads.
import { seedMetrics, upload } from "@/lib/testing/adversarial/attack";
import { whileProbingHealth } from "@/lib/testing/responsiveness";
import type { TestServer } from "@/lib/testing/server";
import { jsonBatches } from "./http-ingest";
import { step } from "./progress";
import { processTreeRssMb } from "./server-memory";

const MB = 1024 * 1024;
const GLOB_NAMES = 100_000;
/** 40 wildcards that no run-collapsing removes, ending in a literal nothing has. */
export const WORST_GLOB = `bench.glob.${"?*".repeat(20)}x`;
const OVERSIZED_PARALLEL = 8;
const OVERSIZED_BYTES = 300 * MB;
const READ_METRICS = 50;
const READ_POINTS = 20_000;
const INGEST_WINDOW_MS = 10_000;

export interface HardeningFigures {
  globNames: number;
  glob: string;
  globMetricsMs: { p50: number; max: number };
  globSeriesMs: { p50: number; max: number };
  globHealthMaxMs: number;
  oversized: { parallel: number; bytesEach: number; route: string; statuses: number[]; maxSentMb: number; seconds: number; rssBeforeMb: number; rssPeakMb: number; healthMaxMs: number }[];
  ingestAlonePointsPerSec: number;
  ingestWithReadsPointsPerSec: number;
  readsDuringIngest: number;
  readMsDuringIngest: { p50: number; max: number };
  ingestHealthMaxMs: number;
}

/** Runs the hardening section against a started server (its own: it writes 100k names). */
export async function measureHardening(server: TestServer, label: string): Promise<HardeningFigures> {
  step(label, `seeding ${GLOB_NAMES.toLocaleString("en")} metric names for the glob worst case`);
  const names = Array.from({ length: GLOB_NAMES }, (_, i) => `bench.glob.${"y".repeat(16)}${i}`);
  await seedMetrics(server, names, Date.now() - 60_000);

  step(label, `GET /api/v1/metrics and /api/v1/series with ${WORST_GLOB}, 5 runs each`);
  const timed = async (pathname: string) => {
    const started = performance.now();
    const res = await fetch(`${server.url}${pathname}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}`);
    return performance.now() - started;
  };
  const glob = encodeURIComponent(WORST_GLOB);
  const globRuns = await whileProbingHealth(server.url, async () => {
    const metrics: number[] = [];
    const series: number[] = [];
    for (let i = 0; i < 5; i++) {
      metrics.push(await timed(`/api/v1/metrics?match=${glob}`));
      series.push(await timed(`/api/v1/series?metric=${glob}`));
    }
    return { metrics, series };
  });

  const oversized: HardeningFigures["oversized"] = [];
  for (const route of ["/api/v1/session", "/api/v1/metrics"]) {
    step(label, `${OVERSIZED_PARALLEL} × ${OVERSIZED_BYTES / MB} MB POST ${route} in parallel`);
    const headers = { origin: server.url, authorization: `Bearer ${server.token}`, "content-type": route === "/api/v1/session" ? "application/json" : "text/plain" };
    const rssBeforeMb = processTreeRssMb(server.pid);
    let rssPeakMb = rssBeforeMb;
    const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, processTreeRssMb(server.pid))), 20);
    const started = performance.now();
    const { result, health } = await whileProbingHealth(server.url, () =>
      Promise.all(Array.from({ length: OVERSIZED_PARALLEL }, () => upload(server.url, route, { headers, totalBytes: OVERSIZED_BYTES, fill: "1" }))),
    );
    clearInterval(sampler);
    oversized.push({ parallel: OVERSIZED_PARALLEL, bytesEach: OVERSIZED_BYTES, route, statuses: result.map((r) => r.status), maxSentMb: Math.max(...result.map((r) => r.bytesSent)) / MB, seconds: (performance.now() - started) / 1000, rssBeforeMb, rssPeakMb, healthMaxMs: health.maxMs });
  }

  step(label, `seeding ${READ_METRICS} metrics × ${READ_POINTS.toLocaleString("en")} points for the heavy reads`);
  const start = Date.now() - 2 * 86_400_000;
  for (const body of jsonBatches({ prefix: "bench.read.m", metrics: READ_METRICS, total: READ_METRICS * READ_POINTS, start, stepMs: 8_000, batch: 100_000 })) {
    const res = await server.api("/api/v1/metrics", { method: "POST", headers: { "content-type": "application/json" }, body });
    if (res.status !== 202) throw new Error(`seeding reads answered ${res.status}`);
  }

  step(label, `ingest of 5,000-point batches for ${INGEST_WINDOW_MS / 1000} s alone, then with 2 readers of bench.read.* at maxPoints=100000`);
  // Serialised before the clocks start: building them would stall this process's own health probes.
  const batches = (prefix: string) => jsonBatches({ prefix: `${prefix}.m`, metrics: 5, total: 1_500_000, start: Date.now() - 30 * 86_400_000, stepMs: 1_000, batch: 5_000 });
  const [aloneBodies, withReadsBodies] = [batches("bench.rw.alone"), batches("bench.rw.reads")];
  const alone = await ingestFor(server, INGEST_WINDOW_MS, aloneBodies);
  let reading = true;
  const readMs: number[] = [];
  const reader = async () => {
    while (reading) readMs.push(await timed(`/api/v1/series?metric=bench.read.*&from=-2d&maxPoints=100000`));
  };
  const { result: withReads, health: ingestHealth } = await whileProbingHealth(server.url, async () => {
    const readers = [reader(), reader()];
    const rate = await ingestFor(server, INGEST_WINDOW_MS, withReadsBodies);
    reading = false;
    await Promise.all(readers);
    return rate;
  });

  const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    globNames: GLOB_NAMES,
    glob: WORST_GLOB,
    globMetricsMs: { p50: round(p50(globRuns.result.metrics)), max: round(Math.max(...globRuns.result.metrics)) },
    globSeriesMs: { p50: round(p50(globRuns.result.series)), max: round(Math.max(...globRuns.result.series)) },
    globHealthMaxMs: round(globRuns.health.maxMs),
    oversized: oversized.map((o) => ({ ...o, seconds: round(o.seconds), rssBeforeMb: round(o.rssBeforeMb), rssPeakMb: round(o.rssPeakMb), healthMaxMs: round(o.healthMaxMs) })),
    ingestAlonePointsPerSec: Math.round(alone),
    ingestWithReadsPointsPerSec: Math.round(withReads),
    readsDuringIngest: readMs.length,
    readMsDuringIngest: { p50: round(p50(readMs)), max: round(Math.max(0, ...readMs)) },
    ingestHealthMaxMs: round(ingestHealth.maxMs),
  };
}

/** Points per second stored by back-to-back JSON batches (`bodies`) during `ms`. */
async function ingestFor(server: TestServer, ms: number, bodies: string[]): Promise<number> {
  const started = performance.now();
  let points = 0;
  for (const body of bodies) {
    if (performance.now() - started > ms) break;
    const res = await server.api("/api/v1/metrics", { method: "POST", headers: { "content-type": "application/json" }, body });
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}`);
    points += ((await res.json()) as { points: number }).points;
  }
  return points / ((performance.now() - started) / 1000);
}

/** The section's figures as Markdown table rows. */
export function hardeningRows(f: HardeningFigures): string[] {
  return [
    `| glob \`${f.glob.slice(0, 24)}…\` (40 wildcards) over ${f.globNames.toLocaleString("en")} names: /api/v1/metrics p50 / max | ${f.globMetricsMs.p50} / ${f.globMetricsMs.max} ms |`,
    `| same glob, /api/v1/series p50 / max | ${f.globSeriesMs.p50} / ${f.globSeriesMs.max} ms |`,
    `| health max latency during the glob runs | ${f.globHealthMaxMs} ms |`,
    ...f.oversized.map(
      (o) =>
        `| ${o.parallel} × ${o.bytesEach / MB} MB POST ${o.route} in parallel: answers, most sent before the answer, time, RSS before → peak, health max | ${[...new Set(o.statuses)].join(",")}, ${Math.round(o.maxSentMb)} MB, ${o.seconds} s, ${o.rssBeforeMb} → ${o.rssPeakMb} MB, ${o.healthMaxMs} ms |`,
    ),
    `| ingest alone (5,000-point JSON batches) | ${f.ingestAlonePointsPerSec.toLocaleString("en")} points/s |`,
    `| ingest with 2 concurrent readers of 50 series × maxPoints=100000 | ${f.ingestWithReadsPointsPerSec.toLocaleString("en")} points/s (${f.readsDuringIngest} reads, p50 ${f.readMsDuringIngest.p50} ms, max ${f.readMsDuringIngest.max} ms; health max ${f.ingestHealthMaxMs} ms) |`,
  ];
}
