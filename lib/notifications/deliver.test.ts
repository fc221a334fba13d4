import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobLease } from "@/lib/server/jobs";
import type { Store } from "@/lib/store/types";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { deliverDue } from "./deliver";

/** A lease that answers `held` and counts how often it was asked. */
function countingLease(held: boolean): JobLease & { renewals: number } {
  const lease = { renewals: 0, renew: async () => (lease.renewals++, held) };
  return lease;
}

describe("deliverDue", () => {
  let handle: ThrowawayStore;
  let store: Store;
  let receiver: http.Server;
  const received: string[] = [];
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
    store = handle.store;
    receiver = http.createServer((req, res) => {
      received.push(req.url!);
      req.resume().on("end", () => res.writeHead(200).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await store.createWebhook({ service: "svc", url, format: "json", secret: "s", events: ["verdict.failed"], createdAt: 0 });
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await handle?.dispose();
  });

  it("sends nothing once the job's lease is lost, and a later run sends what that one had claimed", async () => {
    const now = Date.now();
    await store.enqueueDeliveries("verdict.failed", "svc", { text: "a" }, now);
    await store.enqueueDeliveries("verdict.failed", "svc", { text: "b" }, now);
    const lost = countingLease(false);
    expect(await deliverDue(store, now, lost)).toEqual({ delivered: 0, failed: 0 });
    expect(received).toEqual([]);
    // Claimed by the run that lost its lease: no one else sends them until the claim runs out.
    expect(await deliverDue(store, now + 1_000, countingLease(true))).toEqual({ delivered: 0, failed: 0 });
    const held = countingLease(true);
    expect(await deliverDue(store, now + 60_000, held)).toEqual({ delivered: 2, failed: 0 });
    expect(received).toEqual(["/hook", "/hook"]);
    expect(held.renewals).toBe(4);
    expect((await store.listDeliveries({ service: "svc", limit: 10 })).map((d) => d.state)).toEqual(["delivered", "delivered"]);
  });
});
