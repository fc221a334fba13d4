import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordDeployment } from "@/lib/deploys/record";
import { updateDeployment } from "@/lib/deploys/update";
import { DEMO_CRITERIA, loadDemoPlan, seedDemo } from "@/lib/demo/seed";
import type { StoredImpact } from "@/lib/impact/deployment-impact";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import type { Point, Store } from "@/lib/store/types";
import { criteriaSchema } from "./criteria-schema";
import { judgeDueDeployments } from "./job";
import { ROLLOUT_FAILED, type StoredVerdict } from "./judge-deployment";

const MIN = 60_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 2, 10, 12, 0);
const noCutoffs = () => ({ raw: 0, "1m": 0, "1h": 0 });

/** A point every 10 s in [from, to) with the value `at(ts)` gives. */
function points(from: number, to: number, at: (ts: number) => number): Point[] {
  const out: Point[] = [];
  for (let ts = from; ts < to; ts += 10_000) out.push([ts, at(ts)]);
  return out;
}

/** Runs the job until it finds nothing more to do, as the server's ticks would. */
async function drain(store: Store, now: number) {
  for (let i = 0; i < 20; i++) {
    const done = await judgeDueDeployments(store, now, 25);
    if (done.verdicts === 0 && done.impacts === 0) return;
  }
}

describe("verdict job", () => {
  let handle: ThrowawayStore;
  let store: Store;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(noCutoffs);
    store = handle.store;
  });
  afterAll(async () => handle?.dispose());

  it("judges closed windows, waits for open ones, names the rollback target, and analyses impact", async () => {
    const badFrom = NOW - 2 * HOUR;
    await store.ingest({
      series: [
        { metric: "shop.errors.rate", points: points(NOW - 6 * HOUR, NOW, (ts) => (ts >= badFrom && ts < badFrom + 40 * MIN ? 5 : 0.1 + (ts % 7) / 100)) },
        { metric: "shop.latency.p95", points: points(NOW - 6 * HOUR, NOW, (ts) => 50 + (ts % 13)) },
      ],
    });
    await store.upsertService("shop", {
      criteria: criteriaSchema.parse({ rules: [{ metric: "shop.errors.rate", agg: "max", below: 1 }, { metric: "shop.latency.p95", agg: "avg", maxIncreasePct: 20, severity: "degraded" }] }),
    });
    const deploy = async (version: string, startedAt: number, service = "shop") =>
      (await recordDeployment(store, { service, environment: "prod", version, kind: "deploy", strategy: "all-at-once", startedAt, finishedAt: startedAt + 2 * MIN })).deployment;
    const good = await deploy("1.0", NOW - 4 * HOUR);
    const bad = await deploy("1.1", badFrom - 2 * MIN);
    const fresh = await deploy("1.2", NOW - 5 * MIN);
    const noCriteria = await deploy("9.0", NOW - 3 * HOUR, "nocrit");
    await store.upsertService("quiet", { criteria: criteriaSchema.parse({ rules: [{ metric: "quiet.errors.rate", agg: "max", below: 1 }] }) });
    const noData = await deploy("3.0", NOW - 3 * HOUR, "quiet");

    await drain(store, NOW);
    const verdictOf = async (id: number) => (await store.getDeployment(id))!;
    expect(await verdictOf(good.id)).toMatchObject({ verdictStatus: "healthy", suspect: false });
    const failed = await verdictOf(bad.id);
    expect(failed.verdictStatus).toBe("failed");
    const verdict = failed.verdict as StoredVerdict & { rollbackTarget: unknown };
    expect(verdict).toMatchObject({ status: "failed", rollbackTarget: { deploymentId: good.id, version: "1.0" } });
    expect(verdict.evidence.map((e) => [e.metric, e.passed])).toEqual([["shop.errors.rate", false], ["shop.latency.p95", true]]);
    expect(failed.suspect).toBe(true);
    expect((failed.impact as StoredImpact).movers[0]).toMatchObject({ metric: "shop.errors.rate", regression: true });
    expect(await verdictOf(fresh.id)).toMatchObject({ verdictStatus: "pending", impact: null });
    expect(await verdictOf(noCriteria.id)).toMatchObject({ verdictStatus: "none", verdict: { status: "none", reason: "no criteria set" } });
    const missing = await verdictOf(noData.id);
    expect(missing.verdictStatus).toBe("no_data");
    expect((missing.verdict as StoredVerdict).evidence[0]).toMatchObject({ passed: null, reason: "no points in the window" });
    expect(missing.impact).toMatchObject({ movers: [] });

    // Ten minutes later the fresh deploy's window has closed, with only the 3 minutes of points that had arrived (18 of the
    // 50 needed): inconclusive, not healthy. Its impact window (30 min) is still open.
    await drain(store, NOW + 10 * MIN);
    const late = await verdictOf(fresh.id);
    expect(late).toMatchObject({ verdictStatus: "inconclusive", impact: null });
    expect((late.verdict as StoredVerdict).evidence[0]).toMatchObject({ outcome: "inconclusive", samples: { after: 18 } });
  });
});

