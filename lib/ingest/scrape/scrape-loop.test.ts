import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestBatch, IngestSeries } from "@/lib/ingest/schema";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { freePort } from "@/lib/testing/server";
import { waitFor } from "@/lib/testing/wait-for";
import { scrapeLease } from "./scrape-lease";
import { ScrapeLoop } from "./scrape-loop";
import { scrapeTarget } from "./scrape-target";
import { scrapeTargets } from "./targets";

// A target app on 127.0.0.1: prom-client's registry on /metrics, and pages that fail in each way a scrape can.
const MAX_BYTES = 64 * 1024;
const registry = new Registry();
const requests = new Counter({ name: "app_requests_total", help: "Requests", labelNames: ["route"], registers: [registry] });
const latency = new Histogram({ name: "app_latency_seconds", help: "Latency", buckets: [0.1, 0.5], registers: [registry] });
// A label the target sets itself that the scrape also sets: kept as exported_job.
new Gauge({ name: "app_queue_depth", help: "Queue", labelNames: ["job"], registers: [registry] }).set({ job: "batch" }, 3);
requests.inc({ route: "/a" }, 5);
latency.observe(0.2);

let server: http.Server;
let base: string;
const hanging = new Set<http.ServerResponse>();
beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    if (req.url === "/metrics") return res.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics());
    if (req.url === "/gzip") return res.writeHead(200, { "content-type": registry.contentType, "content-encoding": "gzip" }).end(gzipSync(await registry.metrics()));
    if (req.url === "/error") return res.writeHead(500).end("boom");
    if (req.url === "/slow") {
      hanging.add(res);
      return res.on("close", () => hanging.delete(res));
    }
    if (req.url === "/bad") return res.writeHead(200).end("ok_metric 1\nbroken{ 2\n");
    if (req.url === "/big") {
      // Streamed without Content-Length, so only counting the body finds it too big.
      res.writeHead(200);
      const line = "big_metric 1\n".repeat(1000);
      for (let i = 0; i < 20 && !res.destroyed; i++) res.write(line);
      return res.end();
    }
    if (req.url === "/bomb") return res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(Buffer.alloc(MAX_BYTES * 4, "#")));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const one = (service: string, url: string) => scrapeTargets([{ service, url }])[0];
const series = (batch: IngestBatch, metric: string) => batch.series.filter((s) => s.metric === metric);
const value = (s: IngestSeries[]) => s.map((x) => x.points[0][1]);

describe("scrapeTarget", () => {
  it("stores the page at the scrape's start with the target's labels, plus up, duration and samples", async () => {
    const target = one("auth", `${base}/metrics`);
    const before = Date.now();
    const scrape = (await scrapeTarget(target, { timeoutMs: 2_000, maxBytes: MAX_BYTES }))!;
    expect(scrape.error).toBeNull();
    expect(scrape.at).toBeGreaterThanOrEqual(before);
    const labels = { service: "auth", job: "auth", instance: target.instance };
    expect(series(scrape.batch, "app_requests_total")).toEqual([{ metric: "app_requests_total", kind: "cumulative", labels: { ...labels, route: "/a" }, points: [[scrape.at, 5]] }]);
    expect(series(scrape.batch, "app_latency_seconds_bucket").map((s) => [s.kind, s.labels!.le, s.points[0][1]])).toEqual([
      ["histogram", "0.1", 0],
      ["histogram", "0.5", 1],
      ["histogram", "+Inf", 1],
    ]);
    expect(series(scrape.batch, "app_queue_depth")[0].labels).toEqual({ ...labels, exported_job: "batch" });
    // One timestamp per scrape, as Prometheus stamps a scrape.
    expect(new Set(scrape.batch.series.flatMap((s) => s.points.map((p) => p[0])))).toEqual(new Set([scrape.at]));
    expect(series(scrape.batch, "up")).toEqual([{ metric: "up", kind: "gauge", labels, points: [[scrape.at, 1]] }]);
    expect(value(series(scrape.batch, "scrape_samples_scraped"))).toEqual([scrape.samples]);
    expect(scrape.samples).toBe(scrape.batch.series.length - 3);
    expect(value(series(scrape.batch, "scrape_duration_seconds"))[0]).toBeCloseTo(scrape.durationMs / 1000, 6);
  });

  it("takes a gzip page, decompressed within the bound", async () => {
    const scrape = (await scrapeTarget(one("auth", `${base}/gzip`), { timeoutMs: 2_000, maxBytes: MAX_BYTES }))!;
    expect(scrape.error).toBeNull();
    expect(value(series(scrape.batch, "app_requests_total"))).toEqual([5]);
  });
});

