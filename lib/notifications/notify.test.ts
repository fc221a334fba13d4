import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import type { Store } from "@/lib/store/types";
import { judgeDeployment, ROLLOUT_FAILED } from "@/lib/verdicts/judge-deployment";
import { notifyVerdict } from "./enqueue";
import { deliveryBody } from "./payload";
import { notifyReadinessChanges } from "./readiness-job";
import { signBody, verifySignature } from "./sign";

const NOW = Date.UTC(2026, 0, 1, 12);

describe("signatures", () => {
  it("verify the body they sign with the secret they were made with, while fresh", () => {
    const header = signBody("s3cret", '{"a":1}', 1_000);
    expect(header).toMatch(/^t=1000,v1=[0-9a-f]{64}$/);
    expect(verifySignature("s3cret", '{"a":1}', header, 1_100)).toBe(true);
    expect(verifySignature("s3cret", '{"a":2}', header, 1_100)).toBe(false);
    expect(verifySignature("other", '{"a":1}', header, 1_100)).toBe(false);
    expect(verifySignature("s3cret", '{"a":1}', header, 1_000 + 301)).toBe(false);
    expect(verifySignature("s3cret", '{"a":1}', "garbage", 1_000)).toBe(false);
  });
});

describe("notifications", () => {
  let handle: ThrowawayStore;
  let store: Store;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
    store = handle.store;
    await store.createWebhook({ service: null, url: "http://127.0.0.1:9/all", format: "slack", secret: "x", events: ["verdict.failed", "verdict.inconclusive", "dark_launch.readiness"], createdAt: NOW });
  });
  afterAll(async () => handle?.dispose());

  it("queue failed and inconclusive verdicts, not healthy ones, with the failing rules in the text", async () => {
    const row = await store.createDeployment({ service: "auth", environment: "prod", version: "2.0", kind: "deploy", strategy: "all-at-once", startedAt: NOW });
    const failed = (await store.updateDeployment(row.id, { verdictStatus: "failed", verdict: { windowEndsAt: NOW, evidence: [{ metric: "auth.errors", passed: false, reason: "max 3 is not below 1" }, { metric: "auth.p95", passed: true }] } }))!;
    await notifyVerdict(store, failed, NOW + 60_000);
    await notifyVerdict(store, { ...failed, verdictStatus: "healthy" }, NOW + 60_000);
    // Reached two hours after the window closed (a re-judging after a criteria change): not sent.
    await notifyVerdict(store, failed, NOW + 2 * 3_600_000);
    const [delivery] = await store.listDeliveries({ service: "auth", limit: 10 });
    expect(delivery).toMatchObject({ event: "verdict.failed", state: "pending" });
    expect((delivery.payload as { text: string }).text).toBe("auth 2.0 in prod: verdict failed (auth.errors: max 3 is not below 1)");
    expect(JSON.parse(deliveryBody("slack", delivery.payload as never))).toMatchObject({ text: expect.stringContaining(`|details>`), attachments: [{ color: "#dc2626" }] });
    expect(await store.listDeliveries({ service: "auth", limit: 10 })).toHaveLength(1);
  });

  it("queue a failed rollout's verdict with its reason, and not when it is recorded long after", async () => {
    const judged = async (version: string, finishedAt: number) => {
      const row = await store.createDeployment({ service: "flop", environment: "prod", version, kind: "deploy", strategy: "all-at-once", status: "failed", startedAt: finishedAt - 60_000, finishedAt });
      const { changes } = await judgeDeployment(store, row, null, () => Promise.resolve([]), NOW + 60_000);
      return (await store.updateDeployment(row.id, changes!))!;
    };
    await notifyVerdict(store, await judged("1.0", NOW), NOW + 60_000);
    await notifyVerdict(store, await judged("0.9", NOW - 2 * 3_600_000), NOW + 60_000);
    const deliveries = await store.listDeliveries({ service: "flop", limit: 10 });
    expect(deliveries.map((d) => (d.payload as { text: string }).text)).toEqual([`flop 1.0 in prod: verdict failed (${ROLLOUT_FAILED})`]);
  });

  it("notify a dark launch's readiness change, but not its first 'not enough data yet'", async () => {
    const sample = (ts: number) => ({ service: "shop", ts, method: "GET", path: "/", endpoint: "GET /", primaryStatus: 200, candidateStatus: 200, match: true, primaryMs: 10, candidateMs: 10 });
    await store.addDarkLaunchSamples([sample(NOW - 1000)], { candidateVersion: "3.0" });
    expect(await notifyReadinessChanges(store, NOW)).toBe(0);
    expect((await store.listDarkLaunches()).find((l) => l.service === "shop")?.readiness).toBe("insufficient_data");
    await store.addDarkLaunchSamples(Array.from({ length: 150 }, (_, i) => sample(NOW - 2000 - i)));
    expect(await notifyReadinessChanges(store, NOW)).toBe(1);
    expect(await notifyReadinessChanges(store, NOW)).toBe(0);
    const [delivery] = await store.listDeliveries({ service: "shop", limit: 10 });
    expect(delivery.payload).toMatchObject({ event: "dark_launch.readiness", darkLaunch: { candidateVersion: "3.0", readiness: "ready", previous: "insufficient_data" } });
  });
});
