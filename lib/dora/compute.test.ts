import { describe, expect, it } from "vitest";
import { computeDora, type DoraBuild, type DoraDeployment } from "./compute";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MIN = 60_000;
const day0 = Date.UTC(2024, 4, 6);
const at = (day: number, hour: number, minute = 0) => day0 + day * DAY + hour * HOUR + minute * MIN;

let nextId = 1;
function deployment(d: Partial<DoraDeployment> & Pick<DoraDeployment, "version" | "startedAt">): DoraDeployment {
  return {
    id: nextId++,
    service: "auth",
    environment: "prod",
    kind: "deploy",
    status: "succeeded",
    finishedAt: d.startedAt + 10 * MIN,
    rollbackOf: null,
    verdictStatus: "healthy",
    ...d,
  };
}

const build = (version: string, committedAt: number | null, createdAt: number): DoraBuild => ({ service: "auth", version, committedAt, createdAt });

// Two weeks of prod history; the expected figures below are worked out by hand.
const d1 = deployment({ version: "v1", startedAt: at(0, 10) }); // lead 2h
const d2 = deployment({ version: "v2", startedAt: at(2, 10), verdictStatus: "failed" }); // lead 3h (build time); fails its verdict
const d3 = deployment({ version: "v1", kind: "rollback", rollbackOf: d2.id, startedAt: at(2, 10, 30), finishedAt: at(2, 10, 40) }); // restores d2 in 40 min
const d4 = deployment({ version: "v3", startedAt: at(4, 12) }); // lead 24h
const d5 = deployment({ version: "v4", startedAt: at(8, 9), finishedAt: at(8, 9, 20), status: "failed" }); // no lead time: never arrived
const d6 = deployment({ version: "v5", startedAt: at(8, 11), finishedAt: at(8, 11, 30) }); // lead 1h; restores d5 in 2.5h
const d7 = deployment({ version: "v6", startedAt: at(10, 15), status: "rolled_back" }); // lead 2h
const d8 = deployment({ version: "v5", kind: "rollback", rollbackOf: d7.id, startedAt: at(10, 16), finishedAt: at(10, 16, 6) }); // restores d7 in 1.1h
const d9 = deployment({ version: "v7", startedAt: at(12, 10), finishedAt: null, status: "in_progress" });
const elsewhere = [
  deployment({ version: "v9", startedAt: at(1, 9), environment: "test", status: "failed" }),
  deployment({ version: "v9", startedAt: at(1, 9), service: "billing", status: "failed" }),
  deployment({ version: "v0", startedAt: at(-1, 9), status: "failed" }),
];

const builds = [
  build("v1", at(0, 8), at(0, 9)),
  build("v2", null, at(2, 7)),
  build("v3", at(3, 12), at(3, 13)),
  build("v4", at(8, 8), at(8, 8, 30)),
  build("v5", at(8, 10), at(8, 10, 30)),
  build("v6", at(10, 13), at(10, 14)),
  build("v7", at(12, 9), at(12, 9, 30)),
  { ...build("v1", 0, 0), service: "billing" },
];

const report = computeDora({
  service: "auth",
  environment: "prod",
  from: day0,
  to: day0 + 14 * DAY,
  deployments: [d9, d8, d7, d6, d5, d4, d3, d2, d1, ...elsewhere],
  builds,
});

