import "server-only";
import type { ServerEnv } from "@/lib/config/env";
import type { Store } from "@/lib/store/types";
import type { IngestBatch } from "@/lib/ingest/schema";
import { startGraphiteListener } from "./graphite-tcp";
import type { Listener } from "./listen";
import { startPickleListener } from "./pickle-tcp";
import { startStatsdListener } from "./statsd-udp";
import { ingestWithinLimit } from "./ingest-within-limit";

export type ListenerName = "graphite" | "pickle" | "statsd";

const STARTED = Symbol.for("deploylines.listeners");
type Holder = { [STARTED]?: Promise<Map<ListenerName, Listener>> };

/**
 * Starts the Graphite plaintext and pickle (TCP) and StatsD (UDP) listeners the environment
 * asks for, once per process: Next.js may run start-up code once per bundle, and a port binds
 * only once.
 */
export async function startListeners(env: ServerEnv, store: Store): Promise<Map<ListenerName, Listener>> {
  const holder = globalThis as Holder;
  holder[STARTED] ??= (async () => {
    const ingest = (batch: IngestBatch) => ingestWithinLimit(store, batch);
    const tcp = { ingest, maxConnections: env.DEPLOYLINES_GRAPHITE_MAX_CONNECTIONS, idleTimeoutMs: env.DEPLOYLINES_GRAPHITE_IDLE_TIMEOUT };
    const listeners = new Map<ListenerName, Listener>();
    if (env.DEPLOYLINES_GRAPHITE_PORT !== null) {
      listeners.set("graphite", await startGraphiteListener({ ...tcp, port: env.DEPLOYLINES_GRAPHITE_PORT }));
      console.log(`[deploylines] Graphite plaintext on tcp/${env.DEPLOYLINES_GRAPHITE_PORT}`);
    }
    if (env.DEPLOYLINES_PICKLE_PORT !== null) {
      listeners.set("pickle", await startPickleListener({ ...tcp, port: env.DEPLOYLINES_PICKLE_PORT }));
      console.log(`[deploylines] Graphite pickle on tcp/${env.DEPLOYLINES_PICKLE_PORT}`);
    }
    if (env.DEPLOYLINES_STATSD_PORT !== null) {
      const statsd = await startStatsdListener({
        port: env.DEPLOYLINES_STATSD_PORT,
        flushMs: env.DEPLOYLINES_STATSD_FLUSH,
        percentiles: env.DEPLOYLINES_STATSD_PERCENTILES,
        maxNames: env.DEPLOYLINES_STATSD_MAX_NAMES,
        namespace: env.DEPLOYLINES_STATSD_LEGACY_NAMESPACE ? "legacy" : "plain",
        recvBufferBytes: env.DEPLOYLINES_STATSD_RECV_BUFFER,
        ingest,
      });
      listeners.set("statsd", statsd);
      console.log(`[deploylines] StatsD on udp/${env.DEPLOYLINES_STATSD_PORT}, flushed every ${env.DEPLOYLINES_STATSD_FLUSH} ms`);
    }
    return listeners;
  })();
  return holder[STARTED];
}

/** Each running listener's counters for the ingest status; empty before start-up finished. */
export async function listenerCounters(): Promise<Partial<Record<ListenerName, ReturnType<Listener["status"]>>>> {
  const started = (globalThis as Holder)[STARTED];
  if (!started) return {};
  const listeners = await started;
  return Object.fromEntries([...listeners].map(([name, listener]) => [name, listener.status()]));
}

/** Closes every listener: each reads what senders already sent, stops, and writes what it gathered. */
export async function closeListeners(): Promise<void> {
  const started = (globalThis as Holder)[STARTED];
  if (!started) return;
  const listeners = await started;
  await Promise.all([...listeners.values()].map((listener) => listener.close()));
}
