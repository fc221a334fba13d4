import { describe, expect, it } from "vitest";
import { firstAppearances } from "./first-appearances";

const deploy = (id: number, service: string, startedAt: number) => ({ id, service, environment: "prod", version: `1.${id}`, kind: "deploy", status: "succeeded", startedAt });
const metric = (name: string, firstSeen: number) => ({ name, kind: "gauge", unit: null, firstSeen });

describe("firstAppearances", () => {
  it("puts each metric under the deploy of its service whose window holds its first point", () => {
    const deploys = [deploy(1, "auth", 100), deploy(2, "auth", 200), deploy(3, "billing", 150)];
    const metrics = [metric("auth.old", 50), metric("auth.mfa.rate", 210), metric("auth.a", 100), metric("auth.b", 199), metric("billing.new", 160), metric("other.x", 210)];
    const result = firstAppearances(deploys, metrics);
    expect(result.map((r) => [r.deployment.id, r.until, r.metrics.map((m) => m.name)])).toEqual([
      [2, null, ["auth.mfa.rate"]],
      [3, null, ["billing.new"]],
      [1, 200, ["auth.a", "auth.b"]],
    ]);
  });

  it("leaves out deploys after which nothing appeared, and copes with none at all", () => {
    expect(firstAppearances([deploy(1, "auth", 100)], [metric("auth.old", 50)])).toEqual([]);
    expect(firstAppearances([], [])).toEqual([]);
  });
});

describe("firstAppearances at scale", () => {
  it("lists at most `limit` metrics per deploy and counts the rest", () => {
    const metrics = Array.from({ length: 40_000 }, (_, i) => metric(`auth.m${i}`, 100 + i));
    const [only] = firstAppearances([deploy(1, "auth", 100)], metrics, 50);
    expect(only.metrics.map((m) => m.name)).toEqual(metrics.slice(0, 50).map((m) => m.name));
    expect(only.total).toBe(40_000);
  });
});
