import type { NagiosState } from "./state";

/** One perfdata item as read back from a plugin line; thresholds stay as written. */
export interface ParsedPerfData {
  label: string;
  value: number;
  uom: string | null;
  warning: string | null;
  critical: string | null;
  min: number | null;
  max: number | null;
}

/** A plugin line read back into its parts, for `check --json`. */
export interface ParsedPluginOutput {
  state: NagiosState;
  text: string;
  perfdata: ParsedPerfData[];
}

const LINE = /^DEPLOYLINES (OK|WARNING|CRITICAL|UNKNOWN) - (.*?)(?: \| (.*))?$/;
// `'label'=value[UOM];warn;crit;min;max`; a quoted label doubles its own quotes.
const ITEM = /('(?:[^']|'')+'|[^\s=']+)=(-?[\d.]+(?:[eE][+-]?\d+)?)([^;\s]*)((?:;[^;\s]*){0,4})/g;

/** Splits `DEPLOYLINES <STATE> - <text> | <perfdata>` (as `formatPluginOutput` writes it); null when the line is not one. */
export function parsePluginOutput(line: string): ParsedPluginOutput | null {
  const match = LINE.exec(line.trim());
  if (!match) return null;
  const perfdata: ParsedPerfData[] = [];
  for (const [, rawLabel, value, uom, rest] of (match[3] ?? "").matchAll(ITEM)) {
    const [warning, critical, min, max] = rest.split(";").slice(1);
    perfdata.push({
      label: rawLabel.startsWith("'") ? rawLabel.slice(1, -1).replace(/''/g, "'") : rawLabel,
      value: Number(value),
      uom: uom || null,
      warning: warning || null,
      critical: critical || null,
      min: min ? Number(min) : null,
      max: max ? Number(max) : null,
    });
  }
  return { state: match[1] as NagiosState, text: match[2], perfdata };
}
