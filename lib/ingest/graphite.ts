import { METRIC_NAME } from "@/lib/metrics/name";
import type { Problem } from "@/lib/http/problem";
import { labelProblem, sanitizeLabelName, type Labels } from "@/lib/series/labels";
import { MAX_TIMESTAMP_MS } from "@/lib/time/parse-time";

export interface GraphiteLine {
  metric: string;
  /** The tags of a tagged path (`name;k=v`), absent for a plain one. */
  labels?: Labels;
  value: number;
  ts: number;
}

/**
 * Parses one Graphite plaintext line `name value unix_seconds`, the name optionally tagged
 * (`name;k=v;k2=v2`, see `graphitePath`). The timestamp may be omitted or `-1` (meaning now,
 * as carbon does). Returns the point or the reason it is bad.
 */
export function parseGraphiteLine(line: string, now: number): GraphiteLine | string {
  const parts = splitFields(line);
  if (parts.length < 2 || parts.length > 3) return `expected "name value unix_seconds", got ${parts.length} field(s)`;
  const [metric, rawValue, rawTs] = parts;
  const value = Number(rawValue);
  if (rawValue === "" || !Number.isFinite(value)) return `value "${rawValue}" is not a finite number`;
  if (rawTs === undefined || rawTs === "-1") return graphitePoint(metric, value, undefined, now);
  return graphitePoint(metric, value, Number(rawTs), now, rawTs);
}

/**
 * Parses every line of `text` (lines split at "\n"; blank ones skipped) as `parseGraphiteLine`
 * would, handing each line's point or problem to `visit` with the line's [start, end) in `text`
 * and its index (blank lines counted).
 * The usual line — `name value digits`, single spaces — is read in place, without the line, its
 * fields or their array as strings of their own: a million-line stream made that garbage a
 * quarter of its parsing. Any other line goes through parseGraphiteLine itself.
 */
export function eachGraphiteLine(text: string, now: number, visit: (parsed: GraphiteLine | string, start: number, end: number, index: number) => void): void {
  for (let start = 0, index = 0; start <= text.length; index++) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    // A CRLF sender's line is read in place too, without its CR.
    const parsed = end > start ? plainLine(text, start, text.charCodeAt(end - 1) === 13 ? end - 1 : end, now) : null;
    if (parsed !== null) visit(parsed, start, end, index);
    else if (end > start) {
      const line = text.slice(start, end);
      if (line.trim() !== "") visit(parseGraphiteLine(line, now), start, end, index);
    }
    start = end + 1;
  }
}

/** A good `name value digits` line read in place, or null for anything else, bad lines included (see eachGraphiteLine). */
function plainLine(text: string, start: number, end: number, now: number): GraphiteLine | null {
  // Spaces looked for within the line only: indexOf would run on into the lines after one without.
  const first = nextSpace(text, start, end);
  if (first === start || first === end) return null;
  const second = nextSpace(text, first + 1, end);
  if (second === first + 1 || second >= end - 1) return null;
  let seconds = 0;
  for (let i = second + 1; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    seconds = seconds * 10 + digit;
  }
  const value = Number(text.slice(first + 1, second));
  // A value Number() reads but the plain split would not (whitespace inside), or none: the long way.
  if (!Number.isFinite(value) || text.charCodeAt(first + 1) <= 32 || text.charCodeAt(second - 1) <= 32) return null;
  // A bad name or timestamp: parseGraphiteLine words the problem.
  const point = graphitePoint(text.slice(start, first), value, seconds, now);
  return typeof point === "string" ? null : point;
}

/** The index of the first space in text[from, end), or `end`. */
function nextSpace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && text.charCodeAt(i) !== 32) i++;
  return i;
}

/**
 * A line's whitespace-separated fields. The usual line — single spaces, nothing around it — is
 * cut at its spaces without the regular expression, which was a fifth of a stream's parsing.
 */
function splitFields(line: string): string[] {
  const first = line.indexOf(" ");
  const second = first === -1 ? -1 : line.indexOf(" ", first + 1);
  const plain =
    first > 0 && second > first + 1 && second < line.length - 1 && line.indexOf(" ", second + 1) === -1 &&
    line.charCodeAt(line.length - 1) > 32 && line.indexOf("\t") === -1;
  return plain ? [line.slice(0, first), line.slice(first + 1, second), line.slice(second + 1)] : line.trim().split(/\s+/);
}

