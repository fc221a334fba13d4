import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DoraReport } from "@/lib/dora/compute";
import { appIsBuilt } from "@/lib/testing/built-app";
import { startTestServer, type TestServer } from "@/lib/testing/server";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

describe.skipIf(!appIsBuilt)("GET /api/v1/dora", () => {
  let server: TestServer;
  const to = Date.UTC(2025, 5, 30);
  const from = to - 10 * DAY;
  const at = (day: number, hours = 0) => from + day * DAY + hours * HOUR;

  beforeAll(async () => {
    server = await startTestServer();
    const post = async (path: string, json: unknown) => {
      const res = await server.api(path, { method: "POST", json });
      expect(res.status).toBe(201);
      return (await res.json()) as { deployment: { id: number } };
    };
    // Four deploys, each committed 2 h before it starts; 1.1 fails and 1.2 restores an hour later.
    const history = [
      { version: "1.0", startedAt: at(1), status: "succeeded" },
      { version: "1.1", startedAt: at(3), status: "failed" },
      { version: "1.2", startedAt: at(3, 1), status: "succeeded" },
      { version: "1.3", startedAt: at(6), status: "succeeded" },
    ];
    for (const d of history) {
      await post("/api/v1/builds", { service: "dora", version: d.version, committedAt: d.startedAt - 2 * HOUR, createdAt: d.startedAt - HOUR });
      await post("/api/v1/deployments", { service: "dora", environment: "prod", version: d.version, status: d.status, startedAt: d.startedAt, finishedAt: d.startedAt + 6 * MIN });
    }
    // A deploy elsewhere counts for neither the environment nor the service asked about.
    await post("/api/v1/deployments", { service: "dora", environment: "test", version: "1.3", startedAt: at(5) });
    await post("/api/v1/deployments", { service: "other", environment: "prod", version: "9", startedAt: at(5) });
  });
  afterAll(async () => server?.stop());

  it("answers the four keys and a trend for a hand-made history", async () => {
    const res = await server.api(`/api/v1/dora?service=dora&environment=prod&from=${from}&to=${to}&bucketDays=5`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as DoraReport;
    expect(report).toMatchObject({ service: "dora", environment: "prod", from, to, changeFailureRate: 0.25, counts: { deploys: 4, failedDeploys: 1, restored: 1 } });
    // Counted from the first recorded deploy's day (day 1): 4 deploys in 9 days, on 3 distinct days.
    expect(report.deploymentFrequencyPerDay).toBeCloseTo(4 / 9, 6);
    expect(report).toMatchObject({ firstDeployAt: at(1), frequencyBucket: "weekly", bands: { deploymentFrequency: "high", leadTime: "elite", changeFailureRate: "low", timeToRestore: "high" } });
    expect(report.deployDaysPerWeek).toBeCloseTo(3 / (9 / 7), 3);
    expect(report.leadTimeForChangesHours).toBeCloseTo(2, 6);
    expect(report.timeToRestoreHours).toBeCloseTo(1.1, 6);
    expect(report.trend.map((t) => t.counts.deploys)).toEqual([3, 1]);
  });

  it("shows the days before the first recorded deploy as no data, not as zero", async () => {
    const report = (await (await server.api(`/api/v1/dora?service=dora&environment=prod&from=${from}&to=${to}&bucketDays=1`)).json()) as DoraReport;
    expect(report.trend[0]).toMatchObject({ hasData: false, deploymentFrequencyPerDay: null });
    expect(report.trend[2]).toMatchObject({ hasData: true, deploymentFrequencyPerDay: 0 });
  });

  it("counts a failure restored within minFailureMinutes as a blip", async () => {
    const report = (await (await server.api(`/api/v1/dora?service=dora&environment=prod&from=${from}&to=${to}&minFailureMinutes=120`)).json()) as DoraReport;
    expect(report).toMatchObject({ changeFailureRate: 0, minFailureMinutes: 120, counts: { failedDeploys: 0 } });
  });

  it("defaults to the production environment and says when nothing failed", async () => {
    const report = (await (await server.api(`/api/v1/dora?service=dora&from=${at(5)}&to=${to}`)).json()) as DoraReport;
    expect(report).toMatchObject({ environment: "prod", changeFailureRate: 0, timeToRestoreHours: null, counts: { deploys: 1 } });
  });

  it("names each bad parameter", async () => {
    const res = await server.api(`/api/v1/dora?from=${to}&to=${from}&bucketDays=0`);
    expect(res.status).toBe(400);
    const { problems } = (await res.json()) as { problems: { where: string }[] };
    expect(problems.map((p) => p.where)).toEqual(expect.arrayContaining(["service", "bucketDays"]));
    const reversed = await server.api(`/api/v1/dora?service=dora&from=${to}&to=${from}`);
    expect(((await reversed.json()) as { problems: { where: string }[] }).problems).toEqual([{ where: "from", message: "from must be before to" }]);
  });
});
