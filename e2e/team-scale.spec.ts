import { expect, test, type Page } from "@playwright/test";
import { BUSY_SERVICE, lastTeamMetric } from "../lib/demo/team-plan";
import { startTestServer, type TestServer } from "../lib/testing/server";

// Runs its own server on the team-sized demo (DEPLOYLINES_DEMO=team: 50 services, ~20,000 series,
// ~5,000 deploys over 30 days; checkout has 200 metrics and ~500 deploys), seeded in the background.
test.describe.configure({ mode: "serial", timeout: 120_000 });

let team: TestServer;
const DAY = 86_400_000;
/** Marks one 30-day chart may draw for ~500 deploys: the strip's cells, the lines with room, the failures. */
const MARK_BUDGET = 160;
const KEY = `${BUSY_SERVICE}.api.read.latency.p95`;
const OTHER_KEY = `${BUSY_SERVICE}.api.read.errors.rate`;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  team = await startTestServer({ DEPLOYLINES_DEMO: "team" }, { readyTimeoutMs: 120_000 });
  const deadline = Date.now() + 240_000;
  for (;;) {
    const res = await fetch(`${team.url}/api/v1/series?metric=${lastTeamMetric()}&from=-31d&to=now&maxPoints=10`);
    const body = (await res.json()) as { series: { points: unknown[] }[] };
    if (body.series?.[0]?.points.length) break;
    if (Date.now() > deadline) throw new Error(`team demo not seeded in time:\n${team.log()}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
});

test.afterAll(async () => {
  await team?.stop();
});

const marksIn = (page: Page, metric: string) =>
  page.locator(`[data-metric="${metric}"] [data-deploy-id]`).evaluateAll((els) => ({ elements: els.length, ids: els.flatMap((e) => e.getAttribute("data-deploy-id")!.split(" ")) }));

async function deploysOf(service: string, from: number, to: number, extra = "") {
  const res = await fetch(`${team.url}/api/v1/deployments?service=${service}&from=${from}&to=${to}&limit=5000${extra}`);
  return ((await res.json()) as { deployments: { id: number; status: string; kind: string }[] }).deployments;
}

test("500 deploys in a 30-day view draw within the mark budget, every deploy in one mark", async ({ page }) => {
  const to = Date.now();
  const from = to - 30 * DAY;
  const deploys = await deploysOf(BUSY_SERVICE, from, to);
  expect(deploys.length).toBeGreaterThan(450);
  await page.goto(`${team.url}/services/${BUSY_SERVICE}?from=${from}&to=${to}`);
  await expect(page.locator(`[data-metric="${KEY}"] .chart-series`).first()).toBeVisible();
  await expect.poll(async () => (await marksIn(page, KEY)).ids.length).toBe(deploys.length);
  const { elements, ids } = await marksIn(page, KEY);
  expect(elements).toBeLessThanOrEqual(MARK_BUDGET);
  expect(new Set(ids)).toEqual(new Set(deploys.map((d) => String(d.id))));
  await expect(page.locator("[data-legend]")).toContainText("failed or rolled back");
});

test("a failed deploy and a rollback stay individually visible among 500", async ({ page }) => {
  const to = Date.now();
  const from = to - 30 * DAY;
  const [failed] = await deploysOf(BUSY_SERVICE, from, to, "&status=failed");
  const [rollback] = await deploysOf(BUSY_SERVICE, from, to, "&kind=rollback");
  await page.goto(`${team.url}/services/${BUSY_SERVICE}?from=${from}&to=${to}`);
  const panel = page.locator(`[data-metric="${KEY}"]`);
  // The live chart: the server's HTML shows the marks too, but a hover before hydration is lost.
  await expect(panel.locator(".chart-series").first()).toBeVisible();
  for (const d of [failed, rollback]) {
    const mark = panel.locator(`[data-deploy-id="${d.id}"]`);
    await expect(mark).toBeVisible();
    expect((await mark.boundingBox())!.height).toBeGreaterThan(100);
  }
  await panel.locator(`[data-deploy-id="${failed.id}"]`).hover({ force: true });
  await expect(panel.getByText(`click to open deploy #${failed.id}`)).toBeVisible();
});

test("a strip cell lists its deploys on click", async ({ page }) => {
  await page.goto(`${team.url}/services/${BUSY_SERVICE}?from=-30d&to=now`);
  // The live chart: the server's HTML groups the strip for an assumed width, regrouped once the page has measured the chart.
  await expect(page.locator(`[data-metric="${KEY}"] .chart-series`).first()).toBeVisible();
  const cell = page.locator(`[data-metric="${KEY}"] [data-count]`).filter({ hasText: /\d/ }).first();
  await expect(cell).toBeVisible();
  const count = Number(await cell.getAttribute("data-count"));
  await cell.click();
  await expect(page.locator(`[data-metric="${KEY}"] [data-deploy-list]`)).toContainText(`${count} deploys`);
});

