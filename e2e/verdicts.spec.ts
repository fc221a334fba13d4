import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";

// Runs against the demo (DEPLOYLINES_DEMO=1): one bad deploy of auth to prod, its verdict failed.
test.describe("verdicts, commits, notifications and delivery figures", () => {
  test("the bad deploy's page shows the failed verdict with its score and the commits it carried as suspects", async ({ page, request }) => {
    // The rolled-back one: right after start the verdict job may not have judged it yet, but its page judges it on the spot.
    const list = await (await request.get("/api/v1/deployments?service=auth&environment=prod&status=rolled_back")).json();
    const bad = list.deployments[0];
    await page.goto(`/deployments/${bad.id}`);
    const panel = page.locator(`[data-verdict-panel="${bad.id}"]`);
    await expect(panel.getByText("failed").first()).toBeVisible();
    await expect(panel.locator("[data-verdict-score]")).toContainText("score");
    await expect(panel.locator("tr[data-rule]").first()).toBeVisible();
    // The commit list is rendered with the page: reload it now that the verdict is stored.
    await page.reload();
    const commits = page.locator("[data-commits]");
    await expect(commits).toHaveAttribute("data-suspects", "true");
    await expect(commits).toContainText(`since ${bad.previousVersion}`);
    await expect(commits.locator("[data-commit]").first()).toBeVisible();
    await expect(commits.getByRole("link").first()).toHaveAttribute("href", /^https:\/\/git\.example\.com\/auth\/commit\/[0-9a-f]+$/);
    // The service's labelled OpenTelemetry series are charted around it too, as on its dashboard: p95 per route.
    const otel = page.locator('[data-metric="http.server.request.duration_bucket"]');
    await expect
      .poll(async () => {
        await page.mouse.wheel(0, 1200);
        return otel.count();
      })
      .toBe(1);
    await expect(otel.getByTestId("series-legend")).toContainText("/oauth/token");
  });

  test("a deploy whose rollout failed shows a failed verdict that says why, with where to roll back to", async ({ page, request }) => {
    const list = await (await request.get("/api/v1/deployments?service=auth&status=failed")).json();
    const broken = list.deployments[0];
    await page.goto(`/deployments/${broken.id}`);
    const panel = page.locator(`[data-verdict-panel="${broken.id}"]`);
    await expect(panel.locator("[data-verdict-reason]")).toContainText("the deploy itself failed");
    await expect(panel.locator("[data-rollback-target]")).toContainText("Roll back to");
    await expect(panel.locator("tr[data-rule]")).toHaveCount(0);
  });

  test("the webhooks page adds a receiver once signed in and shows the delivery log", async ({ page }) => {
    await page.goto("/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
    await expect(page.getByTestId("admin-only")).toContainText("Sign in with an admin token");
    await page.goto("/login");
    await page.getByLabel(/token/i).fill(E2E_TOKEN);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto("/webhooks");
    await page.getByLabel("url").fill("https://hooks.example.com/services/T000/B000/XXXX");
    await page.getByLabel("format").selectOption("slack");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByTestId("webhook-secret")).toContainText(/[0-9a-f]{48}/);
    await expect(page.locator("tr[data-webhook-id]")).toContainText("https://hooks.example.com/services/T000/B000/XXXX");
    await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  });

  test("the delivery page shows each key against the State of DevOps bands and the Four Keys bucket", async ({ page }) => {
    await page.goto("/dora?service=auth&environment=prod&period=30d");
    const frequency = page.locator('[data-dora-key="deploymentFrequencyPerDay"]');
    await expect(frequency).toContainText("deploy days / week");
    await expect(frequency).toContainText(/Four Keys: (daily|weekly|monthly|yearly)/);
    await expect(frequency.locator("[data-dora-band]")).toContainText("State of DevOps 2024");
    await expect(page.locator('[data-dora-key="changeFailureRate"] [data-dora-band]')).toContainText("elite 5%");
    // The demo's one bad deploy was rolled back within half an hour: with a one-hour minimum it is no change failure.
    const rate = page.locator('[data-dora-key="changeFailureRate"]');
    await expect(rate).toContainText(/(^|\D)[1-9]\d* of \d+ finished deploys failed/);
    await page.getByLabel("failures lasting at least (min)").selectOption("60");
    await expect(page).toHaveURL(/minFailure=60/);
    await expect(rate).toContainText(/(^|\D)0 of \d+ finished deploys failed/);
  });
});
