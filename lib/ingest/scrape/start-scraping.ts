import "server-only";
import type { ServerEnv } from "@/lib/config/env";
import { storeBatch } from "@/lib/ingest/ingest-request";
import type { Store } from "@/lib/store/types";
import { scrapeLease } from "./scrape-lease";
import { ScrapeLoop, scrapeTimeout, type ScrapeStatus } from "./scrape-loop";
import { readTargetsFile, scrapeTargets } from "./targets";

const STARTED = Symbol.for("deploylines.scrape");
type Holder = { [STARTED]?: ScrapeLoop | null };

/**
 * Starts scraping the targets of DEPLOYLINES_SCRAPE and DEPLOYLINES_SCRAPE_FILE, once per process
 * (Next.js may run start-up code once per bundle). Each scrape is stored as one batch under the
 * `scrape` source; with several instances on one database only the holder of the scrape lease
 * scrapes (`owner` names this instance). Throws on a bad targets file, so the server does not start.
 */
export function startScraping(env: ServerEnv, store: Store, owner: string): ScrapeLoop | null {
  const holder = globalThis as Holder;
  if (holder[STARTED] !== undefined) return holder[STARTED];
  const file = env.DEPLOYLINES_SCRAPE_FILE;
  const targets = scrapeTargets([...env.DEPLOYLINES_SCRAPE, ...(file ? readTargetsFile(file) : [])]);
  if (targets.length === 0) return (holder[STARTED] = null);
  const intervalMs = env.DEPLOYLINES_SCRAPE_INTERVAL;
  const loop = new ScrapeLoop({
    targets,
    intervalMs,
    maxBytes: env.DEPLOYLINES_INGEST_MAX_BYTES,
    write: (batch) => storeBatch(store, "scrape", () => batch),
    mayScrape: scrapeLease(store, owner, intervalMs),
  });
  loop.start();
  console.log(`[deploylines] scraping ${targets.length} target(s) every ${intervalMs} ms: ${targets.map((t) => `${t.service}=${t.url}`).join(", ")}`);
  return (holder[STARTED] = loop);
}

/** The scrape targets' health on this instance; role `off` when nothing is configured. */
export function scrapeStatus(env: ServerEnv): ScrapeStatus {
  const loop = (globalThis as Holder)[STARTED];
  const intervalMs = env.DEPLOYLINES_SCRAPE_INTERVAL;
  return loop?.status() ?? { intervalMs, timeoutMs: scrapeTimeout(intervalMs), role: "off", targets: [] };
}

/** Stops scraping: scrapes in flight are cancelled, writes under way finish. */
export async function stopScraping(): Promise<void> {
  await (globalThis as Holder)[STARTED]?.stop();
}
