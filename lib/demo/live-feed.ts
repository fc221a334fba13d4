import "server-only";
import { ingestStats } from "@/lib/ingest/stats";
import type { Job } from "@/lib/server/jobs";
import { DEMO_METRICS } from "./simulation";
import { writeDemoOtlp } from "./otel-feed";
import { DEMO_OTLP_KEY, loadDemoPlan, writeDemoMetrics, writeDemoSamples } from "./seed";

const SAMPLE_STEP_MS = 5_000;

/**
 * Keeps the demo alive: every 10 s writes the simulated metrics (and mirrored-request samples)
 * from where the database left off up to now, so after a restart the gap is filled too.
 */
export const liveFeedJob: Job = {
  name: "demo-live-feed",
  everyMs: 10_000,
  run: async (store) => {
    const plan = await loadDemoPlan(store);
    if (!plan) return;
    const now = Date.now();
    const metric = await store.getMetric(DEMO_METRICS[0].name);
    const since = Math.max(metric ? metric.lastTs + 1 : plan.anchor, now - 14 * 86_400_000);
    await writeDemoMetrics(store, plan, since, now);
    const lastSample = await store.getSetting<number>("demo:last-sample");
    await writeDemoSamples(store, plan, Math.max(lastSample ?? now - SAMPLE_STEP_MS, now - 86_400_000), now, SAMPLE_STEP_MS);
    await store.setSetting("demo:last-sample", now);
    const lastOtlp = await store.getSetting<number>(DEMO_OTLP_KEY);
    const otlp = await writeDemoOtlp(store, plan, Math.max(lastOtlp ?? now - 60_000, now - 86_400_000), now);
    await store.setSetting(DEMO_OTLP_KEY, now);
    // Counted as OTLP ingest, which the exports stand for: the ingest page shows the demo's SDK feed arriving.
    if (otlp.points > 0) {
      ingestStats().accepted("otlp", otlp.points);
      ingestStats().batchWritten("otlp", otlp.points);
    }
  },
};
