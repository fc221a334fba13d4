import "server-only";
import type { MetricsSource } from "@/lib/metrics-source/types";

/** Names read and matched per turn of the event loop. */
const SCAN_PAGE = 5_000;

/**
 * Every metric name starting with `prefix`, in name order, read a page at a time (keyset on the
 * name) with a turn of the event loop between pages, so a scan over 100,000 names never blocks
 * other requests. Only names are read: whole rows cost several times more.
 */
export async function* scanMetricNames(source: Pick<MetricsSource, "listNames">, prefix: string): AsyncGenerator<string> {
  for (let after: string | undefined; ; ) {
    const page = await source.listNames({ prefix, after, limit: SCAN_PAGE });
    yield* page;
    if (page.length < SCAN_PAGE) return;
    after = page[page.length - 1];
    await new Promise((resolve) => setImmediate(resolve));
  }
}
