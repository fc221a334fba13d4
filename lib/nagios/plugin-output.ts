import type { NagiosState } from "./state";
import type { ThresholdRange } from "./threshold";

/** One performance-data item: `'label'=value[UOM];warn;crit;min;max`. */
export interface PerfData {
  label: string;
  value: number;
  uom?: string;
  warning?: ThresholdRange;
  critical?: ThresholdRange;
  min?: number;
  max?: number;
}

// The guidelines' UOMs are letters or %; anything else (e.g. "req/s") would confuse graphers.
const UOM = /^[A-Za-z%]+$/;

/** Formats perfdata per the Nagios plugin guidelines: quoted label, trailing empty fields dropped. */
export function formatPerfData(item: PerfData): string {
  const label = `'${item.label.replace(/=/g, "_").replace(/'/g, "''")}'`;
  const uom = item.uom && UOM.test(item.uom) ? item.uom : "";
  const fields = [
    `${label}=${formatNumber(item.value)}${uom}`,
    item.warning?.text ?? "",
    item.critical?.text ?? "",
    item.min === undefined ? "" : formatNumber(item.min),
    item.max === undefined ? "" : formatNumber(item.max),
  ];
  while (fields[fields.length - 1] === "") fields.pop();
  return fields.join(";");
}

/** One plugin output line: `DEPLOYLINES <STATE> - <text> | <perfdata>`. */
export function formatPluginOutput(state: NagiosState, text: string, perfdata: PerfData[] = []): string {
  // A '|' would start the perfdata and a newline a long-output section; keep the text one plain line.
  const clean = text.replace(/\|/g, "/").replace(/\s*[\r\n]+\s*/g, " ").trim();
  const line = `DEPLOYLINES ${state} - ${clean}`;
  return perfdata.length === 0 ? line : `${line} | ${perfdata.map(formatPerfData).join(" ")}`;
}

function formatNumber(value: number): string {
  // Twelve significant digits hide binary noise such as 0.30000000000000004.
  return String(Number(value.toPrecision(12)));
}
