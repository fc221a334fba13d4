import { describe, expect, it } from "vitest";
import { assessDrift, driftDuration } from "./drift";

const MIN = 60_000;
const T = Date.UTC(2026, 0, 1, 12);
const GRACE = 10 * MIN;
const running = (version: string, since: number, lastSeen: number) => ({ service: "auth", environment: "prod", version, since, lastSeen });
const deploy = (version: string, finishedAt: number, id = 7) => ({ id, version, startedAt: finishedAt - MIN, finishedAt });

describe("assessDrift", () => {
  it("is no drift while the service runs what was last deployed", () => {
    expect(assessDrift(running("1.0", T, T + 60 * MIN), { succeeded: deploy("1.0", T) }, GRACE)).toEqual({
      service: "auth",
      environment: "prod",
      running: "1.0",
      runningSince: T,
      lastSeen: T + 60 * MIN,
      deployed: "1.0",
      deployedAt: T,
      deploymentId: 7,
      deploying: null,
      drift: false,
      driftSince: null,
    });
  });

  it("is drift once another version was reported for longer than the grace, from the version change", () => {
    const deployed = { succeeded: deploy("1.0", T) };
    expect(assessDrift(running("1.1", T + 5 * MIN, T + 15 * MIN), deployed, GRACE).drift).toBe(false);
    const view = assessDrift(running("1.1", T + 5 * MIN, T + 15 * MIN + 1), deployed, GRACE);
    expect(view).toMatchObject({ drift: true, driftSince: T + 5 * MIN });
    expect(driftDuration(view)).toBe(10 * MIN + 1);
  });

  it("counts from the deploy when the deploy came after the version change", () => {
    const view = assessDrift(running("1.0", T - 60 * MIN, T + 20 * MIN), { succeeded: deploy("1.1", T) }, GRACE);
    expect(view).toMatchObject({ running: "1.0", deployed: "1.1", drift: true, driftSince: T });
  });

  it("measures the grace up to the last report: a service gone quiet after a deploy is not drifting", () => {
    expect(assessDrift(running("1.0", T - 60 * MIN, T + MIN), { succeeded: deploy("1.1", T) }, GRACE).drift).toBe(false);
  });

  it("is no drift while a recorded deploy of the running version is in progress, nor without any recorded deploy", () => {
    const view = assessDrift(running("1.1", T, T + 60 * MIN), { succeeded: deploy("1.0", T - 60 * MIN), inProgress: { id: 8, version: "1.1", startedAt: T, finishedAt: null } }, GRACE);
    expect(view).toMatchObject({ drift: false, deploying: "1.1", deployed: "1.0" });
    expect(assessDrift(running("1.1", T, T + 60 * MIN), {}, GRACE)).toMatchObject({ drift: false, deployed: null, deployedAt: null, deploymentId: null });
    expect(driftDuration(view)).toBe(0);
  });

  it("flags drift at once with no grace", () => {
    expect(assessDrift(running("1.1", T, T + 1), { succeeded: deploy("1.0", T - MIN) }, 0).drift).toBe(true);
  });
});