describe("ScrapeLoop", () => {
  it("scrapes every target each interval, keeping each one's health; a failing target is up 0 with its error", async () => {
    const refused = `http://127.0.0.1:${await freePort()}/metrics`;
    const urls = { ok: `${base}/metrics`, refused, error: `${base}/error`, slow: `${base}/slow`, big: `${base}/big`, bomb: `${base}/bomb`, bad: `${base}/bad` };
    const targets = scrapeTargets(Object.entries(urls).map(([service, url]) => ({ service, url })));
    const written: IngestBatch[] = [];
    const loop = new ScrapeLoop({ targets, intervalMs: 1_000, maxBytes: MAX_BYTES, write: async (batch) => void written.push(batch) });
    loop.start();
    try {
      const status = await waitFor("every target scraped twice", async () => {
        const s = loop.status();
        return s.targets.every((t) => t.scrapes >= 2) ? s : undefined;
      }, 10_000, 100);
      const health = Object.fromEntries(status.targets.map((t) => [t.service, t]));
      expect(status).toMatchObject({ intervalMs: 1_000, timeoutMs: 1_000, role: "scraping" });
      expect(health.ok).toMatchObject({ health: "up", lastError: null, failures: 0, instance: new URL(base).host });
      expect(health.ok.samples).toBeGreaterThan(5);
      expect(health.ok.lastScrapeAt).toBeGreaterThan(Date.now() - 3_000);
      expect(health.refused.lastError).toMatch(/ECONNREFUSED/);
      expect(health.error.lastError).toBe("server returned HTTP status 500 Internal Server Error");
      expect(health.slow.lastError).toBe("timed out after 1000 ms");
      // Timers may fire a millisecond early by Date.now().
      expect(health.slow.lastDurationMs).toBeGreaterThanOrEqual(990);
      expect(health.big.lastError).toMatch(/body is larger than 65536 bytes .*stopped reading/);
      expect(health.bomb.lastError).toMatch(/decompresses to more than 65536 bytes/);
      expect(health.bad.lastError).toMatch(/invalid exposition: line 2: /);
      for (const name of ["refused", "error", "slow", "big", "bomb", "bad"]) expect(health[name]).toMatchObject({ health: "down", samples: 0 });

      const ups = new Map<string, number[]>();
      for (const batch of written) for (const s of series(batch, "up")) ups.set(s.labels!.service, [...(ups.get(s.labels!.service) ?? []), s.points[0][1]]);
      expect(ups.get("ok")!.every((v) => v === 1)).toBe(true);
      for (const name of ["refused", "error", "slow", "big", "bomb", "bad"]) expect(ups.get(name)!.every((v) => v === 0)).toBe(true);
      // A failed scrape stores up, duration and samples (0), nothing of the page.
      const failed = written.find((b) => b.series.some((s) => s.metric === "up" && s.labels!.service === "bad"))!;
      expect(failed.series.map((s) => s.metric).sort()).toEqual(["scrape_duration_seconds", "scrape_samples_scraped", "up"]);
    } finally {
      await loop.stop();
    }
  });

  it("stops promptly, cancelling a scrape in flight without storing it", async () => {
    const written: IngestBatch[] = [];
    const loop = new ScrapeLoop({ targets: [one("slow", `${base}/slow`)], intervalMs: 5_000, maxBytes: MAX_BYTES, write: async (batch) => void written.push(batch) });
    loop.start(Date.now() - 5_000);
    await waitFor("the slow scrape to start", async () => (hanging.size > 0 ? true : undefined), 6_000, 20);
    const started = Date.now();
    await loop.stop();
    expect(Date.now() - started).toBeLessThan(500);
    expect(written).toEqual([]);
    expect(loop.status().targets[0].scrapes).toBe(0);
  });

  it("stands by while another instance holds the scrape lease", async () => {
    const written: IngestBatch[] = [];
    const loop = new ScrapeLoop({ targets: [one("ok", `${base}/metrics`)], intervalMs: 1_000, maxBytes: MAX_BYTES, write: async (b) => void written.push(b), mayScrape: async () => false });
    loop.start();
    await new Promise((r) => setTimeout(r, 1_500));
    await loop.stop();
    expect(loop.status().role).toBe("standby");
    expect(written).toEqual([]);
  });
});

describe("scrapeLease", () => {
  let throwaway: ThrowawayStore;
  beforeAll(async () => {
    throwaway = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
  });
  afterAll(async () => throwaway?.dispose());

  it("lets one instance scrape, and another take over once it stops renewing", async () => {
    const a = scrapeLease(throwaway.store, "instance-a", 200);
    const b = scrapeLease(throwaway.store, "instance-b", 200);
    expect(await a()).toBe(true);
    expect(await b()).toBe(false);
    await new Promise((r) => setTimeout(r, 120));
    expect(await a()).toBe(true);
    // instance-a stops renewing; its lease runs for three intervals (600 ms).
    await new Promise((r) => setTimeout(r, 700));
    expect(await b()).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(await a()).toBe(false);
  });
});
