// Regenerates the README's screenshots (docs/screenshots/*.png) from the team-sized demo, in the
// light theme and, for a few pages, the dark one. Needs a build (`npm run build`) and Chromium.
//   npm run screenshots
import fs from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { startTeamServer } from "../bench/app/pages";
import type { TestServer } from "../lib/testing/server";

const OUT = path.resolve("docs/screenshots");
const VIEWPORT = { width: 1280, height: 820 };

interface Shot {
  file: string;
  path: string;
  /** What to wait for before the picture is taken. */
  ready: string;
  dark?: boolean;
  /** For a page meant for another screen than a laptop's (the standup TV). */
  viewport?: { width: number; height: number };
  /** Something to do first, e.g. hover a chart for the crosshair. */
  before?: (page: Page) => Promise<void>;
}

const hoverChart = (metric: string) => async (page: Page) => {
  const box = (await page.locator(`[data-metric="${metric}"] [data-chart]`).first().boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.62, box.y + box.height * 0.5);
};

const SHOTS: Shot[] = [
  { file: "overview", path: "/?sort=health", ready: "section[data-service] .recharts-line" },
  { file: "overview-dark", path: "/?sort=health", ready: "section[data-service] .recharts-line", dark: true },
  { file: "service-auth", path: "/services/auth?from=-7d&to=now", ready: '[data-metric="auth.api.latency.p95"] .chart-series' },
  {
    file: "service-checkout-30d",
    path: "/services/checkout?from=-30d&to=now",
    ready: "[data-metric] [data-deploy-id]",
    before: hoverChart("checkout.api.read.latency.p95"),
  },
  { file: "service-checkout-30d-dark", path: "/services/checkout?from=-30d&to=now", ready: "[data-metric] [data-deploy-id]", dark: true, before: hoverChart("checkout.api.read.latency.p95") },
  { file: "deployments", path: "/deployments", ready: "tr[data-deployment-id]" },
  { file: "deployments-dark", path: "/deployments", ready: "tr[data-deployment-id]", dark: true },
  { file: "deployment", path: "/rollbacks", ready: "section#verdict" },
  { file: "builds", path: "/builds?service=auth", ready: "tr[data-build-version]" },
  { file: "rollbacks", path: "/rollbacks", ready: "tr[data-rollback-id]" },
  { file: "metrics", path: "/metrics", ready: "tr[data-metric] .recharts-line" },
  { file: "dark-launch", path: "/dark-launch/auth", ready: "[data-readiness]" },
  { file: "delivery", path: "/dora", ready: "[data-dora-key] .recharts-line" },
  { file: "standup", path: "/standup", ready: ".chart-series", viewport: { width: 1920, height: 1080 } },
  { file: "metrics-chart", path: "/metrics/chart?m=auth.api.latency.p95,auth.api.latency.p99&service=auth&from=-24h&to=now", ready: ".chart-series" },
  { file: "criteria", path: "/services/auth/criteria", ready: "[data-criteria]" },
  { file: "compare", path: "/services/auth/compare", ready: "[data-compare-answer]" },
  { file: "ingest", path: "/ingest", ready: '[data-testid="retention-last-run"]' },
  { file: "webhooks", path: "/webhooks", ready: '[data-testid="webhooks"]' },
];

/** The team demo records no webhooks: two receivers (reserved example.com hosts, never reached) so the page has rows to show. */
async function addWebhooks(server: TestServer): Promise<void> {
  const receivers = [
    { service: "auth", url: "https://chat.example.com/services/T0DEMO/B0DEMO/secret-token", format: "slack", events: ["verdict.failed", "rollback.recorded"] },
    { url: "https://hooks.example.com/deploylines?key=secret", format: "json" },
  ];
  for (const json of receivers) {
    const res = await server.api("/api/v1/webhooks", { method: "POST", json });
    if (!res.ok) throw new Error(`POST /api/v1/webhooks answered ${res.status}: ${await res.text()}`);
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const server = await startTeamServer(console.log);
  await addWebhooks(server);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    for (const shot of SHOTS) {
      const context = await browser.newContext({ viewport: shot.viewport ?? VIEWPORT, colorScheme: shot.dark ? "dark" : "light" });
      const page = await context.newPage();
      let target = shot.path;
      if (shot.file === "deployment") {
        // The bad deploy that the auth demo rolled back: its page shows before/after and the verdict.
        await page.goto(`${server.url}/rollbacks?service=auth`);
        const href = await page.locator("tr[data-rollback-id] a", { hasText: "bad deploy" }).first().getAttribute("href");
        target = href!;
      }
      await page.goto(`${server.url}${target}`);
      await page.locator(shot.ready).first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(800);
      await shot.before?.(page);
      await page.screenshot({ path: path.join(OUT, `${shot.file}.png`) });
      console.log(`docs/screenshots/${shot.file}.png`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(server.dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
