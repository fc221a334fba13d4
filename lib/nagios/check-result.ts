import { formatPluginOutput, type PerfData } from "./plugin-output";
import { exitCode, type NagiosState } from "./state";

/** The outcome of one check: its state, the human text, and the perfdata Nagios graphs. */
export interface CheckResult {
  state: NagiosState;
  text: string;
  perfdata: PerfData[];
}

/** A check that could not be made, with the reason as its text. */
export function unknown(text: string, perfdata: PerfData[] = []): CheckResult {
  return { state: "UNKNOWN", text, perfdata };
}

/** The plugin line and exit code of a result, as the endpoint answers and the CLI prints. */
export function renderCheck(result: CheckResult): { line: string; exitCode: number } {
  return { line: formatPluginOutput(result.state, result.text, result.perfdata), exitCode: exitCode(result.state) };
}
