import { describe, expect, it } from "vitest";
import { buildReach, type ReachDeploy } from "./reach";

let nextId = 1;
const deploy = (environment: string, version: string, startedAt: number, extra: Partial<ReachDeploy> = {}): ReachDeploy => ({
  id: nextId++,
  environment,
  version,
  kind: "deploy",
  status: "succeeded",
  verdictStatus: "pending",
  startedAt,
  warnings: [],
  ...extra,
});
const order = ["test", "prod"];

describe("buildReach", () => {
  it("lists the latest deploy per environment in promotion order, others after", () => {
    const reach = buildReach("1.0", [deploy("prod", "1.0", 300), deploy("dark", "1.0", 50), deploy("test", "1.0", 100, { status: "failed" }), deploy("test", "1.0", 200), deploy("test", "0.9", 400)], order);
    expect(reach.environments.map((e) => [e.environment, e.status, e.passed])).toEqual([
      ["test", "succeeded", true],
      ["prod", "succeeded", true],
      ["dark", "succeeded", true],
    ]);
    expect(reach.flags).toEqual([]);
  });

  it("flags a build that failed in test and never reached prod", () => {
    const reach = buildReach("1.1", [deploy("test", "1.1", 100, { status: "failed" })], order);
    expect(reach.flags).toEqual(["failed in test — never reached prod"]);
  });

  it("flags a degraded verdict as not passing, but not a deploy still in progress", () => {
    expect(buildReach("1", [deploy("test", "1", 1, { verdictStatus: "degraded" })], order).flags).toEqual(["verdict degraded in test — never reached prod"]);
    expect(buildReach("1", [deploy("test", "1", 1, { status: "in_progress" })], order).flags).toEqual([]);
  });

  it("carries the promotion warnings its deploys were recorded with, once each", () => {
    const warning = "1.2 was never deployed to test before prod";
    const reach = buildReach("1.2", [deploy("prod", "1.2", 100, { warnings: [warning] }), deploy("prod", "1.2", 200, { warnings: [warning] })], order);
    expect(reach.flags).toEqual([warning]);
    expect(reach.environments).toHaveLength(1);
  });
});
