import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";

const HOUR = 3_600_000;

test("a signed-in user rolls the live deploy back from its page, and signs out", async ({ page, request }) => {
  const record = async (version: string, ago: number) => {
    const res = await request.post("/api/v1/deployments", {
      headers: { authorization: `Bearer ${E2E_TOKEN}` },
      data: { service: "uirollback", environment: "prod", version, status: "succeeded", startedAt: Date.now() - ago, finishedAt: Date.now() - ago + 60_000 },
    });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { deployment: { id: number } }).deployment.id;
  };
  const replaced = await record("1.0", 2 * HOUR);
  const live = await record("1.1", HOUR);

  // Read-only until signed in: the live deploy's page says how to roll it back.
  await page.goto(`/deployments/${live}`);
  await expect(page.getByText("to roll this deploy back")).toBeVisible();
  await page.goto("/login");
  await page.getByLabel(/token/i).fill(E2E_TOKEN);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));

  // A deploy that a later one replaced offers no rollback.
  await page.goto(`/deployments/${replaced}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("1.0");
  await expect(page.getByRole("button", { name: "Roll back…" })).toHaveCount(0);

  await page.goto(`/deployments/${live}`);
  await page.getByRole("button", { name: "Roll back…" }).click();
  await page.getByLabel("reason").fill("p95 doubled");
  await page.getByRole("button", { name: "Roll back now" }).click();
  await page.waitForURL((url) => /^\/deployments\/\d+$/.test(url.pathname) && url.pathname !== `/deployments/${live}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("1.0");
  await expect(page.locator(`[data-rollback-of="${live}"]`)).toBeVisible();
  await expect(page.getByText("p95 doubled")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});
