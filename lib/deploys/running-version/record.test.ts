import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningVersion } from "@/lib/ingest/schema";
import type { Store } from "@/lib/store/types";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { recordRunningVersions } from "./record";

const MIN = 60_000;
const T = Date.UTC(2026, 0, 1, 12);
const WINDOW = 15 * MIN;

describe("recordRunningVersions", () => {
  let handle: ThrowawayStore;
  let store: Store;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
    store = handle.store;
  });
  afterAll(async () => handle?.dispose());

  const record = (versions: RunningVersion[], now: number) => recordRunningVersions(store, versions, now, { windowMs: WINDOW, via: "Prometheus (*_build_info)" });
  const detected = (service: string) => store.listDeployments({ service }).then((rows) => rows.filter((d) => d.source === "detected"));

  it("stores a first report without a deploy, then detects a change once however often it is reported", async () => {
    expect(await record([{ service: "det-a", environment: "prod", version: "1.0", ts: T }], T)).toMatchObject({ reports: 1, changes: 1, detected: [] });
    const batch = [{ service: "det-a", environment: "prod", version: "1.1", ts: T + 30 * MIN }];
    const first = await record(batch, T + 30 * MIN);
    expect(first.detected).toMatchObject([{ version: "1.1", previousVersion: "1.0", source: "detected", author: "detected", startedAt: T + 30 * MIN }]);
    expect(first.detected[0].description).toContain("through Prometheus (*_build_info)");
    await record(batch, T + 31 * MIN);
    await record([{ ...batch[0], ts: T + 32 * MIN }], T + 32 * MIN);
    expect(await detected("det-a")).toHaveLength(1);
    expect(await store.listRunningVersions({ service: "det-a" })).toMatchObject([{ version: "1.1", since: T + 30 * MIN, lastSeen: T + 32 * MIN }]);
  });

  it("detects nothing for a change a recorded deploy accounts for, before or after it within the window", async () => {
    await record([{ service: "det-b", environment: "prod", version: "1.0", ts: T }], T);
    await store.createDeployment({ service: "det-b", environment: "prod", version: "2.0", kind: "deploy", strategy: "all-at-once", startedAt: T + 50 * MIN });
    expect((await record([{ service: "det-b", environment: "prod", version: "2.0", ts: T + 40 * MIN }], T + 40 * MIN)).detected).toEqual([]);
    await store.createDeployment({ service: "det-b", environment: "prod", version: "3.0", kind: "deploy", strategy: "all-at-once", startedAt: T + 60 * MIN });
    expect((await record([{ service: "det-b", environment: "prod", version: "3.0", ts: T + 60 * MIN + WINDOW }], T + 90 * MIN)).detected).toEqual([]);
    expect(await detected("det-b")).toEqual([]);
  });

  it("reads instances of two versions interleaving during a rollout as one deploy", async () => {
    await record([{ service: "det-c", environment: "prod", version: "1.0", ts: T }], T);
    for (let i = 1; i <= 20; i++) {
      const at = T + 60 * MIN + i * 30_000;
      await record([{ service: "det-c", environment: "prod", version: i % 2 ? "1.1" : "1.0", ts: at }], at);
    }
    await record([{ service: "det-c", environment: "prod", version: "1.1", ts: T + 71 * MIN }], T + 71 * MIN);
    expect((await detected("det-c")).map((d) => d.version)).toEqual(["1.1"]);
  });

  it("files a report without an environment under the last of the promotion order", async () => {
    await store.setEnvironments(["test", "staging", "live"]);
    await record([{ service: "det-d", version: "5", ts: T }], T);
    expect((await store.listRunningVersions({ service: "det-d" })).map((r) => r.environment)).toEqual(["live"]);
    await store.setEnvironments(["test", "prod"]);
  });
});
