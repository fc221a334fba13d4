import { describe, expect, it } from "vitest";
import { checkDeployment } from "./check-deployment";
import { renderCheck } from "./check-result";

const NOW = 1_700_000_000_000;
const target = { service: "auth", environment: "prod" };
const deploy = (status: string, verdictStatus: string) => ({ id: 7, version: "1.2.3", status, verdictStatus, startedAt: NOW - 3_600_000 });

describe("checkDeployment", () => {
  it("maps the latest deploy's outcome and verdict to a state", () => {
    expect(checkDeployment(deploy("succeeded", "healthy"), target, NOW)).toMatchObject({ state: "OK", text: "auth → prod 1.2.3 (deployment 7, 1h ago) is healthy" });
    expect(checkDeployment(deploy("succeeded", "degraded"), target, NOW).state).toBe("WARNING");
    expect(checkDeployment(deploy("succeeded", "inconclusive"), target, NOW)).toMatchObject({ state: "WARNING", text: expect.stringContaining("inconclusive") });
    expect(checkDeployment(deploy("succeeded", "failed"), target, NOW)).toMatchObject({ state: "CRITICAL", text: expect.stringMatching(/failed its verdict/) });
    expect(checkDeployment(deploy("rolled_back", "healthy"), target, NOW)).toMatchObject({ state: "CRITICAL", text: expect.stringMatching(/was rolled back/) });
    expect(checkDeployment(deploy("failed", "pending"), target, NOW)).toMatchObject({ state: "CRITICAL", text: expect.stringMatching(/ failed$/) });
  });

  it("is UNKNOWN, saying why, while pending, without data or without deploys", () => {
    expect(checkDeployment(deploy("in_progress", "pending"), target, NOW).text).toMatch(/verdict pending \(deploy in progress\)/);
    expect(checkDeployment(deploy("succeeded", "no_data"), target, NOW)).toMatchObject({ state: "UNKNOWN", text: expect.stringMatching(/no metric data/) });
    expect(checkDeployment(deploy("succeeded", "none"), target, NOW)).toMatchObject({ state: "UNKNOWN", text: expect.stringMatching(/no success criteria/) });
    expect(renderCheck(checkDeployment(undefined, target, NOW)).line).toBe("DEPLOYLINES UNKNOWN - auth → prod: no deploys recorded");
  });
});
