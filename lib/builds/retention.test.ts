import { describe, expect, it } from "vitest";
import { retentionDecisions, type RetentionDeploy } from "./retention";

const builds = (n: number) => Array.from({ length: n }, (_, i) => ({ version: `1.${n - i}` })); // newest first
let nextId = 1;
const deploy = (environment: string, version: string, startedAt: number, extra: Partial<RetentionDeploy> = {}): RetentionDeploy => ({
  id: nextId++,
  environment,
  version,
  status: "succeeded",
  verdictStatus: "healthy",
  startedAt,
  ...extra,
});
const prunable = (decisions: Map<string, { kept: boolean }>) => [...decisions].filter(([, d]) => !d.kept).map(([v]) => v);

describe("retentionDecisions", () => {
  it("keeps the newest N builds and lets the rest be pruned when nothing is deployed", () => {
    const decisions = retentionDecisions(builds(5), [], 3);
    expect(prunable(decisions)).toEqual(["1.2", "1.1"]);
    expect(decisions.get("1.5")).toEqual({ kept: true, keptBecause: ["among the newest 3"] });
  });

  it("never prunes a live build, even an old one beyond N", () => {
    const decisions = retentionDecisions(builds(6), [deploy("prod", "1.1", 100), deploy("test", "1.6", 200)], 2);
    expect(decisions.get("1.1")).toEqual({ kept: true, keptBecause: ["live in prod", "last known good in prod"] });
    expect(prunable(decisions)).toEqual(["1.4", "1.3", "1.2"]);
  });

  it("keeps the last known good version of each environment when the live one is bad", () => {
    const decisions = retentionDecisions(
      builds(6),
      [deploy("prod", "1.2", 100), deploy("prod", "1.3", 200, { verdictStatus: "degraded" }), deploy("prod", "1.4", 300, { status: "failed" })],
      1,
    );
    // 1.3 succeeded (so it is live) but degraded; 1.2 is the last known good; 1.4 failed and is neither.
    expect(decisions.get("1.3")?.keptBecause).toEqual(["live in prod"]);
    expect(decisions.get("1.2")?.keptBecause).toEqual(["last known good in prod"]);
    expect(decisions.get("1.4")).toEqual({ kept: false, keptBecause: [] });
  });

  it("after a rollback, keeps the version returned to and lets the rolled-back one go", () => {
    const decisions = retentionDecisions(
      builds(4),
      [deploy("prod", "1.2", 100), deploy("prod", "1.3", 200, { status: "rolled_back" }), deploy("prod", "1.2", 300)],
      1,
    );
    expect(decisions.get("1.2")?.keptBecause).toEqual(["live in prod", "last known good in prod"]);
    expect(prunable(decisions)).toEqual(["1.3", "1.1"]);
  });

  it("keeps a build being deployed, and breaks ties in start time by id", () => {
    const decisions = retentionDecisions(builds(4), [deploy("prod", "1.1", 100), deploy("prod", "1.2", 100), deploy("prod", "1.3", 300, { status: "in_progress" })], 1);
    expect(decisions.get("1.3")?.keptBecause).toEqual(["deploying to prod"]);
    expect(decisions.get("1.2")?.keptBecause).toEqual(["live in prod", "last known good in prod"]);
    expect(decisions.get("1.1")?.kept).toBe(false);
  });

  it("ignores deploys of versions that were never recorded as builds", () => {
    const decisions = retentionDecisions(builds(2), [deploy("dark", "2.0.0-rc.1", 100)], 1);
    expect([...decisions.keys()]).toEqual(["1.2", "1.1"]);
  });
});
