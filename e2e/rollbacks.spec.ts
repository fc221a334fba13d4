import { expect, test } from "@playwright/test";

// Runs against the demo (DEPLOYLINES_DEMO=1): one bad deploy of auth to prod, rolled back 24 minutes in.
// Other specs record rollbacks on the same server (e2e/rollback-ui.spec.ts): the demo's is the one by its on-call.
const DEMO_ROLLBACK = 'tr[data-rollback-id]:has-text("oncall.ana")';

test.describe("/rollbacks", () => {
  test("lists the demo's rollback from → to, why, who and the time to restore", async ({ page }) => {
    await page.goto("/rollbacks");
    await expect(page.getByRole("heading", { name: "Rollbacks" })).toBeVisible();
    const row = page.locator(DEMO_ROLLBACK);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("auth");
    await expect(row).toContainText("prod");
    await expect(row.locator("[data-versions]")).toHaveText(/^1\.\d+\.0 → 1\.\d+\.0/);
    await expect(row).toContainText(/p95 latency and error rate up after 1\.\d+\.0/);
    await expect(row).toContainText("oncall.ana");
    // The bad deploy started 24 min before the rollback, which took 3 min.
    await expect(row.locator("[data-time-to-restore]")).toHaveText("27m");
  });

  test("links to both deploys and the chart around them", async ({ page }) => {
    await page.goto("/rollbacks");
    const row = page.locator(DEMO_ROLLBACK);
    const [from, to] = (await row.locator("[data-versions]").innerText()).split(" → ").map((v) => v.trim());

    await row.getByRole("link", { name: /bad deploy #\d+/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`${from} → prod`);
    await expect(page.locator("[data-rolled-back-by]")).toContainText(to);
    await expect(page.locator("section#verdict")).toBeVisible();

    await page.goto("/rollbacks");
    await row.getByRole("link", { name: /rollback #\d+/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`${to} → prod`);
    await expect(page.locator("[data-rollback-of]")).toContainText(from);

    await page.goto("/rollbacks");
    await row.getByRole("link", { name: "chart around it" }).click();
    await expect(page).toHaveURL(/\/services\/auth\?from=\d+&to=\d+/);
    await expect(page.locator('[data-kind="rollback"]').first()).toBeAttached();
  });
});
