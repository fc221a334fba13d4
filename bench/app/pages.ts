import { chromium } from "@playwright/test";
import { BUSY_SERVICE, lastTeamMetric } from "@/lib/demo/team-plan";
import { median } from "@/lib/stats/quantile";
import { startTestServer, type TestServer } from "@/lib/testing/server";

/** A page (or the API read behind it) and, for pages, what shows it is ready in the browser. */
interface PageCase {
  name: string;
  /** The path, or how to find it in the seeded demo (a deploy's id is only known once it is recorded). */
  path: string | ((url: string) => Promise<string>);
  ready?: string;
}

/** The page of the busy service's latest prod deploy: its 200 metrics zoomed around it. */
async function latestBusyDeploy(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/deployments?service=${BUSY_SERVICE}&environment=prod&limit=1`);
  const { deployments } = (await res.json()) as { deployments: { id: number }[] };
  if (!deployments[0]) throw new Error(`no prod deploy of ${BUSY_SERVICE} in the team demo`);
  return `/deployments/${deployments[0].id}`;
}

const CASES: PageCase[] = [
  { name: "overview (51 services)", path: "/", ready: "section[data-service] .recharts-line" },
  { name: "overview, failing, by health", path: "/?failing=1&sort=health", ready: "section[data-service]" },
  { name: "metrics browser (~20,000 names)", path: "/metrics", ready: "tr[data-metric] .recharts-line" },
  { name: "metrics browser, searched", path: `/metrics?q=${BUSY_SERVICE}.db.`, ready: "tr[data-metric]" },
  { name: "metric tree API, top level", path: "/api/v1/metrics/tree" },
  { name: `metric tree API, ${BUSY_SERVICE}`, path: `/api/v1/metrics/tree?prefix=${BUSY_SERVICE}` },
  { name: "deployments (~5,000)", path: "/deployments", ready: "tr[data-deployment-id]" },
  { name: `deployments of ${BUSY_SERVICE}`, path: `/deployments?service=${BUSY_SERVICE}`, ready: "tr[data-deployment-id]" },
  { name: `${BUSY_SERVICE}: 200 metrics, 24 h`, path: `/services/${BUSY_SERVICE}?from=-24h&to=now`, ready: "[data-metric] .chart-series" },
  { name: `${BUSY_SERVICE}: 200 metrics, 500 deploys, 30 d`, path: `/services/${BUSY_SERVICE}?from=-30d&to=now`, ready: "[data-metric] [data-deploy-id]" },
  { name: `deploys API of ${BUSY_SERVICE}, 30 d`, path: `/api/v1/deployments?service=${BUSY_SERVICE}&from=-30d&to=now&limit=5000` },
  { name: "builds", path: "/builds", ready: "tr[data-build-version]" },
  { name: "rollbacks", path: "/rollbacks", ready: "tr[data-rollback-id]" },
  { name: "dark launch", path: "/dark-launch", ready: "tr[data-service]" },
  { name: `a deploy of ${BUSY_SERVICE} (200 charts around it)`, path: latestBusyDeploy, ready: "[data-metric] .chart-series" },
  { name: "dark launch of auth", path: "/dark-launch/auth", ready: "[data-readiness]" },
  { name: "delivery (DORA)", path: "/dora", ready: "[data-dora-key] .recharts-line" },
  { name: "webhooks", path: "/webhooks", ready: '[data-testid="admin-only"]' },
  { name: "standup TV", path: "/standup", ready: ".chart-series" },
  { name: "ingest status", path: "/ingest", ready: '[data-testid="retention-last-run"]' },
  { name: "success criteria of auth", path: "/services/auth/criteria", ready: "[data-criteria]" },
  { name: `compare two deploys of ${BUSY_SERVICE}`, path: `/services/${BUSY_SERVICE}/compare`, ready: "[data-compare-answer]" },
];

export interface PageTiming {
  name: string;
  path: string;
  /** Median time for the server to answer the whole HTML (or JSON), 5 runs after a warm-up. */
  serverMs: number;
  /** Median time from navigation start until the page's ready element shows, in headless Chromium. */
  browserReadyMs: number | null;
}

/** Starts the built app on the team-sized demo, waits until its background seeding is done, then runs retention once. */
export async function startTeamServer(log: (line: string) => void): Promise<TestServer> {
  const server = await startTestServer({ DEPLOYLINES_DEMO: "team" }, { readyTimeoutMs: 120_000 });
  const began = Date.now();
  for (;;) {
    const res = await fetch(`${server.url}/api/v1/series?metric=${lastTeamMetric()}&from=-31d&to=now&maxPoints=10`);
    const body = (await res.json()) as { series?: { points: unknown[] }[] };
    if (body.series?.[0]?.points.length) break;
    if (Date.now() - began > 300_000) throw new Error("team demo not seeded within 5 minutes");
    await new Promise((r) => setTimeout(r, 1000));
  }
  log(`team demo seeded in ${((Date.now() - began) / 1000).toFixed(0)} s after start`);
  // Enforce retention now (30 days of history is past the raw 14 d) so its deletions do not run during the timings.
  const retention = await server.api("/api/v1/retention/run", { method: "POST" });
  if (!retention.ok) throw new Error(`POST /api/v1/retention/run answered ${retention.status}`);
  return server;
}

/** Each page's server time and browser-ready time on the team-sized demo. */
export async function measurePages(server: TestServer, runs = 5): Promise<PageTiming[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const timings: PageTiming[] = [];
    for (const c of CASES) {
      const path = typeof c.path === "string" ? c.path : await c.path(server.url);
      const server_: number[] = [];
      for (let i = -1; i < runs; i++) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}${path}`);
        await res.text();
        if (!res.ok) throw new Error(`${path} answered ${res.status}`);
        if (i >= 0) server_.push(performance.now() - t0);
      }
      let browserReadyMs: number | null = null;
      if (c.ready) {
        const times: number[] = [];
        for (let i = -1; i < Math.min(runs, 3); i++) {
          const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
          const page = await context.newPage();
          await page.goto(`${server.url}${path}`, { waitUntil: "commit" });
          const ready = await page.waitForFunction((selector) => (document.querySelector(selector) ? performance.now() : false), c.ready, { polling: "raf", timeout: 60_000 });
          if (i >= 0) times.push((await ready.jsonValue()) as number);
          await context.close();
        }
        browserReadyMs = Math.round(median(times)!);
      }
      timings.push({ name: c.name, path, serverMs: Math.round(median(server_)!), browserReadyMs });
    }
    return timings;
  } finally {
    await browser.close();
  }
}

/** The figures as a table for the console. */
export function pagesTable(timings: PageTiming[]): string {
  const rows = timings.map((t) => `${t.name.padEnd(46)} ${String(t.serverMs).padStart(6)} ms ${t.browserReadyMs === null ? "".padStart(9) : `${String(t.browserReadyMs).padStart(6)} ms`}`);
  return [`${"page (team demo)".padEnd(46)} ${"server".padStart(9)} ${"browser".padStart(9)}`, ...rows].join("\n");
}
