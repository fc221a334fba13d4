import "server-only";
import { readEnv, type ServerEnv } from "@/lib/config/env";
import { getStore } from "@/lib/store";
import { embeddedSource } from "./embedded";
import { prometheusSource } from "./prometheus/source";
import type { MetricsSource } from "./types";

const SOURCE = Symbol.for("deploylines.metricsSource");
type Holder = { [SOURCE]?: Promise<MetricsSource> };

/**
 * The process-wide metrics source, picked once from the environment: a Prometheus-compatible
 * query API when `DEPLOYLINES_METRICS_URL` is set, else the embedded store. Kept on globalThis
 * like the store, so every Next.js bundle shares one (and its caches).
 */
export function getMetricsSource(): Promise<MetricsSource> {
  const holder = globalThis as Holder;
  holder[SOURCE] ??= openMetricsSource(readEnv());
  return holder[SOURCE];
}

/** The metrics source an environment names. */
export async function openMetricsSource(env: ServerEnv): Promise<MetricsSource> {
  if (env.DEPLOYLINES_METRICS_URL === null) return embeddedSource(await getStore());
  return prometheusSource({
    url: env.DEPLOYLINES_METRICS_URL,
    bearer: env.DEPLOYLINES_METRICS_BEARER || undefined,
    basicAuth: env.DEPLOYLINES_METRICS_BASIC_AUTH || undefined,
    timeoutMs: env.DEPLOYLINES_METRICS_TIMEOUT,
    maxBytes: env.DEPLOYLINES_METRICS_MAX_BYTES,
    serviceLabel: env.DEPLOYLINES_METRICS_SERVICE_LABEL,
  });
}

/** The remote backend's URL when metrics are read from one (embedded ingest is off then), else null. */
export function remoteMetricsUrl(env: ServerEnv = readEnv()): string | null {
  return env.DEPLOYLINES_METRICS_URL;
}
