import { expect, test, type Page } from "@playwright/test";

// The demo's OpenTelemetry side: auth's two instances export http.server.requests per route and
// status class over the last 3 days (18 label sets), and one unrecorded hotfix (x.y.1) that the
// reported versions reveal as a detected deploy.
const REQUESTS = "http.server.requests";
const P95 = "auth.api.latency.p95";

/** Hovers a chart at a fraction of its width, which sets the page's shared crosshair there. */
async function hover(page: Page, metric: string, at = 0.6) {
  const chart = page.locator(`[data-metric="${metric}"] [data-chart]`);
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * at, box.y + box.height / 2);
}

test("the min/max band toggle switches a downsampled chart between a band and a line, kept in the URL", async ({ page }) => {
  await page.goto("/services/auth?from=-7d&to=now");
  const panel = page.locator(`[data-metric="${P95}"]`);
  // A band: one area, filled between the envelope's edges and stroked along both.
  await expect(panel.locator(".recharts-area")).toHaveCount(1);
  await expect(panel.locator(".recharts-area .recharts-area-curve")).toHaveCount(2);
  await expect(panel.locator(".recharts-line")).toHaveCount(0);
  await hover(page, P95);
  await expect(panel.locator(`[data-crosshair-series="${P95}"]`)).toHaveAttribute("data-min", /\d/);

  await page.locator("[data-draw-toggle]").click();
  await expect(page).toHaveURL(/draw=line/);
  await expect(page.locator("[data-draw-toggle]")).not.toBeChecked();
  await expect(panel.locator(".recharts-area")).toHaveCount(0);
  await expect(panel.locator(".recharts-line")).toHaveCount(1);
  await hover(page, P95, 0.4);
  await expect(panel.locator(`[data-crosshair-series="${P95}"]`)).toHaveAttribute("data-value", /\d/);

  await page.reload();
  await expect(page.locator("[data-draw-toggle]")).not.toBeChecked();
  await expect(panel.locator(".recharts-line")).toHaveCount(1);
});

test("a labelled chart draws a line per label set with a legend; the label filter narrows it and by= groups it", async ({ page }) => {
  await page.goto("/services/auth?from=-3d&to=now");
  const panel = page.locator(`[data-metric="${REQUESTS}"]`);
  await panel.scrollIntoViewIfNeeded();
  const legend = panel.getByTestId("series-legend").locator("li");
  // 18 label sets: the six busiest drawn, the other twelve summed into one line.
  await expect(legend).toHaveCount(7);
  await expect(panel.locator(".recharts-line")).toHaveCount(7);
  await expect(legend.first()).toContainText("http_route=/oauth/token");
  await expect(legend.last()).toHaveText("other (12 series, summed)");

  const filter = page.locator("[data-label-filter]");
  await filter.fill('http_route="/login"');
  await filter.press("Enter");
  await expect(page).toHaveURL(/labels=http_route/);
  // Three status classes on two instances, all of /login (shared, so no longer named per line).
  await expect(legend).toHaveCount(6);
  await expect(panel.locator(".recharts-line")).toHaveCount(6);
  for (const text of await legend.allTextContents()) expect(text).not.toContain("route");

  await page.goto("/services/auth?from=-3d&to=now");
  await panel.scrollIntoViewIfNeeded();
  const by = page.locator("[data-group-by]");
  await by.fill("http_route");
  await by.press("Enter");
  await expect(page).toHaveURL(/by=http_route/);
  await expect(legend).toHaveCount(3);
  expect((await legend.allTextContents()).sort()).toEqual(["http_route=/login", "http_route=/oauth/token", "http_route=/userinfo"]);
});

test("hovering a labelled chart shows each line's label set in the crosshair readout", async ({ page }) => {
  await page.goto("/services/auth?from=-3d&to=now");
  const panel = page.locator(`[data-metric="${REQUESTS}"]`);
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByTestId("series-legend").locator("li")).toHaveCount(7);
  await hover(page, REQUESTS);
  const rows = panel.locator("[data-crosshair] [data-crosshair-series]");
  await expect(rows).toHaveCount(7);
  const first = rows.first();
  await expect(first).toHaveAttribute("data-value", /\d/);
  await expect(first).toContainText('http_route="/oauth/token"');
  await expect(first).toContainText('service="auth"');
  await expect(first).toContainText(/instance="auth-[12]"/);
});

test("the detected deploy is drawn with its own mark and carries data-deploy-id", async ({ page, request }) => {
  const res = await request.get("/api/v1/deployments?service=auth&from=-7d&to=now&limit=5000");
  const { deployments } = (await res.json()) as { deployments: { id: number; version: string; source: string }[] };
  const detected = deployments.filter((d) => d.source === "detected");
  expect(detected).toHaveLength(1);
  expect(detected[0].version).toMatch(/\.1$/);
  await page.goto("/services/auth?from=-7d&to=now");
  const mark = page.locator(`[data-metric="${P95}"] [data-deploy-id="${detected[0].id}"]`);
  await expect(mark).toBeVisible();
  await expect(mark).toHaveAttribute("data-source", "detected");
  await expect(mark).toHaveAttribute("aria-label", `detected deploy ${detected[0].version} to prod`);
  await expect(mark.locator("[data-detected-mark]")).toBeVisible();
  // Only the detected deploy has the ring, and the legend says what it means.
  await expect(page.locator(`[data-metric="${P95}"] [data-detected-mark]`)).toHaveCount(1);
  await expect(page.locator("[data-legend-detected]")).toContainText("detected");
});
