import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Counter, Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appIsBuilt } from "@/lib/testing/built-app";
import { freePort, startTestServer, type TestServer } from "@/lib/testing/server";
import { waitFor } from "@/lib/testing/wait-for";

// The pull path in a started server: targets from DEPLOYLINES_SCRAPE and a targets file, their
// health in the ingest status and on /ingest, their samples and `up` in the store.
describe.skipIf(!appIsBuilt)("scrape targets", () => {
  let target: http.Server;
  let targetUrl: string;
  let deadUrl: string;
  let server: TestServer;

  beforeAll(async () => {
    const registry = new Registry();
    new Counter({ name: "scr_jobs_total", help: "Jobs", labelNames: ["queue"], registers: [registry] }).inc({ queue: "mail" }, 4);
    target = http.createServer(async (_req, res) => res.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics()));
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/metrics`;
    deadUrl = `http://127.0.0.1:${await freePort()}/metrics`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-test-"));
    fs.writeFileSync(path.join(dir, "targets.json"), JSON.stringify([{ service: "db", url: deadUrl, labels: { env: "prod" } }]));
    server = await startTestServer({ DEPLOYLINES_SCRAPE: `web=${targetUrl}`, DEPLOYLINES_SCRAPE_FILE: path.join(dir, "targets.json"), DEPLOYLINES_SCRAPE_INTERVAL: "1s" }, { dir });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dir, { recursive: true, force: true });
    target?.closeAllConnections();
    await new Promise((resolve) => target?.close(resolve));
  });

  const latest = async (selector: string) => {
    const res = await fetch(`${server.url}/api/v1/series?${new URLSearchParams({ metric: selector, from: "-5m", fn: "none" })}`);
    const { series } = await res.json();
    return series.map((s: { labels: Record<string, string>; points: [number, number][] }) => [s.labels, s.points.at(-1)![1]]);
  };

  it("shows each target's health in GET /api/v1/ingest/status", async () => {
    const status = await waitFor("both targets scraped", async () => {
      const body = await fetch(`${server.url}/api/v1/ingest/status`).then((r) => r.json());
      return body.scrape.targets.every((t: { scrapes: number }) => t.scrapes >= 2) ? body : undefined;
    }, 15_000, 200);
    expect(status.scrape).toMatchObject({ intervalMs: 1_000, timeoutMs: 1_000, role: "scraping" });
    const [web, db] = status.scrape.targets;
    expect(web).toMatchObject({ service: "web", url: targetUrl, health: "up", lastError: null, samples: 1 });
    expect(db).toMatchObject({ service: "db", url: deadUrl, health: "down", samples: 0, labels: { env: "prod", service: "db", job: "db" } });
    expect(db.lastError).toMatch(/ECONNREFUSED/);
    expect(status.sources.scrape.batches).toBeGreaterThanOrEqual(4);
  });

  it("stores the samples with the target's labels, and up 1 or 0", async () => {
    const web = { service: "web", job: "web", instance: new URL(targetUrl).host };
    expect(await latest("scr_jobs_total")).toEqual([[{ ...web, queue: "mail" }, 4]]);
    expect(await latest('up{service=~"web|db"}')).toEqual([
      [{ service: "db", job: "db", instance: new URL(deadUrl).host, env: "prod" }, 0],
      [web, 1],
    ]);
    expect(await latest('scrape_samples_scraped{service="web"}')).toEqual([[web, 1]]);
  });

  it("lists the targets on the /ingest page", async () => {
    const html = await fetch(`${server.url}/ingest`).then((r) => r.text());
    expect(html).toMatch(/data-scrape-service="web" data-health="up"/);
    expect(html).toMatch(/data-scrape-service="db" data-health="down"/);
    expect(html).toContain("ECONNREFUSED");
  });

  it("stops scraping on SIGTERM", async () => {
    await server.stop();
    expect(server.log()).toContain("SIGTERM: closing listeners and flushing what they hold, stopping scrapes");
    expect(server.log()).toMatch(/shut down in \d+ ms/);
  });
});
