import { expect, test } from "@playwright/test";

test("a reader in another time zone than the server's: no hydration error, the range in their own time", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "Pacific/Auckland" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/services/auth?from=-24h&to=now");
  await expect(page.locator('[data-metric="auth.api.latency.p95"] .chart-series').first()).toBeVisible();
  const header = page.locator("time").first();
  const iso = (await header.getAttribute("datetime"))!;
  const auckland = new Intl.DateTimeFormat("en-GB", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Pacific/Auckland" }).format(new Date(iso));
  await expect(header).toHaveText(auckland);
  expect(errors).toEqual([]);
  await context.close();
});
