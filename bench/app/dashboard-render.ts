import { chromium, type Page } from "@playwright/test";
import { median } from "@/lib/stats/quantile";
import type { TestServer } from "@/lib/testing/server";
import { jsonBatches, postBatches } from "./http-ingest";

export const DASHBOARD_SERVICE = "benchsvc";
export const DASHBOARD_CHARTS = 12;
export const DASHBOARD_DEPLOYS = 50;
const DAY = 86_400_000;

/** A service with 12 metrics over the last day (10-s points) and 50 deploys spread across it; returns the deploy ids. */
export async function seedDashboard(server: TestServer): Promise<number[]> {
  const now = Date.now();
  const perMetric = DAY / 10_000;
  await postBatches(
    server,
    jsonBatches({ prefix: `${DASHBOARD_SERVICE}.api.m`, metrics: DASHBOARD_CHARTS, total: DASHBOARD_CHARTS * perMetric, start: now - DAY, stepMs: 10_000 }),
  );
  const ids: number[] = [];
  for (let i = 0; i < DASHBOARD_DEPLOYS; i++) {
    const startedAt = now - DAY + Math.round(((i + 0.5) * DAY) / DASHBOARD_DEPLOYS);
    const res = await server.api("/api/v1/deployments", {
      method: "POST",
      json: { service: DASHBOARD_SERVICE, environment: i % 2 ? "prod" : "test", version: `1.${i}.0`, commit: `c${i}`, author: "bench", status: "succeeded", startedAt, finishedAt: startedAt + 60_000 },
    });
    if (res.status !== 201) throw new Error(`POST /api/v1/deployments answered ${res.status}: ${await res.text()}`);
    ids.push(((await res.json()) as { deployment: { id: number } }).deployment.id);
  }
  return ids;
}

/**
 * The page's size: tall enough that all 12 panels (the last ends ~1,925 px down) are in view, so
 * every chart mounts without scrolling — the page mounts a chart only near the viewport.
 */
const VIEWPORT = { width: 1600, height: 2000 };

/** A series path as the server's HTML draws it (SeriesPreview), or as the live chart does. */
const DRAWN = ".chart-preview path, .chart-series path";
/** A series path of recharts' plot, which takes over from the server's drawing once the page has settled. */
const LIVE = ".chart-series path";

/** Median times of a dashboard load, and each run's. */
export interface DashboardTimes {
  readyMs: number;
  runsMs: number[];
  interactiveMs: number;
  interactiveRunsMs: number[];
  settledMs: number;
  settledRunsMs: number[];
  phases: DashboardPhases[];
}

/**
 * Median times from navigation start until the dashboard is drawn, interactive and settled.
 * Drawn: every chart's series in each of the 12 panels (a path, a line's or a band's, from the
 * server's HTML or the live chart) and every deploy id on the page. Interactive: the pointer moving
 * over the first chart shows the shared crosshair's readout in every panel — the page is hydrated
 * and every chart measured, so hover, drag-to-zoom and the deploy cards answer. Settled: every
 * panel's recharts plot drawn. Each run is a fresh browser context (cold HTTP cache); one warm-up
 * run first lets the server load the route.
 */
export async function measureDashboard(server: TestServer, deployIds: number[], runs: number): Promise<DashboardTimes> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const times: number[] = [];
    const answering: number[] = [];
    const live: number[] = [];
    const phases: DashboardPhases[] = [];
    for (let i = -1; i < runs; i++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      await page.goto(`${server.url}/services/${DASHBOARD_SERVICE}?from=-24h&to=now`, { waitUntil: "commit" });
      const drawnAt = (paths: string) =>
        page.waitForFunction(
          ({ charts, ids, paths }) => {
            // Panels, not paths: a chart drawn as a band has two line paths (its edges).
            const panels = [...document.querySelectorAll("section[data-metric]")];
            const drawn = panels.filter((panel) => [...panel.querySelectorAll(paths)].some((p) => (p.getAttribute("d") ?? "").length > 10));
            if (drawn.length < charts) return false;
            const present = new Set([...document.querySelectorAll("[data-deploy-id]")].flatMap((e) => e.getAttribute("data-deploy-id")!.split(" ")));
            return ids.every((id) => present.has(String(id))) ? performance.now() : false;
          },
          { charts: DASHBOARD_CHARTS, ids: deployIds, paths },
          { polling: "raf", timeout: 60_000 },
        );
      const drawnMs = (await (await drawnAt(DRAWN)).jsonValue()) as number;
      const answeringMs = await crosshairAnswersAt(page);
      const liveMs = (await (await drawnAt(LIVE)).jsonValue()) as number;
      if (i >= 0) {
        times.push(drawnMs);
        answering.push(answeringMs);
        live.push(liveMs);
        phases.push(await page.evaluate(readPhases));
      }
      await context.close();
    }
    return {
      readyMs: median(times)!,
      runsMs: times,
      interactiveMs: median(answering)!,
      interactiveRunsMs: answering,
      settledMs: median(live)!,
      settledRunsMs: live,
      phases,
    };
  } finally {
    await browser.close();
  }
}

/**
 * When the pointer, moved back and forth by a pixel over the middle of the first chart's plot, has
 * the crosshair's readout shown in all 12 panels: ms from navigation start, read in the page. A
 * move before hydration does nothing; a panel not yet measured shows no readout.
 */
async function crosshairAnswersAt(page: Page): Promise<number> {
  const box = await page.locator("[data-chart]").first().boundingBox();
  if (!box) throw new Error("the dashboard has no chart");
  const deadline = Date.now() + 60_000;
  for (let nudge = 0; Date.now() < deadline; nudge ^= 1) {
    await page.mouse.move(box.x + box.width / 2 + nudge, box.y + box.height / 2);
    const at = await page.evaluate((charts) => {
      const panels = [...document.querySelectorAll("section[data-metric]")];
      return panels.length >= charts && panels.every((panel) => panel.querySelector("[data-crosshair]")) ? performance.now() : null;
    }, DASHBOARD_CHARTS);
    if (at !== null) return at;
  }
  throw new Error("the crosshair did not answer in every panel within 60 s");
}

/** Where a run's time went, in ms from navigation start: the HTML, the scripts, the API reads. */
export interface DashboardPhases {
  htmlMs: number;
  domContentLoadedMs: number;
  apiRequests: number;
  firstApiStartMs: number;
  lastApiEndMs: number;
  slowestApiMs: number;
}

// Evaluated in the page: no local named functions, which tsx would wrap in a helper the page lacks.
function readPhases(): DashboardPhases {
  const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  const api = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((r) => r.name.includes("/api/v1/"));
  return {
    htmlMs: Math.round(nav.responseEnd),
    domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
    apiRequests: api.length,
    firstApiStartMs: Math.round(Math.min(...api.map((r) => r.startTime))),
    lastApiEndMs: Math.round(Math.max(...api.map((r) => r.responseEnd))),
    slowestApiMs: Math.round(Math.max(...api.map((r) => r.duration))),
  };
}
