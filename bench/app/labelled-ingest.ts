import { ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { compress } from "snappyjs";
import { writeRequest } from "@/lib/ingest/prometheus/write-request";
import type { TestServer } from "@/lib/testing/server";
import { jsonBatches, postBatches } from "./http-ingest";

export interface LabelledIngestFigures {
  /** The same points as plain names and as 10 label sets of 20 names each, in one run. */
  unlabelledPointsPerSec: number;
  labelledPointsPerSec: number;
  points: number;
  /** OTLP protobuf exports of `otlpPoints` data points each (as an OTel SDK sends one collection). */
  otlpRequestsPerSec: number;
  otlpPoints: number;
  /** remote_write requests of `remoteWriteSamples` samples each (Prometheus' max_samples_per_send). */
  remoteWriteRequestsPerSec: number;
  remoteWriteSamples: number;
}

/** JSON bodies of the same shape as `jsonBatches`, every series split into ten label sets. */
function labelledBatches(total: number): string[] {
  return jsonBatches({ prefix: "bench.lab.m", metrics: 200, total, start: Date.now() - 6 * 86_400_000, stepMs: 10_000 }).map((body) => {
    const { series } = JSON.parse(body) as { series: { metric: string; points: unknown[] }[] };
    return JSON.stringify({
      series: series.map((s) => {
        const n = Number(s.metric.slice("bench.lab.m".length));
        return { metric: `bench.lab.m${n % 20}`, labels: { route: `/r${Math.floor(n / 20)}`, status: "200" }, points: s.points };
      }),
    });
  });
}

class CollectingReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

/** One OTLP protobuf export from the real SDK: 20 counters × 10 routes and a histogram per route. */
async function otlpBody(): Promise<{ body: Uint8Array; points: number }> {
  const reader = new CollectingReader();
  const provider = new MeterProvider({ resource: resourceFromAttributes({ "service.name": "bench", "service.version": "1.0.0" }), readers: [reader] });
  const meter = provider.getMeter("bench");
  for (let c = 0; c < 20; c++) {
    const counter = meter.createCounter(`bench.otlp.counter${c}`);
    for (let r = 0; r < 10; r++) counter.add(r + 1, { "http.route": `/r${r}` });
  }
  const histogram = meter.createHistogram("bench.otlp.duration");
  for (let r = 0; r < 10; r++) for (let i = 0; i < 50; i++) histogram.record(i * 3, { "http.route": `/r${r}` });
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  const points = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).reduce((n, m) => n + m.dataPoints.length, 0);
  return { body: ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!, points };
}

/** A remote_write body of `samples` samples over 200 series, one timestamp each, at `ts`. */
function remoteWriteBody(samples: number, ts: number): Uint8Array {
  const perSeries = Math.ceil(samples / 200);
  const message = writeRequest.fromObject({
    timeseries: Array.from({ length: 200 }, (_, i) => ({
      labels: [{ name: "__name__", value: `bench_rw_requests_total` }, { name: "instance", value: `host-${i}` }],
      samples: Array.from({ length: perSeries }, (_, s) => ({ timestamp: ts + s * 15_000, value: s * 10 + i })),
    })),
  });
  return compress(writeRequest.encode(message).finish());
}

/** Sends `count` requests built by `body(i)`, two in flight; answers requests per second. */
async function requestsPerSec(count: number, send: (i: number) => Promise<Response>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const res = await send(next++);
      if (res.status >= 300) throw new Error(`answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all([worker(), worker()]);
  return count / ((performance.now() - started) / 1000);
}

/** Issue 12's ingest figures: plain against labelled JSON points/s, OTLP and remote_write requests/s. */
export async function measureLabelledIngest(server: TestServer, quick: boolean): Promise<LabelledIngestFigures> {
  const points = quick ? 200_000 : 1_000_000;
  const plain = jsonBatches({ prefix: "bench.plain.m", metrics: 200, total: points, start: Date.now() - 6 * 86_400_000, stepMs: 10_000 });
  const labelled = labelledBatches(points);
  const timed = async (bodies: string[]) => {
    const started = performance.now();
    const stored = await postBatches(server, bodies);
    if (stored !== points) throw new Error(`stored ${stored} of ${points} points`);
    return points / ((performance.now() - started) / 1000);
  };
  const unlabelledPointsPerSec = await timed(plain);
  const labelledPointsPerSec = await timed(labelled);

  const otlp = await otlpBody();
  const requests = quick ? 200 : 1000;
  const otlpRequestsPerSec = await requestsPerSec(requests, () =>
    server.api("/v1/metrics", { method: "POST", body: Buffer.from(otlp.body), headers: { "content-type": "application/x-protobuf" } }),
  );
  const remoteWriteSamples = 2000;
  const start = Date.now() - 5 * 86_400_000;
  const rwBodies = Array.from({ length: requests }, (_, i) => remoteWriteBody(remoteWriteSamples, start + i * 10 * 15_000));
  const remoteWriteRequestsPerSec = await requestsPerSec(requests, (i) =>
    server.api("/api/v1/write", { method: "POST", body: Buffer.from(rwBodies[i]), headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy" } }),
  );
  return { unlabelledPointsPerSec, labelledPointsPerSec, points, otlpRequestsPerSec, otlpPoints: otlp.points, remoteWriteRequestsPerSec, remoteWriteSamples };
}

export function labelledIngestLines(f: LabelledIngestFigures): string {
  const n = (v: number) => Math.round(v).toLocaleString("en");
  return [
    `| labelled ingest (SQLite) | |`,
    `|---|---|`,
    `| JSON, ${n(f.points)} points over 200 plain names | ${n(f.unlabelledPointsPerSec)} points/s |`,
    `| JSON, the same points over 20 names × 10 label sets | ${n(f.labelledPointsPerSec)} points/s (${(f.labelledPointsPerSec / f.unlabelledPointsPerSec).toFixed(2)}×) |`,
    `| OTLP protobuf exports of ${f.otlpPoints} data points (OTel JS SDK) | ${n(f.otlpRequestsPerSec)} requests/s |`,
    `| remote_write requests of ${f.remoteWriteSamples} samples | ${n(f.remoteWriteRequestsPerSec)} requests/s (${n(f.remoteWriteRequestsPerSec * f.remoteWriteSamples)} samples/s) |`,
  ].join("\n");
}
