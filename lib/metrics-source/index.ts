import "server-only";
import { readEnv, type ServerEnv } from "@/lib/config/env";
import { getStore } from "@/lib/store";
import type { Store } from "@/lib/store/types";
import { embeddedSource } from "./embedded";
import { prometheusSource } from "./prometheus/source";
import type { MetricsSource } from "./types";

const REMOTE = Symbol.for("deploylines.remoteMetricsSource");
type Holder = { [REMOTE]?: MetricsSource | null };
const embedded = new WeakMap<Store, MetricsSource>();

/**
 * The metrics source of this process, picked once from the environment: a Prometheus-compatible
 * query API when `DEPLOYLINES_METRICS_URL` is set, else the embedded series of `store`. The remote
 * one is kept on globalThis (every Next.js bundle shares one, and its caches).
 */
export function metricsSourceFor(store: Store): MetricsSource {
  const holder = globalThis as Holder;
  if (holder[REMOTE] === undefined) holder[REMOTE] = remoteSource(readEnv());
  if (holder[REMOTE]) return holder[REMOTE];
  let source = embedded.get(store);
  if (!source) embedded.set(store, (source = embeddedSource(store)));
  return source;
}

/** The process-wide metrics source (over the process-wide store when embedded). */
export async function getMetricsSource(): Promise<MetricsSource> {
  return metricsSourceFor(await getStore());
}

/** The remote source an environment configures, or null for the embedded store. */
export function remoteSource(env: ServerEnv): MetricsSource | null {
  if (env.DEPLOYLINES_METRICS_URL === null) return null;
  return prometheusSource({
    url: env.DEPLOYLINES_METRICS_URL,
    bearer: env.DEPLOYLINES_METRICS_BEARER || undefined,
    basicAuth: env.DEPLOYLINES_METRICS_BASIC_AUTH || undefined,
    timeoutMs: env.DEPLOYLINES_METRICS_TIMEOUT,
    maxBytes: env.DEPLOYLINES_METRICS_MAX_BYTES,
    serviceLabel: env.DEPLOYLINES_METRICS_SERVICE_LABEL,
  });
}
