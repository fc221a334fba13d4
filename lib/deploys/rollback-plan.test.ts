import { describe, expect, it } from "vitest";
import type { HistoryDeploy } from "./last-known-good";
import { planRollback, type RollbackTarget } from "./rollback-plan";

let nextId = 1;
const deploy = (version: string, startedAt: number, extra: Partial<HistoryDeploy> = {}): HistoryDeploy => ({
  id: nextId++,
  environment: "prod",
  version,
  startedAt,
  status: "succeeded",
  verdictStatus: "healthy",
  ...extra,
});
const target = (d: HistoryDeploy): RollbackTarget => ({ ...d, service: "auth", kind: "deploy" });

describe("planRollback", () => {
  it("returns by default to the last known good version before the bad deploy", () => {
    const good = deploy("1.1", 100);
    const bad = deploy("1.3", 300);
    const history = [deploy("1.0", 50), good, deploy("1.2", 200, { verdictStatus: "failed" }), bad, deploy("1.4", 400), deploy("1.1", 300, { environment: "test" })];
    const plan = planRollback(target(bad), history, { reason: "errors up" });
    expect(plan).toEqual({
      ok: true,
      input: expect.objectContaining({ service: "auth", environment: "prod", version: "1.1", previousVersion: "1.3", kind: "rollback", rollbackOf: bad.id, reason: "errors up" }),
    });
  });

  it("skips earlier deploys of the bad version itself", () => {
    const bad = deploy("1.3", 300);
    const plan = planRollback(target(bad), [deploy("1.2", 100), deploy("1.3", 200), bad], {});
    expect(plan.ok && plan.input.version).toBe("1.2");
  });

  it("takes the version asked for, times and status included", () => {
    const bad = deploy("1.3", 300);
    const plan = planRollback(target(bad), [bad], { version: "0.9", author: "ana", startedAt: 400, finishedAt: 460, status: "succeeded" });
    expect(plan.ok && plan.input).toMatchObject({ version: "0.9", author: "ana", startedAt: 400, finishedAt: 460, status: "succeeded" });
  });

  it("explains when there is no last known good version", () => {
    const bad = deploy("1.0", 100);
    const plan = planRollback(target(bad), [deploy("0.9", 50, { status: "failed" }), bad], {});
    expect(plan).toEqual({ ok: false, reason: expect.stringMatching(/no last known good version of auth in prod before deployment \d+ \(1\.0\); name one with "version"/) });
  });

  it("refuses a deploy already rolled back, or a rollback to the same version", () => {
    expect(planRollback(target(deploy("1.0", 1, { status: "rolled_back" })), [], { version: "0.9" })).toMatchObject({ ok: false, reason: expect.stringMatching(/already rolled back/) });
    expect(planRollback(target(deploy("1.0", 1)), [], { version: "1.0" })).toMatchObject({ ok: false, reason: expect.stringMatching(/already 1\.0/) });
  });
});

describe("planRollback of a deploy no longer live", () => {
  it("refuses it, naming the deploy that replaced it, unless the rollback is recorded for before that", () => {
    const old = deploy("1.1", 100);
    const live = deploy("1.2", 200);
    const elsewhere = deploy("1.9", 150, { environment: "test" });
    const refused = planRollback(target(old), [deploy("1.0", 50), old], {}, [old, elsewhere, live], 300);
    expect(refused).toEqual({ ok: false, replaced: true, reason: expect.stringMatching(new RegExp(`deployment ${live.id} \\(1\\.2\\) replaced it`)) });
    // A deploy elsewhere does not replace it, and a rollback backfilled to before 1.2 undid 1.1 while it ran.
    expect(planRollback(target(old), [deploy("1.0", 50), old], {}, [old, elsewhere], 300).ok).toBe(true);
    expect(planRollback(target(old), [deploy("1.0", 50), old], { startedAt: 150 }, [old, elsewhere, live], 150).ok).toBe(true);
  });
});