describe("verdict job on the demo", () => {
  let handle: ThrowawayStore;
  let store: Store;
  const now = Date.now();
  beforeAll(async () => {
    handle = await openThrowawaySqlite(noCutoffs);
    store = handle.store;
    await seedDemo(store, now);
    await drain(store, now);
  });
  afterAll(async () => handle?.dispose());

  it("fails a deploy whose rollout failed, however healthy its metrics, naming the rollback target; also once marked failed after a healthy verdict", async () => {
    await store.ingest({ series: [{ metric: "ship.errors.rate", points: points(NOW - 6 * HOUR, NOW, () => 0.1) }] });
    await store.upsertService("ship", { criteria: criteriaSchema.parse({ rules: [{ metric: "ship.errors.rate", agg: "max", below: 1 }] }) });
    const deploy = async (version: string, startedAt: number, status: "succeeded" | "failed") =>
      (await recordDeployment(store, { service: "ship", environment: "prod", version, kind: "deploy", strategy: "all-at-once", status, startedAt, finishedAt: startedAt + 2 * MIN })).deployment;
    const good = await deploy("1.0", NOW - 5 * HOUR, "succeeded");
    const broken = await deploy("1.1", NOW - 4 * HOUR, "failed");
    const later = await deploy("1.2", NOW - 3 * HOUR, "succeeded");
    await drain(store, NOW);
    const rolloutFailed = { verdictStatus: "failed", verdict: { status: "failed", reason: ROLLOUT_FAILED, evidence: [], rollbackTarget: { deploymentId: good.id, version: "1.0" } } };
    expect(await store.getDeployment(good.id)).toMatchObject({ verdictStatus: "healthy" });
    expect(await store.getDeployment(broken.id)).toMatchObject(rolloutFailed);
    expect(await store.getDeployment(later.id)).toMatchObject({ verdictStatus: "healthy" });
    // The pipeline reports the failure after the verdict: judged again, failed.
    await updateDeployment(store, later.id, { status: "failed" });
    expect(await store.getDeployment(later.id)).toMatchObject({ verdictStatus: "pending", verdict: null });
    await drain(store, NOW);
    expect(await store.getDeployment(later.id)).toMatchObject(rolloutFailed);
    // Reported succeeded after all: judged on its metrics again, the failed-rollout verdict gone meanwhile.
    await updateDeployment(store, later.id, { status: "succeeded" });
    expect(await store.getDeployment(later.id)).toMatchObject({ verdictStatus: "pending", verdict: null });
    await drain(store, NOW);
    expect(await store.getDeployment(later.id)).toMatchObject({ verdictStatus: "healthy" });
  });

  it("fails the bad deploy with p95 and errors among its regressions, and passes ordinary deploys", async () => {
    expect((await store.getService("auth"))?.criteria).toEqual(DEMO_CRITERIA);
    const plan = (await loadDemoPlan(store))!;
    const deploys = await store.listDeployments({ service: "auth", limit: 5000 });
    const bad = deploys.find((d) => d.environment === "prod" && d.version === plan.badRelease.version)!;
    expect(bad.verdictStatus).toBe("failed");
    expect(bad.suspect).toBe(true);
    const regressions = (bad.impact as StoredImpact).movers.filter((m) => m.regression).map((m) => m.metric);
    expect(regressions).toEqual(expect.arrayContaining(["auth.api.latency.p95", "auth.api.errors.rate"]));
    expect((bad.verdict as { rollbackTarget: { version: string } }).rollbackTarget.version).toBe(bad.previousVersion);

    const judged = deploys.filter((d) => d.id !== bad.id && (d.finishedAt ?? d.startedAt) + 10 * MIN <= now);
    expect(judged.length).toBeGreaterThan(40);
    const statuses = new Set(judged.map((d) => `${d.kind}:${d.verdictStatus}`));
    expect([...statuses]).toEqual(expect.arrayContaining(["deploy:healthy"]));
    // Every other finished deploy is healthy; one whose rollout failed is failed, whatever its metrics.
    const unhealthy = judged.filter((d) => d.verdictStatus !== "healthy");
    expect(unhealthy.length).toBeGreaterThan(0);
    for (const d of unhealthy) expect(d).toMatchObject({ status: "failed", verdictStatus: "failed", verdict: { reason: ROLLOUT_FAILED } });
  });
});
