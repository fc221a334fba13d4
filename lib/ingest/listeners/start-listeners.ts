import "server-only";
import type { ServerEnv } from "@/lib/config/env";
import type { Store } from "@/lib/store/types";
import { startGraphiteListener } from "./graphite-tcp";
import type { Listener } from "./listen";
import { startStatsdListener } from "./statsd-udp";

const STARTED = Symbol.for("deploylines.listeners");

/**
 * Starts the Graphite (TCP) and StatsD (UDP) listeners the environment asks for, once per
 * process: Next.js may run start-up code once per bundle, and a port binds only once.
 */
export async function startListeners(env: ServerEnv, store: Store): Promise<Listener[]> {
  const holder = globalThis as { [STARTED]?: Promise<Listener[]> };
  holder[STARTED] ??= (async () => {
    const ingest = (batch: Parameters<Store["ingest"]>[0]) => store.ingest(batch);
    const listeners: Listener[] = [];
    if (env.DEPLOYLINES_GRAPHITE_PORT !== null) {
      listeners.push(await startGraphiteListener({ port: env.DEPLOYLINES_GRAPHITE_PORT, ingest }));
      console.log(`[deploylines] Graphite plaintext on tcp/${env.DEPLOYLINES_GRAPHITE_PORT}`);
    }
    if (env.DEPLOYLINES_STATSD_PORT !== null) {
      listeners.push(await startStatsdListener({ port: env.DEPLOYLINES_STATSD_PORT, flushMs: env.DEPLOYLINES_STATSD_FLUSH, ingest }));
      console.log(`[deploylines] StatsD on udp/${env.DEPLOYLINES_STATSD_PORT}, flushed every ${env.DEPLOYLINES_STATSD_FLUSH} ms`);
    }
    return listeners;
  })();
  return holder[STARTED];
}