test("the shared crosshair shows every chart's value at the hovered time, as the API serves it", async ({ page }) => {
  const to = Date.now();
  const from = to - DAY;
  await page.goto(`${team.url}/services/${BUSY_SERVICE}?from=${from}&to=${to}`);
  const chart = page.locator(`[data-metric="${KEY}"] [data-chart]`);
  await expect(page.locator(`[data-metric="${OTHER_KEY}"] .chart-series`).first()).toBeVisible();
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  const readout = page.locator(`[data-metric="${OTHER_KEY}"] [data-crosshair-series="${OTHER_KEY}"]`);
  await expect(readout).toHaveAttribute("data-value", /\d/);
  const ts = Number(await readout.getAttribute("data-ts"));
  const value = Number(await readout.getAttribute("data-value"));
  const res = await fetch(`${team.url}/api/v1/series?metric=${OTHER_KEY}&from=${from}&to=${to}&maxPoints=800`);
  const api = (await res.json()) as { series: { points: [number, number][]; bucketMs: number | null }[] };
  expect(api.series[0].bucketMs).toBeNull();
  expect(api.series[0].points).toContainEqual([ts, value]);
  // The time is the hovered one in every chart, and the hovered chart shows its own value too.
  const hoveredTs = Number(await page.locator(`[data-metric="${KEY}"] [data-crosshair]`).getAttribute("data-ts"));
  expect(Math.abs(hoveredTs - ts)).toBeLessThanOrEqual(10 * 60_000);
  await expect(page.locator(`[data-metric="${KEY}"] [data-crosshair-series="${KEY}"]`)).toHaveAttribute("data-value", /\d/);
});

test("a service with 200 metrics mounts only the charts in view, and its search narrows them", async ({ page }) => {
  await page.goto(`${team.url}/services/${BUSY_SERVICE}?from=-24h&to=now`);
  await expect(page.locator(`[data-metric="${KEY}"] .chart-series`).first()).toBeVisible();
  expect(await page.locator("section[data-metric]").count()).toBe(200);
  expect(await page.locator("section[data-metric] [data-chart]").count()).toBeLessThan(30);
  const last = page.locator("section[data-metric]").last();
  await last.scrollIntoViewIfNeeded();
  await expect(last.locator("[data-chart]")).toBeVisible();
  await page.getByLabel("search this service's metrics").fill("db.write.latency");
  await expect(page.locator('section[aria-label="all metrics"] section[data-metric]')).toHaveCount(3);
});

test("t← moves the range back by half its span", async ({ page }) => {
  const to = Date.now() - DAY;
  const from = to - DAY;
  await page.goto(`${team.url}/services/${BUSY_SERVICE}?from=${from}&to=${to}`);
  await expect(page.locator(`[data-metric="${KEY}"] .chart-series`).first()).toBeVisible();
  await page.keyboard.press("t");
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(new RegExp(`from=${from - DAY / 2}&to=${to - DAY / 2}`));
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "keyboard shortcuts" })).toContainText("t ←");
});

test("the overview finds, sorts and filters 50 services", async ({ page }) => {
  await page.goto(`${team.url}/?failing=1&sort=health`);
  const cards = page.locator("section[data-service]");
  await expect(cards.first()).toBeVisible();
  const health = await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-health")));
  expect(health.length).toBeGreaterThan(0);
  expect(health.every((h) => h === "failing")).toBe(true);
  await page.goto(`${team.url}/?q=svc-1`);
  await expect(page.getByTestId("service-count")).toHaveText("10 of 51 services");
});

test("deployments sort by a column; the metric tree loads a level at a time", async ({ page }) => {
  await page.goto(`${team.url}/deployments?service=${BUSY_SERVICE}`);
  const ids = () => page.locator("tr[data-deployment-id]").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-deployment-id"))));
  const before = await ids();
  await page.locator('[data-sort-key="id"]').click();
  expect(await ids()).toEqual([...before].sort((a, b) => a - b));
  await page.locator('[data-sort-key="id"]').click();
  expect(await ids()).toEqual([...before].sort((a, b) => b - a));

  await page.goto(`${team.url}/metrics`);
  const checkout = page.locator(`[data-prefix="${BUSY_SERVICE}"]`);
  await expect(checkout).toContainText("200");
  await expect(page.locator(`[data-prefix="${BUSY_SERVICE}.api"]`)).toHaveCount(0);
  // The disclosure marker, left of the branch link (the link itself filters the list).
  await checkout.locator("summary").first().click({ position: { x: 4, y: 8 } });
  await expect(page.locator(`[data-prefix="${BUSY_SERVICE}.api"]`)).toContainText("20");
});
