import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPgUrl } from "@/lib/testing/pg-url";
import { openThrowawayPg, openThrowawaySqlite, type OpenThrowawayStore, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import type { Store } from "./types";

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 3, 1);
const noCutoffs = () => ({ raw: 0, "1m": 0, "1h": 0 });
/** How long a claimed delivery is held for its sender. */
const HOLD = 35_000;
const pgUrl = testPgUrl();
const implementations: [string, OpenThrowawayStore][] = [["sqlite", openThrowawaySqlite]];
if (pgUrl) implementations.push(["postgres", openThrowawayPg(pgUrl)]);

/** The store methods verdicts, jobs, commits and webhooks rely on, held to one contract on every dialect. */
describe.each(implementations)("Store contract (verdicts, commits, webhooks): %s", (_dialect, open) => {
  let handle: ThrowawayStore;
  let store: Store;
  const deploy = (service: string, version: string, startedAt: number) =>
    store.createDeployment({ service, environment: "prod", version, kind: "deploy", strategy: "all-at-once", startedAt, finishedAt: startedAt + MIN });
  beforeAll(async () => {
    handle = await open(noCutoffs);
    store = handle.store;
  });
  afterAll(async () => handle?.dispose());

  describe("conditional deploy writes", () => {
    it("writes only when the deploy and the criteria are as read", async () => {
      await store.upsertService("cond", { criteria: { rules: [] } });
      const service = (await store.getService("cond"))!;
      const row = await deploy("cond", "1", T0);
      const expected = { updatedAt: row.updatedAt, criteriaVersion: service.criteriaVersion };
      const first = await store.updateDeploymentIf(row.id, expected, { verdictStatus: "healthy" });
      expect(first?.verdictStatus).toBe("healthy");
      // The write itself moved updatedAt on: the same expectation no longer holds.
      expect(first!.updatedAt).toBeGreaterThan(row.updatedAt);
      expect(await store.updateDeploymentIf(row.id, expected, { verdictStatus: "failed" })).toBeUndefined();
      const fresh = (await store.getDeployment(row.id))!;
      await store.setServiceCriteria("cond", { rules: [] }, T0 + DAY);
      expect(await store.updateDeploymentIf(row.id, { updatedAt: fresh.updatedAt, criteriaVersion: service.criteriaVersion }, { verdictStatus: "failed" })).toBeUndefined();
      expect((await store.getService("cond"))!.criteriaVersion).toBe(service.criteriaVersion + 1);
      expect((await store.getDeployment(row.id))!.verdictStatus).toBe("healthy");
    });

    it("raises updatedAt on every write, even several within one millisecond", async () => {
      const row = await deploy("cond", "2", T0 + MIN);
      const seen = [row.updatedAt];
      for (let i = 0; i < 5; i++) seen.push((await store.updateDeployment(row.id, { description: `w${i}` }))!.updatedAt);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
    });

    it("leaves deploys backing off out of the queue until their retry time", async () => {
      const row = await deploy("backoff", "1", T0);
      await store.updateDeployment(row.id, { judgeError: "boom", judgeAttempts: 1, judgeRetryAt: T0 + DAY });
      const due = (retryBefore: number) => store.deploymentsAwaiting({ awaiting: "verdict", service: "backoff", openedBefore: T0 + DAY * 10, retryBefore, limit: 10 });
      expect(await due(T0 + DAY - 1)).toEqual([]);
      expect((await due(T0 + DAY)).map((d) => d.id)).toEqual([row.id]);
    });
  });

  it("purges samples and events older than their cutoffs, and finished deliveries", async () => {
    await store.addDarkLaunchSamples([
      { service: "purge", ts: T0, method: "GET", path: "/", endpoint: "GET /", primaryStatus: 200, candidateStatus: 200, match: true, primaryMs: 1, candidateMs: 1 },
      { service: "purge", ts: T0 + 2 * DAY, method: "GET", path: "/", endpoint: "GET /", primaryStatus: 200, candidateStatus: 200, match: true, primaryMs: 1, candidateMs: 1 },
    ]);
    const old = await deploy("purge", "1", T0);
    const recent = await deploy("purge", "2", T0 + 3 * DAY);
    const hook = await store.createWebhook({ service: "purge", url: "http://127.0.0.1:9/x", format: "json", secret: "s", events: ["verdict.failed"], createdAt: T0 });
    await store.enqueueDeliveries("verdict.failed", "purge", { n: 1 }, T0);
    await store.enqueueDeliveries("verdict.failed", "purge", { n: 2 }, T0);
    const [sent] = await store.claimDueDeliveries(T0, 1, HOLD);
    await store.recordDeliveryAttempt(sent.id, { state: "delivered", attempts: 1, nextAttemptAt: T0, lastStatus: 200, lastError: null, deliveredAt: T0 });
    const purged = await store.purgeHistory({ samplesBefore: T0 + DAY, eventsBefore: T0 + DAY, deliveriesBefore: T0 + DAY });
    expect(purged.samples).toBe(1);
    expect(purged.events).toBeGreaterThanOrEqual(1);
    expect(purged.deliveries).toBe(1);
    expect(await store.listDarkLaunchSamples("purge", 0, T0 + 10 * DAY)).toHaveLength(1);
    expect(await store.deploymentEvents(old.id)).toEqual([]);
    expect(await store.deploymentEvents(recent.id)).toHaveLength(1);
    // The undelivered one stays, whatever its age: nothing queued is dropped.
    expect((await store.listDeliveries({ webhookId: hook.id, limit: 10 })).map((d) => d.state)).toEqual(["pending"]);
  });

  describe("webhooks", () => {
    it("queues an event for the service's webhooks and the defaults that take it, drains by due time, and logs attempts", async () => {
      const own = await store.createWebhook({ service: "hooks", url: "http://127.0.0.1:9/own", format: "json", secret: "a", events: ["verdict.failed", "rollback.recorded"], createdAt: T0 });
      const all = await store.createWebhook({ service: null, url: "http://127.0.0.1:9/all", format: "slack", secret: "b", events: ["verdict.failed"], createdAt: T0 });
      await store.createWebhook({ service: "other", url: "http://127.0.0.1:9/other", format: "json", secret: "c", events: ["verdict.failed"], createdAt: T0 });
      expect(await store.enqueueDeliveries("verdict.failed", "hooks", { text: "x" }, T0 + 10)).toBe(2);
      expect(await store.enqueueDeliveries("rollback.recorded", "hooks", { text: "y" }, T0 + 20)).toBe(1);
      expect(await store.enqueueDeliveries("dark_launch.readiness", "hooks", {}, T0 + 30)).toBe(0);
      const due = (await store.claimDueDeliveries(T0 + 100, 10, HOLD)).filter((d) => d.service === "hooks");
      expect(due.map((d) => [d.webhookId, d.event, d.url, d.secret])).toEqual([
        [own.id, "verdict.failed", own.url, "a"],
        [all.id, "verdict.failed", all.url, "b"],
        [own.id, "rollback.recorded", own.url, "a"],
      ]);
      expect(due[0].payload).toEqual({ text: "x" });
      await store.recordDeliveryAttempt(due[0].id, { state: "pending", attempts: 1, nextAttemptAt: T0 + 5000, lastStatus: 500, lastError: "receiver answered 500", deliveredAt: null });
      expect((await store.claimDueDeliveries(T0 + 4999, 10, HOLD)).map((d) => d.id)).not.toContain(due[0].id);
      expect((await store.claimDueDeliveries(T0 + 5000, 10, HOLD)).map((d) => d.id)).toContain(due[0].id);
      const log = await store.listDeliveries({ service: "hooks", limit: 10 });
      expect(log[0].event).toBe("rollback.recorded");
      expect(log.find((d) => d.id === due[0].id)).toMatchObject({ attempts: 1, lastStatus: 500, lastError: "receiver answered 500" });
      expect(await store.deleteWebhook(own.id)).toBe(true);
      expect(await store.deleteWebhook(own.id)).toBe(false);
      expect((await store.listWebhooks()).map((w) => w.id)).not.toContain(own.id);
      expect((await store.claimDueDeliveries(T0 + 10 * HOLD, 10, HOLD)).map((d) => d.webhookId)).not.toContain(own.id);
    });

    it("claims each due delivery for one caller at a time, until the claim runs out or an attempt is recorded", async () => {
      const hook = await store.createWebhook({ service: "claim", url: "http://127.0.0.1:9/claim", format: "json", secret: "c", events: ["verdict.failed"], createdAt: T0 });
      const at = T0 + 100 * DAY;
      for (let i = 0; i < 6; i++) await store.enqueueDeliveries("verdict.failed", "claim", { n: i }, at);
      const mine = (rows: { webhookId: number; id: number }[]) => rows.filter((d) => d.webhookId === hook.id).map((d) => d.id);
      // Four callers at once (on PostgreSQL, on four connections): no row goes to two of them.
      const claims = (await Promise.all(Array.from({ length: 4 }, () => store.claimDueDeliveries(at, 3, HOLD)))).flat();
      expect(new Set(claims.map((d) => d.id)).size).toBe(claims.length);
      const claimed = [...mine(claims), ...mine(await store.claimDueDeliveries(at, 100, HOLD))];
      expect(new Set(claimed).size).toBe(6);
      // Being sent: not due to anyone, though still pending in the log.
      expect(mine(await store.claimDueDeliveries(at + HOLD - 1, 100, HOLD))).toEqual([]);
      expect((await store.listDeliveries({ webhookId: hook.id, limit: 10 })).map((d) => d.state)).toEqual(Array(6).fill("pending"));
      // A recorded retry time replaces the claim; a claim nobody records runs out.
      await store.recordDeliveryAttempt(claimed[0], { state: "pending", attempts: 1, nextAttemptAt: at + 10, lastStatus: 500, lastError: "receiver answered 500", deliveredAt: null });
      expect(mine(await store.claimDueDeliveries(at + 10, 100, HOLD))).toEqual([claimed[0]]);
      expect(mine(await store.claimDueDeliveries(at + HOLD, 100, HOLD)).sort()).toEqual(claimed.slice(1).sort());
    });

    it("keeps the readiness last notified without touching the launch's updatedAt", async () => {
      await store.upsertDarkLaunch("dl", { candidateVersion: "2" });
      const before = (await store.listDarkLaunches()).find((l) => l.service === "dl")!;
      await store.setDarkLaunchReadiness("dl", "ready");
      const after = (await store.listDarkLaunches()).find((l) => l.service === "dl")!;
      expect(after).toMatchObject({ readiness: "ready", updatedAt: before.updatedAt });
    });
  });

  describe("build commits", () => {
    it("stores a build's commits with it and lists those between two builds, newest build first", async () => {
      const c = (sha: string) => ({ sha, message: `m ${sha}`, author: "Ada", at: T0 });
      const b1 = await store.upsertBuild({ service: "cm", version: "1", createdAt: T0, commits: [c("aaaa")] });
      const b2 = await store.upsertBuild({ service: "cm", version: "2", createdAt: T0 + 1, commits: [c("cccc"), c("bbbb")] });
      const b3 = await store.upsertBuild({ service: "cm", version: "3", createdAt: T0 + 2, commits: [c("eeee"), c("dddd")] });
      await store.upsertBuild({ service: "other", version: "3", createdAt: T0 + 2, commits: [c("ffff")] });
      const at = (b: { createdAt: number; id: number }) => ({ createdAt: b.createdAt, id: b.id });
      expect((await store.commitsBetween("cm", at(b1), at(b3), 100)).map((r) => `${r.version}:${r.sha}`)).toEqual(["3:eeee", "3:dddd", "2:cccc", "2:bbbb"]);
      expect((await store.commitsBetween("cm", null, at(b1), 100)).map((r) => r.sha)).toEqual(["aaaa"]);
      expect(await store.commitsBetween("cm", at(b1), at(b3), 3)).toHaveLength(3);
      // Re-posting a build with commits replaces them; without, keeps them.
      await store.upsertBuild({ service: "cm", version: "2", commits: [c("9999")] });
      await store.upsertBuild({ service: "cm", version: "3" });
      expect((await store.commitsBetween("cm", at(b1), at(b3), 100)).map((r) => r.sha)).toEqual(["eeee", "dddd", "9999"]);
      await store.setBuildCommits(b2.id, []);
      expect((await store.commitsBetween("cm", at(b1), at(b2), 100))).toEqual([]);
    });
  });
});
