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