describe("computeDora", () => {
  it("computes the four keys over the period", () => {
    expect(report.deploymentFrequencyPerDay).toBe(7 / 14);
    expect(report.leadTimeForChangesHours).toBe(2); // median of 1, 2, 2, 3, 24
    expect(report.changeFailureRate).toBe(3 / 6); // d2, d5, d7 of the six finished deploys
    expect(report.timeToRestoreHours).toBeCloseTo(1.1, 10); // median of 2/3, 2.5, 1.1
    expect(report.counts).toEqual({ deploys: 7, finishedDeploys: 6, rollbacks: 2, failedDeploys: 3, restored: 3, leadTimes: 5 });
  });

  it("gives the same figures week by week", () => {
    expect(report.trend).toHaveLength(2);
    const [week1, week2] = report.trend;
    expect(week1).toMatchObject({ from: day0, to: day0 + 7 * DAY, deploymentFrequencyPerDay: 3 / 7, leadTimeForChangesHours: 3, changeFailureRate: 1 / 3 });
    expect(week1.timeToRestoreHours).toBeCloseTo(2 / 3, 10);
    expect(week2).toMatchObject({ from: day0 + 7 * DAY, to: day0 + 14 * DAY, deploymentFrequencyPerDay: 4 / 7, leadTimeForChangesHours: 1.5, changeFailureRate: 2 / 3 });
    expect(week2.timeToRestoreHours).toBeCloseTo(1.8, 10);
  });

  it("counts a deploy named by a rollback as failed even if its status says succeeded", () => {
    const deploy = deployment({ version: "v1", startedAt: at(0, 10) });
    const rollback = deployment({ version: "v0", kind: "rollback", rollbackOf: deploy.id, startedAt: at(0, 11), finishedAt: at(0, 11, 30) });
    const dora = computeDora({ service: "auth", environment: "prod", from: day0, to: day0 + DAY, deployments: [deploy, rollback], builds: [] });
    expect(dora.changeFailureRate).toBe(1);
    expect(dora.timeToRestoreHours).toBe(1.5);
    expect(dora.leadTimeForChangesHours).toBeNull();
  });

  it("has no time to restore when nothing failed, or nothing has recovered yet", () => {
    const healthy = computeDora({ service: "auth", environment: "prod", from: day0, to: day0 + 7 * DAY, deployments: [d1], builds });
    expect(healthy).toMatchObject({ changeFailureRate: 0, timeToRestoreHours: null });
    const broken = deployment({ version: "v2", startedAt: at(1, 10), status: "failed" });
    const stillDown = computeDora({ service: "auth", environment: "prod", from: day0, to: day0 + 7 * DAY, deployments: [d1, broken], builds });
    expect(stillDown).toMatchObject({ changeFailureRate: 0.5, timeToRestoreHours: null });
    expect(stillDown.counts).toMatchObject({ failedDeploys: 1, restored: 0 });
  });

  it("is empty but well-formed without deploys, with a shorter last bucket", () => {
    const empty = computeDora({ service: "auth", environment: "prod", from: day0, to: day0 + 10 * DAY, deployments: [], builds: [] });
    expect(empty).toMatchObject({ hasData: false, deploymentFrequencyPerDay: null, leadTimeForChangesHours: null, changeFailureRate: null, timeToRestoreHours: null });
    expect(empty.trend.map((b) => (b.to - b.from) / DAY)).toEqual([7, 3]);
  });

  const deployAt = (id: number, startedAt: number, extra: Partial<DoraDeployment> = {}): DoraDeployment => ({
    id,
    service: "auth",
    environment: "prod",
    version: `v${id}`,
    kind: "deploy",
    status: "succeeded",
    startedAt,
    finishedAt: startedAt + 60_000,
    rollbackOf: null,
    verdictStatus: "healthy",
    ...extra,
  });

  it("shows the weeks before the first recorded deploy as no data, not zero, and counts frequency from it", () => {
    // Four weeks; deploys only in the last two, on Mon/Wed/Fri of each.
    const from = day0;
    const deploys = [14, 16, 18, 21, 23, 25].map((d, i) => deployAt(i + 1, from + d * DAY + 3_600_000));
    const report = computeDora({ service: "auth", environment: "prod", from, to: from + 28 * DAY, deployments: deploys, builds: [], bucketDays: 7 });
    expect(report.trend.map((t) => t.hasData)).toEqual([false, false, true, true]);
    expect(report.trend.map((t) => t.deploymentFrequencyPerDay)).toEqual([null, null, 3 / 7, 3 / 7]);
    expect(report.firstDeployAt).toBe(from + 14 * DAY + 3_600_000);
    expect(report.deployDaysPerWeek).toBeCloseTo(3, 3);
    expect(report.frequencyBucket).toBe("daily");
    expect(report.bands.deploymentFrequency).toBe("high");
  });

  it("counts at most 7 deploy days a week when the range starts and ends mid-day", () => {
    // A deploy every day at 09:00 for two weeks, read from 08:00 on the first day to 10:00 on the last: 15 days touched, each with a deploy.
    const from = day0 + 8 * 3_600_000;
    const deploys = Array.from({ length: 15 }, (_, d) => deployAt(d + 1, day0 + d * DAY + 9 * 3_600_000));
    const report = computeDora({ service: "auth", environment: "prod", from, to: day0 + 14 * DAY + 10 * 3_600_000, deployments: deploys, builds: [] });
    expect(report.deployDaysPerWeek).toBeCloseTo(7, 6);
    // Read until 08:00 on the last day instead, its deploy is not in the range yet: that day counts for the 8 h observed.
    const earlier = computeDora({ service: "auth", environment: "prod", from, to: day0 + 14 * DAY + 8 * 3_600_000, deployments: deploys.slice(0, 14), builds: [] });
    expect(earlier.deployDaysPerWeek).toBeCloseTo(14 / ((14 + 8 / 24) / 7), 6);
  });

  it("puts one deploy day a week in the weekly bucket, and one a month in the monthly one", () => {
    const weekly = [0, 7, 14, 21].map((d, i) => deployAt(i + 1, day0 + d * DAY));
    expect(computeDora({ service: "auth", environment: "prod", from: day0, to: day0 + 28 * DAY, deployments: weekly, builds: [] }).frequencyBucket).toBe("weekly");
    const monthly = [0, 30, 60].map((d, i) => deployAt(i + 1, day0 + d * DAY));
    expect(computeDora({ service: "auth", environment: "prod", from: day0, to: day0 + 90 * DAY, deployments: monthly, builds: [] }).frequencyBucket).toBe("monthly");
  });

  it("counts a failure only when it lasted the minimum failure duration", () => {
    const deploys = [
      deployAt(1, day0, { verdictStatus: "failed" }),
      deployAt(2, day0 + 2 * 60_000), // restores deploy 1 after 3 minutes
      deployAt(3, day0 + DAY, { status: "failed" }),
      deployAt(4, day0 + DAY + 3_600_000), // restores deploy 3 after an hour
    ];
    const at = (minFailureMinutes: number) => computeDora({ service: "auth", environment: "prod", from: day0, to: day0 + 7 * DAY, deployments: deploys, builds: [], minFailureMinutes });
    expect(at(0).counts.failedDeploys).toBe(2);
    expect(at(5).counts.failedDeploys).toBe(1);
    expect(at(5).changeFailureRate).toBe(1 / 4);
    expect(at(5).bands.changeFailureRate).toBe("low");
    expect(at(5).bands.timeToRestore).toBe("high");
  });
});
