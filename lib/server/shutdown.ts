import "server-only";

export interface ShutdownSteps {
  /** Stops the listeners and writes what they hold (StatsD's last flush, the Graphite batchers). */
  closeListeners: () => Promise<void>;
  /** Stops the scrape loops: scrapes in flight are cancelled, writes under way finish. */
  stopScraping: () => Promise<void>;
  /** Closes the database, once no request can use it any more. */
  closeStore: () => Promise<void>;
  /** After this long the process exits anyway (DEPLOYLINES_SHUTDOWN_TIMEOUT). */
  timeoutMs: number;
}

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
const INSTALLED = Symbol.for("deploylines.shutdown");

/**
 * Makes SIGTERM and SIGINT shut down without losing what was received: stop scraping and close
 * the listeners (each first reads what is already queued for it, then flushes), then the HTTP
 * server's own handler closes the server and waits for requests in flight, then the store closes
 * and the process exits (143 / 130, as Next.js does).
 *
 * The server (scripts/serve.mjs, or `next start`) installs its handler before this start-up runs
 * and calls process.exit() as soon as the HTTP server is closed, which would cut a flush short. So
 * this takes those handlers off the signals and runs them after the listeners are flushed, and
 * defers their process.exit() until the store is closed. Under `next start` with
 * NEXT_MANUAL_SIG_HANDLE set there is none: the store is closed and the process exits here,
 * without waiting for HTTP requests in flight.
 */
export function installShutdown(steps: ShutdownSteps): void {
  const holder = globalThis as { [INSTALLED]?: true };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  let started = false;
  for (const signal of SIGNALS) {
    const nextHandlers = process.listeners(signal);
    for (const handler of nextHandlers) process.off(signal, handler);
    process.on(signal, () => {
      if (started) return;
      started = true;
      void shutdown(signal, nextHandlers as ((signal: NodeJS.Signals) => void)[], steps);
    });
  }
}

async function shutdown(signal: (typeof SIGNALS)[number], nextHandlers: ((signal: NodeJS.Signals) => void)[], steps: ShutdownSteps): Promise<void> {
  const exit = process.exit.bind(process);
  const startedAt = Date.now();
  setTimeout(() => {
    console.error(`[deploylines] ${signal}: shutdown still running after ${steps.timeoutMs} ms, exiting`);
    exit(1);
  }, steps.timeoutMs).unref();
  console.log(`[deploylines] ${signal}: closing listeners and flushing what they hold, stopping scrapes`);
  await Promise.all([
    steps.stopScraping().catch((error) => console.error("[deploylines] stopping the scrapes failed:", error)),
    steps.closeListeners().catch((error) => console.error("[deploylines] flushing the listeners failed:", error)),
  ]);
  const closeStoreAndExit = (code: number) => {
    void steps
      .closeStore()
      .catch((error) => console.error("[deploylines] closing the store failed:", error))
      .finally(() => {
        console.log(`[deploylines] shut down in ${Date.now() - startedAt} ms`);
        exit(code);
      });
  };
  if (nextHandlers.length === 0) return closeStoreAndExit(EXIT_CODES[signal]);
  process.exit = ((code?: number) => closeStoreAndExit(typeof code === "number" ? code : EXIT_CODES[signal])) as typeof process.exit;
  for (const handler of nextHandlers) handler(signal);
}
