import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRunningVersions } from "@/lib/deploys/running-version/record";
import type { Store } from "@/lib/store/types";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { notifyDriftChanges } from "./drift-job";

const MIN = 60_000;
const NOW = Date.now();
const GRACE = 10 * MIN;

describe("drift notifications", () => {
  let handle: ThrowawayStore;
  let store: Store;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
    store = handle.store;
    await store.createWebhook({ service: null, url: "http://127.0.0.1:9/all", format: "json", secret: "x", events: ["version.drift"], createdAt: NOW });
  });
  afterAll(async () => handle?.dispose());

  const report = (service: string, version: string, ts: number) => recordRunningVersions(store, [{ service, environment: "prod", version, ts }], ts, { windowMs: 15 * MIN });
  const deliveries = (service: string) => store.listDeliveries({ service, limit: 10 });

  it("fire once when drift starts, and again for a drift after one ended", async () => {
    const deploy = await store.createDeployment({ service: "drifty", environment: "prod", version: "1.0", kind: "deploy", strategy: "all-at-once", startedAt: NOW - 60 * MIN });
    await report("drifty", "1.0", NOW - 59 * MIN);
    await report("drifty", "1.1", NOW - 30 * MIN);
    await report("drifty", "1.1", NOW - 25 * MIN);
    expect(await notifyDriftChanges(store, NOW, GRACE)).toBe(0);
    await report("drifty", "1.1", NOW - MIN);
    expect(await notifyDriftChanges(store, NOW, GRACE)).toBe(1);
    expect(await notifyDriftChanges(store, NOW, GRACE)).toBe(0);
    const [delivery] = await deliveries("drifty");
    expect(delivery).toMatchObject({ event: "version.drift", state: "pending" });
    expect(delivery.payload).toMatchObject({
      event: "version.drift",
      url: "/services/drifty",
      drift: { environment: "prod", running: "1.1", deployed: "1.0", deploymentId: deploy.id, driftSince: NOW - 30 * MIN },
      text: `drifty in prod runs 1.1, not 1.0 (the last recorded deploy), since ${new Date(NOW - 30 * MIN).toISOString()}`,
    });

    await store.createDeployment({ service: "drifty", environment: "prod", version: "1.1", kind: "deploy", strategy: "all-at-once", startedAt: NOW });
    expect(await notifyDriftChanges(store, NOW, GRACE)).toBe(0);
    expect((await store.listRunningVersions({ service: "drifty" }))[0].driftNotified).toBeNull();
    await store.createDeployment({ service: "drifty", environment: "prod", version: "1.2", kind: "deploy", strategy: "all-at-once", startedAt: NOW + MIN });
    await report("drifty", "1.1", NOW + 20 * MIN);
    expect(await notifyDriftChanges(store, NOW + 20 * MIN, GRACE)).toBe(1);
    expect(await deliveries("drifty")).toHaveLength(2);
  });

  it("record a drift whose last report is over an hour old without notifying it", async () => {
    await store.createDeployment({ service: "quiet", environment: "prod", version: "2.0", kind: "deploy", strategy: "all-at-once", startedAt: NOW - 5 * 60 * MIN });
    await report("quiet", "1.9", NOW - 4 * 60 * MIN);
    await report("quiet", "1.9", NOW - 2 * 60 * MIN);
    expect(await notifyDriftChanges(store, NOW, GRACE)).toBe(0);
    expect((await store.listRunningVersions({ service: "quiet" }))[0].driftNotified).toBe("1.9→2.0");
    expect(await deliveries("quiet")).toEqual([]);
  });
});
