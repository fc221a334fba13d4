import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordDeployment } from "@/lib/deploys/record";
import { jobLease } from "@/lib/server/jobs";
import type { Point, Store } from "@/lib/store/types";
import { testPgUrl } from "@/lib/testing/pg-url";
import { openThrowawayPg, openThrowawaySqlite, type OpenThrowawayStore, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { criteriaSchema } from "@/lib/verdicts/criteria-schema";
import { judgeDueDeployments } from "@/lib/verdicts/job";

const MIN = 60_000;
const NOW = Date.UTC(2025, 5, 1, 12, 0);
const noCutoffs = () => ({ raw: 0, "1m": 0, "1h": 0 });
const pgUrl = testPgUrl();
const implementations: [string, OpenThrowawayStore][] = [["sqlite", openThrowawaySqlite]];
if (pgUrl) implementations.push(["postgres", openThrowawayPg(pgUrl)]);

/** A point every 10 s over the two hours before NOW. */
const steady = (value: number): Point[] => Array.from({ length: 720 }, (_, i) => [NOW - 2 * 60 * MIN + i * 10_000, value]);

/**
 * The real store with a fault or a race injected into its point reads: reading a metric whose
 * name starts `poison.` throws (as a corrupt row would), and `duringRead` runs once, in the
 * middle of a judging, as a request landing on another instance would.
 */
function withInjection(store: Store, ids: Map<number, string>, hooks: { duringRead?: () => Promise<void> } = {}): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === "rawPoints") {
        return async (metricId: number, from: number, to: number) => {
          if (ids.get(metricId)?.startsWith("poison.")) throw new Error("corrupt points row");
          const race = hooks.duringRead;
          hooks.duringRead = undefined;
          if (race) await race();
          return target.rawPoints(metricId, from, to);
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const criteria = (metric: string) => criteriaSchema.parse({ windowMinutes: 10, rules: [{ metric, agg: "max", below: 1 }] });

describe.each(implementations)("verdict job under faults and races: %s", (_dialect, open) => {
  let handle: ThrowawayStore;
  let store: Store;
  const ids = new Map<number, string>();
  const deploy = async (service: string, version: string, startedAt: number) =>
    (await recordDeployment(store, { service, environment: "prod", version, kind: "deploy", strategy: "all-at-once", startedAt, finishedAt: startedAt })).deployment;

  beforeAll(async () => {
    handle = await open(noCutoffs);
    store = handle.store;
    await store.ingest({ series: [{ metric: "poison.errors", points: steady(0) }, { metric: "zfine.errors", points: steady(0.1) }, { metric: "race.errors", points: steady(0.1) }] });
    for (const m of await store.listMetrics()) ids.set(m.id, m.name);
  });
  afterAll(async () => handle?.dispose());

  it("marks 60 throwing deploys with their error and backs them off, judging the others meanwhile", async () => {
    await store.upsertService("apoison", { criteria: criteria("poison.errors") });
    await store.upsertService("zfine", { criteria: criteria("zfine.errors") });
    const poisoned = [];
    for (let i = 0; i < 60; i++) poisoned.push(await deploy("apoison", `p${i}`, NOW - 100 * MIN + i * 1000));
    const fine = await deploy("zfine", "1.0", NOW - 30 * MIN);
    const faulty = withInjection(store, ids);

    const first = await judgeDueDeployments(faulty, NOW, 50);
    expect(first).toMatchObject({ errors: 50, verdicts: 0 });
    const second = await judgeDueDeployments(faulty, NOW + 1000, 50);
    // The 50 that threw wait for their retry; the 10 not yet tried throw now, and the fine deploy is judged in the same run.
    expect(second).toMatchObject({ errors: 10, verdicts: 1 });
    expect((await store.getDeployment(fine.id))?.verdictStatus).toBe("healthy");

    const marked = (await store.getDeployment(poisoned[0].id))!;
    expect(marked).toMatchObject({ verdictStatus: "pending", judgeError: "corrupt points row", judgeAttempts: 1, judgeRetryAt: NOW + 30_000 });
    await judgeDueDeployments(faulty, NOW + 31_000, 50);
    expect(await store.getDeployment(poisoned[0].id)).toMatchObject({ judgeAttempts: 2, judgeRetryAt: NOW + 31_000 + 60_000 });
    // Healed data: judged on the next retry, and the error is cleared.
    await judgeDueDeployments(store, NOW + 200_000, 100);
    expect(await store.getDeployment(poisoned[0].id)).toMatchObject({ verdictStatus: "healthy", judgeError: null, judgeAttempts: 0, judgeRetryAt: null });
  });

  it("drops a verdict computed while the deploy was patched, and judges it again afterwards", async () => {
    await store.upsertService("race", { criteria: criteria("race.errors") });
    const d = await deploy("race", "1.0", NOW - 60 * MIN);
    const racing = withInjection(store, ids, { duringRead: async () => void (await store.updateDeployment(d.id, { description: "patched mid-judging" })) });
    expect(await judgeDueDeployments(racing, NOW, 50)).toMatchObject({ stale: 1 });
    expect(await store.getDeployment(d.id)).toMatchObject({ verdictStatus: "pending", description: "patched mid-judging" });
    await judgeDueDeployments(store, NOW, 50);
    expect((await store.getDeployment(d.id))?.verdictStatus).toBe("healthy");
  });

  it("drops a verdict computed on criteria that changed meanwhile", async () => {
    const d = await deploy("race", "2.0", NOW - 40 * MIN);
    // The new criteria fail every deploy: a verdict on the old ones must not be written.
    const strict = criteriaSchema.parse({ windowMinutes: 10, rules: [{ metric: "race.errors", agg: "max", below: 0.01 }] });
    const racing = withInjection(store, ids, { duringRead: async () => void (await store.setServiceCriteria("race", strict, NOW + 1)) });
    expect(await judgeDueDeployments(racing, NOW, 50)).toMatchObject({ stale: 1 });
    expect((await store.getDeployment(d.id))?.verdictStatus).toBe("pending");
    await judgeDueDeployments(store, NOW, 50);
    expect((await store.getDeployment(d.id))?.verdictStatus).toBe("failed");
  });

  it("renews its lease during a long run and stops once another instance holds it", async () => {
    expect(await store.tryLease("job:test", "a", 300)).toBe(true);
    const lease = jobLease(store, "job:test", "a", 300);
    await new Promise((r) => setTimeout(r, 150));
    expect(await lease.renew()).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    // Renewed at 150 ms, so still ours at 350 ms although the first grant ran out at 300 ms.
    expect(await store.tryLease("job:test", "b", 300)).toBe(false);
    await new Promise((r) => setTimeout(r, 350));
    expect(await store.tryLease("job:test", "b", 60_000)).toBe(true);
    expect(await lease.renew()).toBe(false);
    await store.upsertService("late", { criteria: criteria("race.errors") });
    await deploy("late", "1.0", NOW - 30 * MIN);
    expect(await judgeDueDeployments(store, NOW, 50, lease)).toMatchObject({ verdicts: 0 });
  });
});
