import type { Problem } from "@/lib/http/problem";
import { METRIC_NAME } from "@/lib/metrics/name";
import { labelProblem, sanitizeLabelName, type Labels } from "@/lib/series/labels";
import { MAX_TIMESTAMP_MS } from "@/lib/time/parse-time";
import type { IngestBatch } from "../schema";
import { linesToBatch } from "../to-batch";

export const PRECISIONS = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000 } as const;
export type Precision = keyof typeof PRECISIONS;

/**
 * Parses InfluxDB line protocol (`cpu,host=a,dc=ams usage=12.5,idle=80i 1700000000000000000`):
 * each numeric field becomes a series `<measurement>_<field>` (just `<measurement>` for a field
 * named `value`), the tags its labels, as Prometheus' and Telegraf's conversions name them.
 * Integers (`80i`, `3u`) and booleans (1/0) count; string fields are skipped. Timestamps are in
 * `precision` units (nanoseconds by default), absent meaning now. Every bad line is a problem
 * naming its number; the caller refuses the whole body when there is one.
 */
export function parseLineProtocol(text: string, options: { precision: Precision; now: number }): { batch: IngestBatch; problems: Problem[] } {
  const points: { metric: string; labels?: Labels; ts: number; value: number }[] = [];
  const problems: Problem[] = [];
  const rows = text.split("\n");
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i].trim();
    if (row === "" || row.startsWith("#")) continue;
    const parsed = parseLine(row, options);
    if (typeof parsed === "string") {
      if (problems.length < 100) problems.push({ where: `line ${i + 1}`, message: parsed });
    } else points.push(...parsed);
  }
  const batch = linesToBatch(points.map((p) => ({ metric: p.metric, labels: p.labels, value: p.value, ts: p.ts })));
  return { batch, problems };
}

function parseLine(row: string, { precision, now }: { precision: Precision; now: number }) {
  const [head, fieldText, tsText, extra] = splitUnescaped(row, " ");
  if (fieldText === undefined || extra !== undefined) return `expected "measurement[,tags] fields [timestamp]", got ${extra !== undefined ? "more" : "fewer"} space-separated parts`;
  const [measurement, ...tagPairs] = splitUnescaped(head, ",").map(unescape);
  const labels: Labels = {};
  for (const pair of tagPairs) {
    const [key, value] = splitUnescaped(pair, "=");
    if (!key || value === undefined || value === "") return `tag "${pair.slice(0, 80)}" is not key=value`;
    labels[sanitizeLabelName(unescape(key))] = unescape(value);
  }
  const labelIssue = labelProblem(labels);
  if (labelIssue) return labelIssue;
  let ts = now;
  if (tsText !== undefined) {
    const raw = Number(tsText);
    if (!/^-?\d+$/.test(tsText) || !Number.isFinite(raw)) return `timestamp "${tsText.slice(0, 40)}" is not an integer`;
    ts = Math.round(raw * PRECISIONS[precision]);
    if (ts < 0 || ts >= MAX_TIMESTAMP_MS) return `timestamp "${tsText.slice(0, 40)}" is out of range for precision ${precision}`;
  }
  const out = [];
  for (const field of splitUnescaped(fieldText, ",")) {
    const eq = field.indexOf("=");
    if (eq <= 0) return `field "${field.slice(0, 80)}" is not key=value`;
    const key = unescape(field.slice(0, eq));
    const value = fieldValue(field.slice(eq + 1));
    if (value === undefined) return `field "${key.slice(0, 80)}" has no valid value`;
    if (value === null) continue;
    const metric = (key === "value" ? measurement : `${measurement}_${key}`).replace(/[^A-Za-z0-9_\-:@.]/g, "_");
    if (!METRIC_NAME.test(metric) || metric.length > 255) return `"${metric.slice(0, 80)}" cannot be made a metric name`;
    out.push({ metric, labels: Object.keys(labels).length > 0 ? labels : undefined, ts, value });
  }
  return out.length > 0 ? out : "no numeric field on the line";
}

/** A field's number: floats, `i`/`u` integers, booleans as 1/0; null for a string (skipped); undefined when malformed. */
function fieldValue(text: string): number | null | undefined {
  if (text.startsWith('"')) return text.length >= 2 && text.endsWith('"') ? null : undefined;
  if (/^(t|T|true|True|TRUE)$/.test(text)) return 1;
  if (/^(f|F|false|False|FALSE)$/.test(text)) return 0;
  const number = /^-?\d+[iu]$/.test(text) ? Number(text.slice(0, -1)) : /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** Splits on `sep` outside double quotes and not escaped with a backslash. */
function splitUnescaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length) {
      current += c + text[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === sep && !quoted) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts;
}

const unescape = (text: string) => text.replace(/\\([, =\\"])/g, "$1");
