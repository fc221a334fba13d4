import type { ReadinessVerdict } from "@/lib/dark-launch/readiness";
import { unknown, type CheckResult } from "./check-result";
import type { PerfData } from "./plugin-output";

export interface DarkLaunchReading {
  readiness: ReadinessVerdict;
  mirrored: number;
  matchRate: number | null;
  candidateVersion: string | null;
}

/**
 * A dark launch's readiness as a check: OK when the candidate is ready for production traffic,
 * WARNING when not (yet), UNKNOWN with too few samples or no dark launch (`reading` null).
 * Perfdata carries the match rate and the mirrored sample count.
 */
export function checkDarkLaunch(reading: DarkLaunchReading | null, service: string): CheckResult {
  if (!reading) return unknown(`${service}: no dark launch`);
  const subject = `${service} candidate${reading.candidateVersion ? ` ${reading.candidateVersion}` : ""}`;
  const reasons = reading.readiness.reasons.join("; ");
  const perfdata: PerfData[] = [{ label: "mirrored", value: reading.mirrored, min: 0 }];
  if (reading.matchRate !== null) perfdata.unshift({ label: "match_rate", value: reading.matchRate * 100, uom: "%", min: 0, max: 100 });
  switch (reading.readiness.status) {
    case "ready":
      return { state: "OK", text: `${subject} is ready: ${reasons}`, perfdata };
    case "not_ready":
      return { state: "WARNING", text: `${subject} is not ready: ${reasons}`, perfdata };
    case "insufficient_data":
      return unknown(`${subject}: insufficient data, ${reasons}`, perfdata);
  }
}
