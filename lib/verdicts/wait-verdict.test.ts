import { getEventListeners } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordDeployment } from "@/lib/deploys/record";
import type { Store } from "@/lib/store/types";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { criteriaSchema } from "./criteria-schema";
import { MAX_WAITERS, waitForVerdict } from "./wait-verdict";

const MIN = 60_000;
const noCutoffs = () => ({ raw: 0, "1m": 0, "1h": 0 });

/** The store, with a count of the calls made to each of its methods. */
function counted(store: Store): { store: Store; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls[String(key)] = (calls[String(key)] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe("waitForVerdict", () => {
  let handle: ThrowawayStore;
  let store: Store;
  let rolling: number;
  let finished: number;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(noCutoffs);
    store = handle.store;
    const now = Date.now();
    const criteria = (metric: string) => criteriaSchema.parse({ rules: [{ metric, agg: "max", below: 1 }] });
    await store.upsertService("api", { criteria: criteria("api.errors.rate") });
    await store.upsertService("web", { criteria: criteria("web.errors.rate") });
    rolling = (await recordDeployment(store, { service: "api", environment: "prod", version: "1.0", kind: "deploy", strategy: "all-at-once", status: "in_progress", startedAt: now - MIN })).deployment.id;
    finished = (await recordDeployment(store, { service: "web", environment: "prod", version: "2.0", kind: "deploy", strategy: "all-at-once", startedAt: now - 90 * MIN, finishedAt: now - 88 * MIN })).deployment.id;
  });
  afterAll(async () => handle?.dispose());

  it("leaves no abort listener on the request's signal after its sleeps", async () => {
    const signal = new AbortController().signal;
    const state = await waitForVerdict(store, rolling, 2_300, signal);
    expect(state).toMatchObject({ final: false, waited: true });
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("over the cap of waiters, answers the stored row without judging", async () => {
    const stop = new AbortController();
    const fillers = Array.from({ length: MAX_WAITERS }, () => waitForVerdict(store, rolling, 10_000, stop.signal));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const spy = counted(store);
    const over = await waitForVerdict(spy.store, finished, 0);
    expect(over).toMatchObject({ deployment: { id: finished }, final: false, verdict: null, waited: false, waitedMs: 0 });
    expect(spy.calls).toEqual({ getDeployment: 1 });
    stop.abort();
    await Promise.all(fillers);

    const under = await waitForVerdict(spy.store, finished, 0);
    expect(under).toMatchObject({ waited: true });
    expect(spy.calls.getService).toBe(1);
  });

  it("shares one evaluation among the callers of a moment, but not across a change to the deploy", async () => {
    const now = Date.now();
    const id = (await recordDeployment(store, { service: "web", environment: "prod", version: "2.1", kind: "deploy", strategy: "all-at-once", startedAt: now - 2 * MIN, finishedAt: now - MIN })).deployment.id;
    const spy = counted(store);
    const [first, second] = await Promise.all([waitForVerdict(spy.store, id, 0), waitForVerdict(spy.store, id, 0)]);
    expect(first).toMatchObject({ final: false, deployment: { status: "succeeded" } });
    expect(second?.verdict).toEqual(first?.verdict);
    expect(spy.calls.getService).toBe(1);
    // Rolled back a moment later: the next caller sees it, not the evaluation shared before.
    await store.updateDeployment(id, { status: "rolled_back" });
    expect(await waitForVerdict(spy.store, id, 0)).toMatchObject({ deployment: { status: "rolled_back" } });
    expect(spy.calls.getService).toBe(2);
  });
});
