import { describe, expect, it } from "vitest";
import { deploymentFromTags, genericDeployTags, splitTags } from "./tags";
import { deploymentFromGrafanaAnnotation, deploymentFromGraphiteEvent } from "./to-deployment";

describe("splitTags", () => {
  it("accepts arrays and space- or comma-separated strings", () => {
    expect(splitTags("deploy service:auth,version:1.2.3  env:prod")).toEqual(["deploy", "service:auth", "version:1.2.3", "env:prod"]);
    expect(splitTags(["deploy", "service:auth version:1"])).toEqual(["deploy", "service:auth", "version:1"]);
    expect(splitTags(undefined)).toEqual([]);
  });
});

describe("deploymentFromTags", () => {
  it("maps key:value tags to a deploy, prod by default", () => {
    const mapping = deploymentFromTags(["deploy", "service:auth", "version:1.2.3", "commit:abc", "author:ana", "Strategy:rolling"], { startedAt: 1_700_000_000_000, description: "release" });
    expect(mapping).toEqual({
      ok: true,
      input: expect.objectContaining({ kind: "deploy", service: "auth", environment: "prod", version: "1.2.3", commit: "abc", author: "ana", strategy: "rolling", startedAt: 1_700_000_000_000, description: "release" }),
    });
  });

  it("reads env: and environment:, and a rollback tag", () => {
    expect(deploymentFromTags(["rollback", "service:a", "version:1", "env:test"], {})).toMatchObject({ ok: true, input: { kind: "rollback", environment: "test" } });
    expect(deploymentFromTags(["deployment", "service:a", "version:1", "environment:staging"], {})).toMatchObject({ ok: true, input: { kind: "deploy", environment: "staging" } });
  });

  it("rejects an event without a deploy tag, service or version, naming the rules", () => {
    const mapping = deploymentFromTags(["release", "env:prod"], {});
    expect(mapping.ok).toBe(false);
    if (mapping.ok) return;
    expect(mapping.problems.map((p) => p.message.split(";")[0])).toEqual(["no deploy or rollback tag", "no service:<name> tag", "no version:<version> tag"]);
    expect(mapping.problems[0].message).toContain("tags must include `deploy`");
  });

  it("rejects values the deploy API would reject", () => {
    const mapping = deploymentFromTags(["deploy", "service:bad name!", "version:1"], {});
    expect(mapping).toMatchObject({ ok: false, problems: [{ where: "tags (service)" }] });
  });
});

describe("events from other tools", () => {
  it("reads a Graphite event's `when` as unix seconds and joins what and data", () => {
    const mapping = deploymentFromGraphiteEvent({ what: "Deployed auth", tags: "deploy service:auth version:2", when: 1_700_000_000, data: "by CI" });
    expect(mapping).toMatchObject({ ok: true, input: { startedAt: 1_700_000_000_000, description: "Deployed auth — by CI" } });
  });

  it("reads a Grafana annotation's time and timeEnd as ms", () => {
    const mapping = deploymentFromGrafanaAnnotation({ time: 1_700_000_000_000, timeEnd: 1_700_000_060_000, tags: ["deploy", "service:auth", "version:2"], text: "rolled out" });
    expect(mapping).toMatchObject({ ok: true, input: { startedAt: 1_700_000_000_000, finishedAt: 1_700_000_060_000, description: "rolled out" } });
  });
});

describe("genericDeployTags", () => {
  it("leaves tagged deploys and rollbacks as they are", () => {
    expect(genericDeployTags(["Rollback", "service:a"], { defaultService: "d" })).toEqual(["Rollback", "service:a"]);
  });

  it("names the service by a service: tag, a bare tag naming a known service, or the default", () => {
    expect(genericDeployTags(["release", "service:a"], { defaultService: "d", services: ["auth"] })).toEqual(["deploy", "release", "service:a", "version:unknown"]);
    expect(genericDeployTags(["release", "auth", "version:2"], { defaultService: "d", services: ["auth"] })).toEqual(["deploy", "release", "auth", "version:2", "service:auth"]);
    expect(genericDeployTags(["release"], { defaultService: "d", services: ["auth"] })).toEqual(["deploy", "release", "service:d", "version:unknown"]);
  });

  it("still refuses a generic annotation when nothing names a service", () => {
    const mapping = deploymentFromGrafanaAnnotation({ tags: ["release"], text: "x" });
    expect(mapping).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining("DEPLOYLINES_DEFAULT_SERVICE") }] });
  });
});