/**
 * Checks one Graphite datapoint — the line protocol's and the pickle protocol's alike: a
 * path (`graphitePath`), a finite value, a timestamp in unix seconds (undefined or -1 meaning
 * now, as carbon does). Returns the point or the reason it is bad.
 */
export function graphitePoint(path: string, value: number, seconds: number | undefined, now: number, rawTs?: string): GraphiteLine | string {
  const series = graphitePath(path);
  if (typeof series === "string") return series;
  if (!Number.isFinite(value)) return `value "${value}" is not a finite number`;
  // Object literals, not spreads: this runs once per line of a million-line stream.
  if (seconds === undefined || seconds === -1) return { metric: series.metric, labels: series.labels, value, ts: now };
  if (!Number.isFinite(seconds) || seconds < 0 || seconds * 1000 >= MAX_TIMESTAMP_MS) return `timestamp "${rawTs ?? seconds}" is not unix seconds`;
  return { metric: series.metric, labels: series.labels, value, ts: Math.round(seconds * 1000) };
}

const PLAIN_NAMES = new Set<string>();
const PLAIN_NAMES_MAX = 100_000;

/**
 * Reads a Graphite path: a dotted name of at most 255 characters, optionally followed by
 * Graphite 1.1 tags `;k=v;k2=v2`, which become labels (names through `sanitizeLabelName`).
 * As carbon requires, a tag name is non-empty without `!` or `^` (`;` and `=` cannot occur), a
 * value non-empty and not starting with `~`. Refused besides: a tag named `name` (carbon's
 * name for the path itself), one label given two values (`a=1;a=2`, or `a.b=1;a_b=2` once
 * sanitized; carbon keeps the last), and what `labelProblem` refuses (over 32 tags, a value
 * over 1024 characters). Returns the reason a path is bad instead.
 */
export function graphitePath(path: string): { metric: string; labels?: Labels } | string {
  if (!path.includes(";")) {
    // A stream repeats its names: a checked plain name is remembered (a bounded set, emptied when full).
    if (PLAIN_NAMES.has(path)) return { metric: path };
    if (!METRIC_NAME.test(path) || path.length > 255) return `bad metric name "${path.slice(0, 80)}"`;
    if (PLAIN_NAMES.size >= PLAIN_NAMES_MAX) PLAIN_NAMES.clear();
    PLAIN_NAMES.add(path);
    return { metric: path };
  }
  const [metric, ...tags] = path.split(";");
  if (!METRIC_NAME.test(metric) || metric.length > 255) return `bad metric name "${metric.slice(0, 80)}"`;
  if (tags.length === 0) return { metric };
  const labels: Labels = {};
  for (const tag of tags) {
    const eq = tag.indexOf("=");
    const key = eq === -1 ? tag : tag.slice(0, eq);
    const value = eq === -1 ? "" : tag.slice(eq + 1);
    if (key === "" || value === "" || /[!^]/.test(key) || value.startsWith("~")) {
      return `bad tag "${tag.slice(0, 80)}" (expected name=value: a name without ! or ^, a value not starting with ~)`;
    }
    if (key === "name") return 'tag "name" is the metric name in Graphite';
    const name = sanitizeLabelName(key);
    if (Object.hasOwn(labels, name) && labels[name] !== value) return `tags give label "${name}" two values ("${labels[name].slice(0, 40)}" and "${value.slice(0, 40)}")`;
    labels[name] = value;
  }
  const problem = labelProblem(labels);
  return problem ?? { metric, labels };
}

/** Parses a whole plaintext body; blank lines are skipped, every bad line is reported by number. */
export function parseGraphiteText(text: string, now: number = Date.now()): { lines: GraphiteLine[]; problems: Problem[] } {
  const lines: GraphiteLine[] = [];
  const problems: Problem[] = [];
  eachGraphiteLine(text, now, (parsed, _start, _end, index) => {
    if (typeof parsed === "string") problems.push({ where: `line ${index + 1}`, message: parsed });
    else lines.push(parsed);
  });
  return { lines, problems };
}
