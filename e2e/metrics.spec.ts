import { expect, test } from "@playwright/test";

test("searching auth.api.latency.* lists the three latency metrics with sparklines", async ({ page }) => {
  await page.goto("/metrics");
  await page.getByLabel("search metrics").fill("auth.api.latency.*");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=auth\.api\.latency\.\*/);
  const rows = page.locator("tr[data-metric]");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-metric", "auth.api.latency.p50");
  await expect(rows.nth(1)).toHaveAttribute("data-metric", "auth.api.latency.p95");
  await expect(rows.nth(2)).toHaveAttribute("data-metric", "auth.api.latency.p99");
  await expect(page.locator('tr[data-metric="auth.api.latency.p95"] .recharts-line')).toBeVisible();
  await expect(page.locator('[data-prefix="auth.api.latency"]')).toContainText("3");
});

test("the new-after-deploy list shows auth.mfa.challenges.rate under the deploy that added it", async ({ page }) => {
  await page.goto("/metrics");
  const list = page.getByTestId("new-after-deploys");
  await expect(list.locator('[data-new-metric="auth.mfa.challenges.rate"]')).toBeVisible();
  await expect(list.locator('[data-new-metric="auth.api.latency.p95"]')).toHaveCount(0);
});

test("ticking metrics opens a custom chart whose link reproduces the metrics and deploy lines", async ({ page, request }) => {
  await page.goto("/metrics?q=auth.api.latency.*");
  await page.getByLabel("chart auth.api.latency.p50").check();
  await page.getByLabel("chart auth.api.latency.p99").check();
  await page.getByRole("link", { name: "Chart 2 selected" }).click();
  await expect(page).toHaveURL(/\/metrics\/chart\?m=auth\.api\.latency\.p50%2Cauth\.api\.latency\.p99&from=-24h&to=now&service=auth/);
  const shared = page.url();

  const fresh = await page.context().newPage();
  await fresh.goto(shared);
  await expect(fresh.locator('[data-series="auth.api.latency.p50"]')).toBeVisible();
  await expect(fresh.locator('[data-series="auth.api.latency.p99"]')).toBeVisible();
  await expect(fresh.locator(".recharts-line")).toHaveCount(2);
  const now = Date.now();
  const { deployments } = await (await request.get(`/api/v1/deployments?service=auth&from=${now - 86_400_000}&to=${now}`)).json();
  if (deployments.length > 0) await expect(fresh.locator("[data-deploy-id]").first()).toBeAttached();

  await fresh.goto("/metrics/chart?m=auth.api.latency.p95,auth.api.errors.rate&service=auth&from=-7d&to=now");
  await expect(fresh.locator(".recharts-line")).toHaveCount(2);
  await expect(fresh.locator("[data-deploy-id]").first()).toBeAttached();
});

test("the ingest status page shows sources, listeners and retention", async ({ page }) => {
  await page.goto("/metrics");
  await page.getByRole("link", { name: "ingest status →" }).click();
  await expect(page.getByRole("heading", { name: "Ingest status" })).toBeVisible();
  await expect(page.locator('[data-source="graphite"]')).toContainText("off");
  await expect(page.locator('[data-retention="raw"]')).toHaveText("14d");
});

test("a histogram bucket's last value is a count of observations, shown without its bound's unit, and its sparkline draws the p95", async ({ page }) => {
  await page.goto("/metrics?q=http.server.request.duration_bucket");
  const row = page.locator('tr[data-metric="http.server.request.duration_bucket"]').first();
  await expect(row).toBeVisible();
  const last = row.locator("td").nth(2);
  await expect(last).toHaveText(/^[\d,.]+$/);
  // Its 24-h sparkline draws the histogram's p95 (a bucket name is read as quantiles), not "no data".
  const spark = row.locator("td").nth(4);
  await expect(spark.locator(".recharts-line path").first()).toHaveAttribute("d", /^M.{20,}/);
  await expect(spark).not.toContainText("no data");
});
