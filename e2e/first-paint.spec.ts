import { expect, test, type Page } from "@playwright/test";

const PANEL = '[data-metric="auth.api.latency.p95"]';
const RANGE = "from=-24h&to=now";

/** Where each deploy line of the panel is drawn on the page: its id → the centre of its box, in px. */
const markCentres = (page: Page) =>
  page.locator(`${PANEL} [data-deploy-id][role="link"]`).evaluateAll((marks) =>
    Object.fromEntries(
      marks.map((m) => {
        const box = m.getBoundingClientRect();
        return [m.getAttribute("data-deploy-id")!, box.left + box.width / 2];
      }),
    ),
  );

test("the service dashboard arrives drawn: with scripts off, the server's HTML holds the series, the y axis and the deploy marks", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`/services/auth?${RANGE}`);
  const panel = page.locator(PANEL);
  const series = panel.locator(".chart-preview path").first();
  await expect(series).toBeVisible();
  expect((await series.getAttribute("d"))!.length).toBeGreaterThan(100);
  // The y axis reads round numbers, as the live chart's will.
  await expect(panel.locator(".chart-preview div").filter({ hasText: /^\d/ }).first()).toBeVisible();
  const preview = await markCentres(page);
  expect(Object.keys(preview).length).toBeGreaterThan(0);
  await context.close();

  // The live chart, once the page has hydrated and measured itself, draws each line where the server's HTML had it.
  const live = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await live.goto(`/services/auth?${RANGE}`);
  await expect(live.locator(`${PANEL} .chart-series`).first()).toBeVisible();
  await expect(live.locator(`${PANEL} .chart-preview`)).toHaveCount(0);
  const drawn = await markCentres(live);
  // A line laid out before the width was known may join the density strip at the measured width; the lines that stay lines stay put.
  const both = Object.keys(preview).filter((id) => drawn[id] !== undefined);
  expect(both.length).toBeGreaterThan(0);
  for (const id of both) expect(Math.abs(drawn[id] - preview[id]), `deploy ${id}`).toBeLessThan(1.5);
  await live.close();
});

test("before recharts' chunk has arrived, the hydrated dashboard answers the pointer: crosshair, deploy card, drag-to-zoom", async ({ page }) => {
  // recharts' chunk is held back for the whole test: only the server's drawing and the chart's own overlays are there to answer.
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes("recharts-surface")) return; // never answered
    await route.fulfill({ response, body });
  });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`/services/auth?${RANGE}`);
  const panel = page.locator(PANEL);
  const chart = panel.locator("[data-chart]");
  await expect(panel.locator(".chart-preview path").first()).toBeVisible();
  const box = (await chart.boundingBox())!;
  // Until hydration the pointer does nothing; after it, the crosshair's readout follows it in every panel.
  await expect
    .poll(async () => {
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width * 0.5 + 1, box.y + box.height / 2);
      return panel.locator("[data-crosshair]").count();
    })
    .toBe(1);
  await expect(page.locator('[data-metric="auth.api.latency.p50"] [data-crosshair]')).toBeVisible();
  // An unlabelled series is named alone, without an empty label set after it.
  await expect(panel.locator("[data-crosshair]")).toContainText("auth.api.latency.p95");
  await expect(panel.locator("[data-crosshair]")).not.toContainText("{}");
  expect(await page.locator(".chart-series").count()).toBe(0);

  // A deploy line answers hover with its card.
  const mark = panel.locator('[data-deploy-id][role="link"]').first();
  await mark.hover();
  await expect(panel.locator("[data-deploy-list]")).toBeVisible();

  // Dragging across the preview shows the range, and letting go zooms to it.
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 8 });
  await expect(chart.locator("[data-drag-range]")).toBeVisible();
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d{13}&to=\d{13}/);
  await expect(panel.locator(".chart-preview path").first()).toBeVisible();
});
