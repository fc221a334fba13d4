import { describe, expect, it } from "vitest";
import { badWindows, BUSY_SERVICE, TEAM_SERVICES, teamDeploys, teamMetrics } from "./team-plan";

const anchor = Date.UTC(2026, 0, 1);

describe("the team demo's shape", () => {
  it("has 50 services and about 20,000 series, 200 of them the busy service's", () => {
    expect(TEAM_SERVICES).toHaveLength(50);
    expect(new Set(TEAM_SERVICES).size).toBe(50);
    expect(teamMetrics(BUSY_SERVICE)).toHaveLength(200);
    const total = TEAM_SERVICES.reduce((n, s) => n + teamMetrics(s).length, 0);
    expect(total).toBeGreaterThanOrEqual(19_500);
  });

  it("has about 5,000 deploys, 500 of them the busy service's, with failures and rollbacks among them", () => {
    const all = TEAM_SERVICES.flatMap((s) => teamDeploys(anchor, s));
    expect(all.length).toBeGreaterThan(4_800);
    expect(all.length).toBeLessThan(5_300);
    const busy = teamDeploys(anchor, BUSY_SERVICE);
    expect(busy.length).toBeGreaterThanOrEqual(480);
    expect(busy.length).toBeLessThanOrEqual(520);
    expect(busy.filter((d) => d.status === "failed").length).toBeGreaterThan(3);
    expect(busy.filter((d) => d.kind === "rollback").length).toBeGreaterThan(3);
    expect(badWindows(busy).every(([a, b]) => a < b)).toBe(true);
  });

  it("is the same every time for the same anchor", () => {
    expect(teamDeploys(anchor, "payments")).toEqual(teamDeploys(anchor, "payments"));
  });
});

describe("the team demo's failing services", () => {
  it("ends five services on a failed prod deploy", () => {
    const failing = TEAM_SERVICES.filter((s) => {
      const prod = teamDeploys(anchor, s).filter((d) => d.environment === "prod");
      return prod.at(-1)!.status === "failed";
    });
    expect(failing.length).toBeGreaterThanOrEqual(5);
  });
});
