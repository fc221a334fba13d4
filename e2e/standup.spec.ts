import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";

const auth = { authorization: `Bearer ${E2E_TOKEN}` };

test.use({ viewport: { width: 1920, height: 1080 } });

test("the standup screen shows auth's key charts with deploy lines, today's deploys, live versions and a clock", async ({ page }) => {
  await page.goto("/standup?services=auth");
  const board = page.locator('[data-standup-service="auth"]');
  await expect(board).toBeVisible();
  await expect(page.locator("h1")).toHaveText("auth");
  await expect(board.locator("[data-metric]")).toHaveCount(4);
  await expect(board.locator('[data-metric="auth.api.latency.p95"] .chart-series').first()).toBeVisible();
  await expect(board.locator("[data-metric] [data-deploy-id]").first()).toBeAttached();
  await expect(board.locator('[data-live="prod"]')).toContainText(/\d+\.\d+\.\d+/);
  await expect(board.locator("[data-dark-launch]")).toContainText("%");
  await expect(page.locator("[data-clock]")).toBeVisible();
  // Its own layout: none of the dashboard's navigation.
  await expect(page.locator("nav")).toHaveCount(0);
});

test("rotates between the services in the URL", async ({ page, request }) => {
  const created = await request.post("/api/v1/metrics", {
    headers: auth,
    data: { series: [{ metric: "standup-e2e.api.latency.p95", unit: "ms", points: [[Date.now() - 60_000, 12], [Date.now(), 14]] }] },
  });
  expect(created.status()).toBe(202);
  await page.goto("/standup?services=auth,standup-e2e&rotate=3s");
  await expect(page.locator('[data-standup-service="auth"]')).toBeVisible();
  await expect(page.locator('[data-standup-service="standup-e2e"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[data-standup-service="standup-e2e"] [data-metric="standup-e2e.api.latency.p95"]')).toBeVisible();
  await expect(page.locator('[data-standup-service="auth"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("progressbar")).toBeAttached();
});

test("refreshes in place: a new deploy appears without a reload", async ({ page, request }) => {
  await page.goto("/standup?services=auth");
  await expect(page.locator('[data-standup-service="auth"] .chart-series').first()).toBeVisible();
  await page.evaluate(() => ((window as unknown as { standupMarker: string }).standupMarker = "still here"));
  const res = await request.post("/api/v1/deployments", {
    headers: auth,
    data: { service: "auth", environment: "test", version: "8.8.8-standup", startedAt: "-1m", status: "succeeded" },
  });
  expect(res.status()).toBe(201);
  const { deployment } = await res.json();
  // A mark may stand for several deploys: its data-deploy-id lists them, space-separated.
  await expect(page.locator(`[data-metric] [data-deploy-id~="${deployment.id}"]`).first()).toBeAttached({ timeout: 30_000 });
  await expect(page.locator(`[data-deploy-row="${deployment.id}"]`)).toContainText("8.8.8-standup");
  expect(await page.evaluate(() => (window as unknown as { standupMarker?: string }).standupMarker)).toBe("still here");
});

test("says so when the server is unreachable, keeping the last data on screen", async ({ page }) => {
  await page.goto("/standup?services=auth");
  const board = page.locator('[data-standup-service="auth"]');
  await expect(board.locator(".chart-series").first()).toBeVisible();
  await expect(page.locator("[data-banner]")).toHaveCount(0);
  await page.route("**/api/**", (route) => route.abort("connectionrefused"));
  const banner = page.locator('[data-banner="unreachable"]');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText("Server unreachable — showing data from");
  await expect(board.locator(".chart-series").first()).toBeVisible();
  await expect(board.locator("[data-metric]")).toHaveCount(4);
  // Back online: the banner goes away on the next successful refresh.
  await page.unroute("**/api/**");
  await expect(banner).toHaveCount(0, { timeout: 30_000 });
});
