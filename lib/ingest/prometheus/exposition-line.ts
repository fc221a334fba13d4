import { MAX_TIMESTAMP_MS } from "@/lib/time/parse-time";
import { MAX_LABELS, type Labels } from "@/lib/series/labels";

/** One sample line of the text format, before its family is looked up. */
export interface SampleLine {
  name: string;
  labels: Labels;
  /** NaN and ±Inf included: whether to keep them is the caller's choice. */
  value: number;
  /** Epoch ms, when the line had a timestamp. */
  ts?: number;
}

/** Prometheus' metric name rule; every such name also passes ours (lib/metrics/name.ts). */
export const PROMETHEUS_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const NAME_AT = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME_AT = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const BLANKS_AT = /[ \t]*/y;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ESCAPED: Record<string, string> = { "\\": "\\", '"': '"', n: "\n" };

/**
 * Parses `name{label="value",…} value [timestamp] [# exemplar]`. Timestamps are epoch ms in
 * 0.0.4 and (fractional) epoch seconds in OpenMetrics; an exemplar is dropped unread.
 * Returns the sample or why the line is not one.
 */
export function parseSampleLine(line: string, openMetrics: boolean): SampleLine | string {
  NAME_AT.lastIndex = 0;
  const name = NAME_AT.exec(line)?.[0];
  if (!name) return "expected a metric name";
  let pos = skipBlanks(line, name.length);
  let labels: Labels = {};
  if (line[pos] === "{") {
    const parsed = parseLabels(line, pos + 1);
    if (typeof parsed === "string") return parsed;
    ({ labels, end: pos } = parsed);
  }
  // Label values are behind us, so a `#` here can only start an exemplar.
  const hash = line.indexOf("#", pos);
  const fields = line.slice(pos, hash === -1 ? undefined : hash).trim().split(/[ \t]+/);
  if (fields[0] === "") return "expected a value after the name and labels";
  if (fields.length > 2) return `expected "value [timestamp]" after the name and labels, got ${fields.length} fields`;
  const value = parseValue(fields[0]);
  if (value === null) return `value "${fields[0].slice(0, 40)}" is not a number`;
  if (fields.length === 1) return { name, labels, value };
  const ts = parseTimestamp(fields[1], openMetrics);
  if (ts === null) return `timestamp "${fields[1].slice(0, 40)}" is not ${openMetrics ? "epoch seconds" : "epoch milliseconds"}`;
  return { name, labels, value, ts };
}

/** Reads `name="value",…}` from `start` (just past the `{`); a trailing comma is allowed, as 0.0.4 allows it. */
function parseLabels(line: string, start: number): { labels: Labels; end: number } | string {
  const labels: Labels = {};
  let count = 0;
  let pos = skipBlanks(line, start);
  while (line[pos] !== "}") {
    LABEL_NAME_AT.lastIndex = pos;
    const name = LABEL_NAME_AT.exec(line)?.[0];
    if (!name) return pos >= line.length ? "unterminated label set" : `bad label name at column ${pos + 1}`;
    if (name.startsWith("__")) return `label name "${name}" is reserved (leading __)`;
    if (Object.hasOwn(labels, name)) return `label "${name}" appears twice`;
    // Stopping here keeps a hostile line from building a huge label set first.
    if (++count > MAX_LABELS) return `more than ${MAX_LABELS} labels`;
    pos = skipBlanks(line, pos + name.length);
    if (line[pos] !== "=") return `expected = after label "${name}"`;
    pos = skipBlanks(line, pos + 1);
    if (line[pos] !== '"') return `expected a quoted value for label "${name}"`;
    const value = readQuoted(line, pos + 1);
    if (typeof value === "string") return `label "${name}": ${value}`;
    labels[name] = value.text;
    pos = skipBlanks(line, value.end + 1);
    if (line[pos] === ",") pos = skipBlanks(line, pos + 1);
    else if (line[pos] !== "}") return `expected , or } after label "${name}"`;
  }
  return { labels, end: pos + 1 };
}

/** Reads a label value from `start` (just past its opening quote) to its closing quote, unescaping `\\ \\" \\n`. */
function readQuoted(line: string, start: number): { text: string; end: number } | string {
  let text = "";
  let run = start;
  // Copies the runs between escapes whole: most values have none.
  for (let pos = start; pos < line.length; pos++) {
    const c = line[pos];
    if (c === '"') return { text: text + line.slice(run, pos), end: pos };
    if (c !== "\\") continue;
    const escaped = ESCAPED[line[pos + 1]];
    if (escaped === undefined) return `unknown escape \\${line[pos + 1] ?? ""} (only \\\\, \\" and \\n)`;
    text += line.slice(run, pos) + escaped;
    run = ++pos + 1;
  }
  return "unterminated value";
}

/** A float as Go's ParseFloat reads the text format's: decimal, or NaN/Inf in any case and sign. */
function parseValue(text: string): number | null {
  if (DECIMAL.test(text)) return Number(text);
  const word = text.toLowerCase();
  if (word === "nan") return NaN;
  if (/^[+-]?inf(inity)?$/.test(word)) return word.startsWith("-") ? -Infinity : Infinity;
  return null;
}

function parseTimestamp(text: string, openMetrics: boolean): number | null {
  if (openMetrics ? !DECIMAL.test(text) : !/^-?\d+$/.test(text)) return null;
  const ms = openMetrics ? Math.round(Number(text) * 1000) : Number(text);
  return ms >= 0 && ms < MAX_TIMESTAMP_MS ? ms : null;
}

function skipBlanks(line: string, pos: number): number {
  BLANKS_AT.lastIndex = pos;
  BLANKS_AT.exec(line);
  return BLANKS_AT.lastIndex;
}
