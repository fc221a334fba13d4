import { expect, test, type Page } from "@playwright/test";

/** A reader far from the server's zone (the server runs in UTC here). */
const ZONE = "Pacific/Auckland";
const inZone = new Intl.DateTimeFormat("en-GB", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: ZONE });

/** The page's first time element reads in the reader's zone (with or without seconds), once hydrated. */
async function expectLocalTime(page: Page) {
  const time = page.locator("time").first();
  const iso = (await time.getAttribute("datetime"))!;
  await expect(time).toHaveText(new RegExp(`^${inZone.format(new Date(iso))}(:\\d\\d)?$`));
}

test.describe("a reader in another time zone than the server's", () => {
  test.use({ timezoneId: ZONE });

  test("the service page: no hydration error, the range in the reader's time", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto("/services/auth?from=-24h&to=now");
    await expect(page.locator('[data-metric="auth.api.latency.p95"] .chart-series').first()).toBeVisible();
    await expectLocalTime(page);
    expect(errors).toEqual([]);
  });

  test("every page with times hydrates without an error and shows them in the reader's time", async ({ page, request }) => {
    const { deployments } = await (await request.get("/api/v1/deployments?service=auth&limit=1")).json();
    const pages = ["/deployments", `/deployments/${deployments[0].id}`, "/rollbacks", "/metrics", "/metrics/chart?m=auth.api.latency.p95", "/dark-launch/auth", "/services/auth/compare"];
    for (const path of pages) {
      const errors: string[] = [];
      const onError = (e: Error) => errors.push(e.message);
      page.on("pageerror", onError);
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      if (path !== "/services/auth/compare") await expectLocalTime(page);
      expect(errors, path).toEqual([]);
      page.off("pageerror", onError);
    }
  });
});
