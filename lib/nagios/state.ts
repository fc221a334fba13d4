import { alerts, type ThresholdRange } from "./threshold";

export type NagiosState = "OK" | "WARNING" | "CRITICAL" | "UNKNOWN";

const EXIT_CODES: Record<NagiosState, number> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 };
const STATES: NagiosState[] = ["OK", "WARNING", "CRITICAL", "UNKNOWN"];

/** The plugin exit code Nagios reads the state from: OK 0, WARNING 1, CRITICAL 2, UNKNOWN 3. */
export function exitCode(state: NagiosState): number {
  return EXIT_CODES[state];
}

/** The state an exit code stands for; anything outside 0–3 is UNKNOWN, as Nagios treats it. */
export function stateOfExitCode(code: number): NagiosState {
  return STATES[code] ?? "UNKNOWN";
}

/** The state of a value against optional warning and critical ranges; critical wins, no value is UNKNOWN. */
export function evaluate(value: number, warning?: ThresholdRange, critical?: ThresholdRange): NagiosState {
  if (!Number.isFinite(value)) return "UNKNOWN";
  if (critical && alerts(critical, value)) return "CRITICAL";
  if (warning && alerts(warning, value)) return "WARNING";
  return "OK";
}
