import { describe, expect, it } from "vitest";
import { checkDarkLaunch } from "./check-dark-launch";
import { renderCheck } from "./check-result";

describe("checkDarkLaunch", () => {
  const reading = (status: "ready" | "not_ready" | "insufficient_data") => ({
    readiness: { ready: status === "ready", status, reasons: ["match rate 99.9% ≥ 99.5% over 1000 samples"] },
    mirrored: 1000,
    matchRate: 0.999,
    candidateVersion: "2.0.0",
  });

  it("is OK when ready, WARNING when not, UNKNOWN with too few samples or no dark launch", () => {
    expect(renderCheck(checkDarkLaunch(reading("ready"), "auth"))).toEqual({
      line: "DEPLOYLINES OK - auth candidate 2.0.0 is ready: match rate 99.9% ≥ 99.5% over 1000 samples | 'match_rate'=99.9%;;;0;100 'mirrored'=1000;;;0",
      exitCode: 0,
    });
    expect(checkDarkLaunch(reading("not_ready"), "auth").state).toBe("WARNING");
    expect(checkDarkLaunch(reading("insufficient_data"), "auth").state).toBe("UNKNOWN");
    expect(checkDarkLaunch(null, "auth")).toMatchObject({ state: "UNKNOWN", text: "auth: no dark launch" });
  });
});
