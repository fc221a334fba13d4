import { describe, expect, it } from "vitest";
import { healthRank, serviceHealth } from "./health";

const d = (status: string, verdict = "healthy", environment = "prod") => ({ environment, status, verdict: { status: verdict } });

describe("serviceHealth", () => {
  it("is the worst of the latest deploys per environment", () => {
    expect(serviceHealth([d("succeeded"), d("failed", "pending", "test")])).toBe("failing");
    expect(serviceHealth([d("succeeded", "degraded")])).toBe("degraded");
    expect(serviceHealth([d("rolled_back")])).toBe("failing");
    expect(serviceHealth([d("in_progress", "pending")])).toBe("deploying");
    expect(serviceHealth([d("succeeded")])).toBe("healthy");
    expect(serviceHealth([])).toBe("unknown");
  });
  it("ranks failing first", () => {
    expect(healthRank("failing")).toBeLessThan(healthRank("healthy"));
  });
});
