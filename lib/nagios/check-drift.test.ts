import { describe, expect, it } from "vitest";
import type { DriftView } from "@/lib/deploys/running-version/drift";
import { checkDrift } from "./check-drift";
import { renderCheck } from "./check-result";

const MIN = 60_000;
const NOW = 1_700_000_000_000;
const GRACE = 10 * MIN;
const target = { service: "auth", environment: "prod" };
const view = (extra: Partial<DriftView>): DriftView => ({
  service: "auth",
  environment: "prod",
  running: "1.2",
  runningSince: NOW - 60 * MIN,
  lastSeen: NOW - 30_000,
  deployed: "1.2",
  deployedAt: NOW - 61 * MIN,
  deploymentId: 42,
  deploying: null,
  drift: false,
  driftSince: null,
  ...extra,
});

describe("checkDrift", () => {
  it("is OK while the service runs what was deployed, or differs only within the grace or by a deploy in progress", () => {
    expect(renderCheck(checkDrift(view({}), target, GRACE, NOW))).toEqual({
      line: "DEPLOYLINES OK - auth → prod runs 1.2 (reported 30s ago), as deployed: 1.2 (deployment 42) | 'drift'=0s;;;0",
      exitCode: 0,
    });
    expect(checkDrift(view({ running: "1.3" }), target, GRACE, NOW)).toMatchObject({ state: "OK", text: expect.stringContaining("less than the 10m grace") });
    expect(checkDrift(view({ running: "1.3", deploying: "1.3" }), target, GRACE, NOW)).toMatchObject({ state: "OK", text: expect.stringContaining("being deployed") });
  });

  it("is CRITICAL on drift, with how long it lasted as perfdata", () => {
    const result = renderCheck(checkDrift(view({ running: "1.3", drift: true, driftSince: NOW - 30_000 - 25 * MIN }), target, GRACE, NOW));
    expect(result).toEqual({
      line: "DEPLOYLINES CRITICAL - auth → prod runs 1.3 (reported 30s ago), not 1.2 (deployment 42), the last recorded deploy: drifting for 25m | 'drift'=1500s;;;0",
      exitCode: 2,
    });
  });

  it("is UNKNOWN when the service never reported a version, or nothing was deployed to compare with", () => {
    expect(renderCheck(checkDrift(undefined, target, GRACE, NOW))).toMatchObject({ exitCode: 3, line: expect.stringMatching(/^DEPLOYLINES UNKNOWN - auth → prod: never reported its version/) });
    expect(checkDrift(view({ deployed: null, deployedAt: null, deploymentId: null }), target, GRACE, NOW)).toMatchObject({ state: "UNKNOWN", text: expect.stringContaining("no deploy recorded there") });
  });
});
