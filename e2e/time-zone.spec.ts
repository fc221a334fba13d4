import { expect, test, type Page } from "@playwright/test";

/** A reader far from the server's zone (playwright.config.ts runs the server in UTC). */
const ZONE = "Pacific/Auckland";

/**
 * Every time element of the page, once hydrated, reads in the reader's zone: its text (unless it
 * stands for something else, as "3h ago" does) and its title, to the second. Evaluated in the
 * page, whose Intl works in the reader's zone. Returns the page's count of time elements.
 */
async function expectLocalTimes(page: Page): Promise<number> {
  await expect
    .poll(() =>
      page.locator("time").evaluateAll((times) => {
        const minutes = new Intl.DateTimeFormat("en-GB", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
        const seconds = new Intl.DateTimeFormat("en-GB", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
        return times
          .filter((t) => {
            const at = new Date(t.getAttribute("datetime")!);
            const text = t.textContent ?? "";
            const textOk = /ago|just now|in \d/.test(text) || text === minutes.format(at) || text === seconds.format(at);
            return !textOk || t.getAttribute("title") !== seconds.format(at);
          })
          .map((t) => t.outerHTML);
      }),
    )
    .toEqual([]);
  return page.locator("time").count();
}

test.describe("a reader in another time zone than the server's", () => {
  test.use({ timezoneId: ZONE });

  test("the service page: no hydration error, the range in the reader's time", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto("/services/auth?from=-24h&to=now");
    await expect(page.locator('[data-metric="auth.api.latency.p95"] .chart-series').first()).toBeVisible();
    expect(await expectLocalTimes(page)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  test("every page with times hydrates without an error and shows them in the reader's time", async ({ page, request }) => {
    const { deployments } = await (await request.get("/api/v1/deployments?service=auth&limit=1")).json();
    const pages = ["/deployments", `/deployments/${deployments[0].id}`, "/rollbacks", "/builds", "/metrics", "/metrics/chart?m=auth.api.latency.p95", "/dark-launch/auth", "/services/auth/compare"];
    for (const path of pages) {
      const errors: string[] = [];
      const onError = (e: Error) => errors.push(e.message);
      page.on("pageerror", onError);
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await expectLocalTimes(page), path).toBeGreaterThan(0);
      expect(errors, path).toEqual([]);
      page.off("pageerror", onError);
    }
  });
});
