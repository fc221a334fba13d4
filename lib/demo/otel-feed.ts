import "server-only";
import { recordRunningVersions } from "@/lib/deploys/running-version/record";
import { decodeOtlpMetrics } from "@/lib/ingest/otlp/decode";
import type { IngestSeries, RunningVersion } from "@/lib/ingest/schema";
import type { Store } from "@/lib/store/types";
import { OTEL_INSTANCES, OTEL_STEP_MS, otlpExport } from "./otel-simulation";
import type { DemoPlan } from "./simulation";

/** Exports stored per transaction while catching up: one OTLP request per instance and minute, ten minutes at a time. */
const MINUTES_PER_WRITE = 10;

/**
 * Sends the demo's OpenTelemetry exports for every minute in [from, to) through the OTLP decoder
 * (the path `POST /v1/metrics` takes), then records the versions they report — so the demo's
 * labelled series, and its one detected deploy, arrive as a real SDK's would. Returns the points
 * stored and the deploys detected.
 */
export async function writeDemoOtlp(store: Store, plan: DemoPlan, from: number, to: number): Promise<{ points: number; detected: number }> {
  let total = 0;
  let detected = 0;
  const encoder = new TextEncoder();
  const first = Math.ceil(from / OTEL_STEP_MS) * OTEL_STEP_MS;
  for (let start = first; start < to; start += MINUTES_PER_WRITE * OTEL_STEP_MS) {
    const series: IngestSeries[] = [];
    const versions: RunningVersion[] = [];
    for (let ts = start; ts < Math.min(to, start + MINUTES_PER_WRITE * OTEL_STEP_MS); ts += OTEL_STEP_MS) {
      for (const instance of OTEL_INSTANCES) {
        const { batch } = decodeOtlpMetrics(encoder.encode(JSON.stringify(otlpExport(plan, instance, ts))), "json");
        series.push(...batch.series);
        versions.push(...(batch.versions ?? []));
      }
    }
    if (series.length === 0) continue;
    total += (await store.ingest({ series })).points;
    // Each change at the minute it happened (not at the end of the write), and the latest report.
    const reported = versions.filter((v, i) => i === versions.length - 1 || v.version !== versions[i - OTEL_INSTANCES.length]?.version);
    for (const version of reported) detected += (await recordRunningVersions(store, [version], version.ts, { via: "OTLP (resource service.version)" })).detected.length;
  }
  return { points: total, detected };
}
