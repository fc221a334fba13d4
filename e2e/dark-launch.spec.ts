import { expect, test } from "@playwright/test";

// Runs against the demo (DEPLOYLINES_DEMO=1): auth's rewrite is dark-launched as 2.0.0-rc.1 → rc.3.
test("the dark-launch list shows auth's candidate and its readiness", async ({ page }) => {
  await page.goto("/dark-launch");
  const row = page.locator('tr[data-service="auth"]');
  await expect(row).toContainText("2.0.0-rc.");
  await expect(row).toContainText(/\d+(\.\d+)?%/);
  await expect(row.locator("[data-readiness]")).toBeVisible();
});

test("/dark-launch/auth shows match rate, endpoints, candidate deploy lines and a readiness verdict", async ({ page }) => {
  await page.goto("/dark-launch/auth");
  await expect(page.locator('[data-figure="match rate"]')).toHaveText(/^\d+(\.\d+)?%$/);
  const endpoints = page.getByTestId("endpoint-table");
  await expect(endpoints.locator("tr[data-endpoint]").first()).toBeVisible();
  await expect(endpoints).toContainText("POST /oauth/token");
  const deployLines = page.getByTestId("match-rate-chart").locator("[data-deploy-id]");
  await expect(deployLines.first()).toBeAttached();
  expect(await deployLines.count()).toBeGreaterThanOrEqual(1);
  await expect(deployLines.first()).toHaveAttribute("data-environment", "dark");
  const readiness = page.getByTestId("readiness");
  await expect(readiness.locator("[data-readiness]")).toHaveText(/ready|not ready|not enough data/);
  await expect(readiness.locator("li").first()).toBeVisible();
  await expect(page.locator("[data-mismatch]").first()).toBeVisible();
});
