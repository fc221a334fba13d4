import { expect, test, type Page } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";

const distinctDeployIds = (page: Page) =>
  // A mark standing for several deploys lists all their ids, space-separated.
  page.evaluate(() => new Set([...document.querySelectorAll("[data-deploy-id]")].flatMap((e) => e.getAttribute("data-deploy-id")!.split(" "))).size);

test("overview lists the demo service with live versions and a sparkline", async ({ page }) => {
  await page.goto("/");
  const card = page.locator('[data-service="auth"]');
  await expect(card).toBeVisible();
  await expect(card.getByText("prod", { exact: true })).toBeVisible();
  await expect(card.locator(".recharts-line")).toBeVisible();
});

test("the service dashboard draws one data-deploy-id per deploy in range", async ({ page, request }) => {
  const now = Date.now();
  const from = now - 7 * 86_400_000;
  const res = await request.get(`/api/v1/deployments?service=auth&from=${from}&to=${now}&limit=5000`);
  const { deployments } = await res.json();
  expect(deployments.length).toBeGreaterThan(20);
  await page.goto(`/services/auth?from=${from}&to=${now}`);
  await expect(page.locator('[data-metric="auth.api.latency.p95"] .chart-series').first()).toBeVisible();
  await expect.poll(() => distinctDeployIds(page)).toBe(deployments.length);
  // Rollbacks are their own kind of line.
  await expect(page.locator('[data-deploy-id][data-kind="rollback"]').first()).toBeAttached();
});

test("a page loads without prefetching the routes it links to; pointing at a link prefetches that one", async ({ page }) => {
  const prefetched: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("_rsc=")) prefetched.push(new URL(r.url()).pathname);
  });
  await page.goto("/services/auth?from=-24h&to=now");
  await expect(page.locator('[data-metric="auth.api.latency.p95"] .chart-series').first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(prefetched).toEqual([]);
  await page.getByRole("link", { name: "deploy history →" }).hover();
  await expect.poll(() => prefetched).toContain("/deployments");
  await page.getByRole("link", { name: "deploy history →" }).click();
  await expect(page).toHaveURL(/\/deployments\?service=auth/);
});

test("hovering a deploy line shows the deploy; clicking opens it", async ({ page, request }) => {
  const res = await request.post("/api/v1/deployments", {
    headers: { authorization: `Bearer ${E2E_TOKEN}` },
    data: { service: "auth", environment: "prod", version: "7.7.7-hover", commit: "feedface1234", author: "e2e-bot", startedAt: "-30m" },
  });
  const id = (await res.json()).deployment.id;
  await page.goto("/services/auth?from=-1h&to=now");
  const panel = page.locator('[data-metric="auth.api.latency.p95"]');
  const line = panel.locator(`[data-deploy-id="${id}"]`);
  await expect(line).toBeAttached();
  const card = panel.getByText(`click to open deploy #${id}`);
  // The page refreshes its charts on an interval: a line redrawn under a still mouse gets no new
  // mouseover (and a redraw can close the card), so the hover is repeated until the card shows
  // with all it says.
  await expect(async () => {
    await line.hover({ force: true });
    await expect(card).toBeVisible({ timeout: 2_000 });
    await expect(panel.getByText("7.7.7-hover", { exact: true }).first()).toBeVisible({ timeout: 1_000 });
    await expect(panel.getByText("by e2e-bot")).toBeVisible({ timeout: 1_000 });
    await expect(panel.getByText("commit feedface1234")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await line.click({ force: true });
  await expect(page).toHaveURL(new RegExp(`/deployments/${id}$`));
});

test("deploy lines toggle per environment and kind, kept in the URL", async ({ page }) => {
  await page.goto("/services/auth?from=-7d&to=now");
  const panel = page.locator('[data-metric="auth.api.errors.rate"]');
  await expect(panel.locator('[data-deploy-id][data-environment="test"]').first()).toBeAttached();
  await page.locator('[data-env-toggle="test"]').click();
  await expect(page).toHaveURL(/hide=test/);
  await expect(panel.locator('[data-deploy-id][data-environment="test"]')).toHaveCount(0);
  await expect(panel.locator('[data-deploy-id][data-environment="prod"]').first()).toBeAttached();
  await page.locator('[data-kind-toggle="rollback"]').click();
  await expect(panel.locator('[data-deploy-id][data-kind="rollback"]')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-env-toggle="test"]')).not.toBeChecked();
});

test("range presets and drag-to-zoom put the range in the URL", async ({ page }) => {
  await page.goto("/services/auth");
  await page.getByRole("button", { name: "7d" }).click();
  await expect(page).toHaveURL(/from=-7d&to=now/);
  const chart = page.locator('[data-metric="auth.api.latency.p50"] .recharts-surface');
  await expect(chart).toBeVisible();
  // The 7-day data and the charts below arrive after the click: measure once the layout has settled
  // and the chart's box holds still (a box read mid-layout once made a 20% drag zoom to a third).
  await page.waitForLoadState("networkidle");
  let box = (await chart.boundingBox())!;
  await expect
    .poll(async () => {
      const now = (await chart.boundingBox())!;
      const still = now.x === box.x && now.y === box.y && now.width === box.width;
      box = now;
      return still;
    }, { intervals: [250] })
    .toBe(true);
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d{13}&to=\d{13}/);
  const url = new URL(page.url());
  const span = Number(url.searchParams.get("to")) - Number(url.searchParams.get("from"));
  expect(span).toBeGreaterThan(0.1 * 7 * 86_400_000);
  expect(span).toBeLessThan(0.3 * 7 * 86_400_000);
});

test("a new deploy appears on the chart without a reload", async ({ page, request }) => {
  await page.goto("/services/auth?from=-1h&to=now");
  await expect(page.locator('[data-metric="auth.api.latency.p95"] .chart-series').first()).toBeVisible();
  const before = await distinctDeployIds(page);
  const res = await request.post("/api/v1/deployments", {
    headers: { authorization: `Bearer ${E2E_TOKEN}` },
    data: { service: "auth", environment: "test", version: "9.9.9-e2e", startedAt: "-2m" },
  });
  expect(res.status()).toBe(201);
  const { deployment } = await res.json();
  await expect(page.locator(`[data-deploy-id="${deployment.id}"]`).first()).toBeAttached({ timeout: 25_000 });
  expect(await distinctDeployIds(page)).toBe(before + 1);
});

test("compare versions answers better or worse, names at most four worse metrics, and draws each metric's chart as it scrolls into view", async ({ page }) => {
  await page.goto("/services/auth/compare");
  const summary = page.locator("[data-compare-answer]");
  await expect(summary).toBeVisible();
  const worse = (await summary.innerText()).match(/worse on (\d+) metrics?(?: \((.*?)\), better)?/);
  expect(worse).not.toBeNull();
  const named = worse![2] ?? "";
  if (Number(worse![1]) > 4) expect(named).toMatch(new RegExp(`and ${Number(worse![1]) - 4} more, below$`));
  const panels = page.locator("[data-compare-metric]");
  expect(await panels.count()).toBeGreaterThan(3);
  await panels.last().scrollIntoViewIfNeeded();
  await expect(panels.last().locator(".recharts-line").first()).toBeVisible();
});
