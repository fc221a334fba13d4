import { expect, test } from "@playwright/test";

// Runs against the demo (DEPLOYLINES_DEMO=1): two weeks of the auth service's builds.
test.describe("/builds", () => {
  test("lists the auth builds with where each went and the retention policy", async ({ page }) => {
    await page.goto("/builds");
    await expect(page.getByRole("heading", { name: "Builds" })).toBeVisible();
    const auth = page.locator('section[data-service="auth"]');
    await expect(auth).toContainText(/keeps the newest\s*10\s*builds/);
    await expect(auth.getByRole("columnheader", { name: "test" })).toBeVisible();
    await expect(auth.getByRole("columnheader", { name: "prod" })).toBeVisible();
    expect(await auth.locator("tr[data-build-version]").count()).toBeGreaterThan(20);
  });

  test("shows the build that failed in test as never reaching prod", async ({ page }) => {
    await page.goto("/builds");
    const failed = page.locator("tr[data-build-version]", { hasText: "failed in test — never reached prod" });
    await expect(failed).toHaveCount(1);
    await expect(failed.locator('td[data-env="test"]')).toContainText("failed");
    await expect(failed.locator('td[data-env="prod"]')).toHaveText("not deployed");
  });

  test("keeps the live builds and marks old ones prunable", async ({ page }) => {
    await page.goto("/builds");
    const liveInProd = page.locator('tr[data-build-version][data-kept="true"]', { hasText: "live in prod" });
    await expect(liveInProd).toHaveCount(1);
    await expect(liveInProd).toContainText("kept");
    await expect(page.locator('tr[data-build-version][data-kept="true"]', { hasText: "live in test" })).toHaveCount(1);
    const prunable = page.locator('tr[data-build-version][data-kept="false"]');
    expect(await prunable.count()).toBeGreaterThan(0);
    await expect(prunable.first()).toContainText("prunable");
    await expect(prunable.filter({ hasText: "live in" })).toHaveCount(0);
  });

  test("flags the hotfix that skipped test", async ({ page }) => {
    await page.goto("/builds");
    const hotfix = page.locator("tr[data-build-version]", { hasText: "was never deployed to test before prod" });
    await expect(hotfix).toHaveCount(1);
    await expect(hotfix.locator('td[data-env="test"]')).toHaveText("not deployed");
  });
});
