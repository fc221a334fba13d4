import { createHash } from "node:crypto";
import { InflightLimit } from "@/lib/ingest/inflight-limit";
import type { IngestBatch } from "@/lib/ingest/schema";
import type { Labels } from "@/lib/series/labels";
import { scrapeTarget } from "./scrape-target";
import { MAX_SCRAPE_TARGETS, type ScrapeTarget } from "./targets";

/** A scrape never takes longer than this, nor longer than the interval (Prometheus' default timeout is 10 s). */
export const MAX_SCRAPE_TIMEOUT_MS = 10_000;
/** Scrapes in flight at once: each holds up to DEPLOYLINES_INGEST_MAX_BYTES twice (wire and decoded) while it runs. */
export const MAX_CONCURRENT_SCRAPES = 8;

/** How one target's last scrape went, for the ingest status. */
export interface TargetHealth {
  service: string;
  url: string;
  instance: string;
  labels: Labels;
  /** unknown until the first scrape. */
  health: "up" | "down" | "unknown";
  lastScrapeAt: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  /** Samples the last scrape stored (besides `up` and the scrape's figures). */
  samples: number | null;
  scrapes: number;
  failures: number;
}

export interface ScrapeStatus {
  intervalMs: number;
  timeoutMs: number;
  /** scraping: this instance scrapes; standby: another instance on the database holds the scrape lease; off: no targets. */
  role: "scraping" | "standby" | "off";
  targets: TargetHealth[];
}

export interface ScrapeLoopOptions {
  targets: readonly ScrapeTarget[];
  intervalMs: number;
  /** Bytes a page may have, on the wire and decompressed (DEPLOYLINES_INGEST_MAX_BYTES). */
  maxBytes: number;
  /** Stores one scrape's batch. */
  write: (batch: IngestBatch) => Promise<unknown>;
  /** Whether this instance scrapes now (holds the scrape lease); asked before every scrape. */
  mayScrape?: () => Promise<boolean>;
}

/** The timeout of a scrape every `intervalMs`: min(interval, 10 s). */
export function scrapeTimeout(intervalMs: number): number {
  return Math.min(intervalMs, MAX_SCRAPE_TIMEOUT_MS);
}

/**
 * The first time ≥ `now` to scrape `target` at: as Prometheus does, each target keeps a fixed
 * phase within the interval, taken from a hash of its URL and labels, so targets are spread
 * over the interval rather than all fetched at once, and keep their phase across restarts.
 */
export function firstScrapeAt(target: ScrapeTarget, intervalMs: number, now: number): number {
  const hash = createHash("sha256").update(`${target.url}\n${JSON.stringify(target.labels)}`).digest().readUInt32BE(0);
  const phase = hash % intervalMs;
  return now + ((phase - (now % intervalMs) + intervalMs) % intervalMs);
}

/**
 * Scrapes every target on its interval, one scrape at a time per target and at most
 * MAX_CONCURRENT_SCRAPES in all (the others wait up to an interval), storing each scrape as one
 * batch and keeping each target's health. `stop()` cancels the scrapes in flight (nothing of them
 * is stored) and waits for the writes under way.
 */
export class ScrapeLoop {
  private readonly health: TargetHealth[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly slots: InflightLimit;
  private role: ScrapeStatus["role"] = "scraping";

  constructor(private readonly options: ScrapeLoopOptions) {
    this.health = options.targets.map((t) => ({
      service: t.service,
      url: t.url,
      instance: t.instance,
      labels: t.labels,
      health: "unknown",
      lastScrapeAt: null,
      lastDurationMs: null,
      lastError: null,
      samples: null,
      scrapes: 0,
      failures: 0,
    }));
    this.slots = new InflightLimit(MAX_CONCURRENT_SCRAPES, MAX_SCRAPE_TARGETS, options.intervalMs);
  }

  start(now = Date.now()): void {
    this.options.targets.forEach((target, i) => this.schedule(i, firstScrapeAt(target, this.options.intervalMs, now)));
  }

  status(): ScrapeStatus {
    return { intervalMs: this.options.intervalMs, timeoutMs: scrapeTimeout(this.options.intervalMs), role: this.role, targets: structuredClone(this.health) };
  }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.running]);
  }

  private schedule(i: number, at: number): void {
    if (this.abort.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.tick(i).finally(() => {
        this.running.delete(run);
        // The next slot after this scrape ended: one scrape of a target at a time, missed slots skipped.
        const interval = this.options.intervalMs;
        this.schedule(i, at + Math.max(1, Math.ceil((Date.now() - at) / interval)) * interval);
      });
      this.running.add(run);
    }, Math.max(0, at - Date.now()));
    this.timers.add(timer);
  }

  private async tick(i: number): Promise<void> {
    const target = this.options.targets[i];
    try {
      if (this.options.mayScrape && !(await this.options.mayScrape())) {
        this.role = "standby";
        return;
      }
      this.role = "scraping";
      const slot = await this.slots.acquire();
      if ("refused" in slot) {
        this.record(i, { at: Date.now(), durationMs: 0, samples: 0, error: `skipped: ${MAX_CONCURRENT_SCRAPES} other scrapes ran for a whole interval` });
        return;
      }
      try {
        const scrape = await scrapeTarget(target, { timeoutMs: scrapeTimeout(this.options.intervalMs), maxBytes: this.options.maxBytes, signal: this.abort.signal });
        if (!scrape) return;
        let error = scrape.error;
        try {
          await this.options.write(scrape.batch);
        } catch (thrown) {
          error = `${error ? `${error}; ` : ""}storing the scrape failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
        }
        this.record(i, { ...scrape, error });
      } finally {
        slot.release();
      }
    } catch (thrown) {
      // The lease check's database error, say: the target's health shows it, the loop goes on.
      this.record(i, { at: Date.now(), durationMs: 0, samples: 0, error: thrown instanceof Error ? thrown.message : String(thrown) });
    }
  }

  private record(i: number, scrape: { at: number; durationMs: number; samples: number; error: string | null }): void {
    const health = this.health[i];
    health.scrapes += 1;
    if (scrape.error !== null) health.failures += 1;
    health.health = scrape.error === null ? "up" : "down";
    health.lastScrapeAt = scrape.at;
    health.lastDurationMs = scrape.durationMs;
    health.lastError = scrape.error;
    health.samples = scrape.samples;
  }
}
