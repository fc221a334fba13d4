import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import type { Store } from "@/lib/store/types";
import { runRetention } from "./retention-run";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);

describe("the retention job", () => {
  let handle: ThrowawayStore;
  let store: Store;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
    store = handle.store;
  });
  afterAll(async () => handle?.dispose());

  it("also deletes dark-launch samples past 30 days and deploy events past a year, by default", async () => {
    const sample = (ts: number) => ({ service: "auth", ts, method: "GET", path: "/", endpoint: "GET /", primaryStatus: 200, candidateStatus: 200, match: true, primaryMs: 1, candidateMs: 1 });
    await store.addDarkLaunchSamples([sample(NOW - 31 * DAY), sample(NOW - 29 * DAY)]);
    const deploy = (startedAt: number) => store.createDeployment({ service: "auth", environment: "prod", version: String(startedAt), kind: "deploy", strategy: "all-at-once", startedAt });
    const old = await deploy(NOW - 366 * DAY);
    const recent = await deploy(NOW - 364 * DAY);
    const run = await runRetention(store, NOW);
    expect(run.history).toEqual({ samples: 1, events: 1, deliveries: 0 });
    expect(await store.listDarkLaunchSamples("auth", 0, NOW)).toHaveLength(1);
    expect(await store.deploymentEvents(old.id)).toEqual([]);
    expect(await store.deploymentEvents(recent.id)).toHaveLength(1);
    // The deploys themselves stay: only their timelines age out.
    expect(await store.getDeployment(old.id)).toBeDefined();
  });
});
