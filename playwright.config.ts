import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_TOKEN = "e2e-token";

// The built app (npm run build first) on a fresh SQLite file with the demo data.
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1400, height: 1000 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: `rm -rf .tmp/e2e && node scripts/serve.mjs -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      DATABASE_URL: "file:.tmp/e2e/deploylines.db",
      DEPLOYLINES_DEMO: "1",
      DEPLOYLINES_TOKEN: E2E_TOKEN,
      DEPLOYLINES_GRAPHITE_PORT: "off",
      DEPLOYLINES_PICKLE_PORT: "off",
      DEPLOYLINES_STATSD_PORT: "off",
      // The server's clock in UTC, whatever the machine's: e2e/time-zone.spec.ts reads the pages from another zone.
      TZ: "UTC",
    },
  },
});
