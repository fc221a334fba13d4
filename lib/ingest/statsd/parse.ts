import type { Problem } from "@/lib/http/problem";
import { METRIC_NAME } from "@/lib/metrics/name";
import type { Labels } from "@/lib/series/labels";
import { tagLabels } from "./tags";

/** One sample from a StatsD packet; `labels` holds its DogStatsD tags (see tags.ts), absent when it has none. */
export type StatsdSample =
  | { kind: "counter"; name: string; value: number; sampleRate: number; labels?: Labels }
  | { kind: "gauge"; name: string; value: number; delta: boolean; labels?: Labels }
  | { kind: "timer"; name: string; value: number; sampleRate: number; labels?: Labels }
  | { kind: "set"; name: string; member: string; labels?: Labels };

// Room within the store's 255 characters for the longest prefix and suffix a flush adds: the
// legacy `stats.timers.` and `.sum_squares_99_999` (percentiles have at most 3 decimals).
export const MAX_STATSD_NAME = 200;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// DogStatsD fields read and ignored: a timestamp (the Datadog agent too aggregates it into the
// interval it arrives in, unless told otherwise), and origin-detection data for container tagging.
const IGNORED_FIELD = /^(T\d+|c:.*|e:.*|card:.*)$/s;
const TYPES = { c: "counter", g: "gauge", ms: "timer", h: "timer", d: "timer", s: "set" } as const;

/**
 * Parses a StatsD packet: newline-separated lines `name:value|type[|@rate][|#tags]`.
 * Bad lines are skipped and reported by line number, never thrown.
 */
export function parseStatsdPacket(packet: string): { samples: StatsdSample[]; problems: Problem[] } {
  const samples: StatsdSample[] = [];
  const problems: Problem[] = [];
  const lines = packet.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const parsed = parseStatsdLine(line);
    if (typeof parsed === "string") problems.push({ where: `line ${i + 1}`, message: parsed });
    else samples.push(...parsed);
  }
  return { samples, problems };
}

/**
 * Parses one StatsD line into its samples, or returns why it is malformed (then none of them
 * is kept). Besides `name:value|type[|@rate]` it reads:
 * - the reference daemon's several samples per line, each with its own type: `a:1|c:2|ms|@0.5`;
 * - DogStatsD's several values of one type (`a:1:2:3|d`; a set's member is the whole value,
 *   `:` included), its `d` distribution (a timer aggregated here, as the agent does), and its
 *   fields after the type in any order: `@rate`, `#tags` (one tag field, labelling every sample
 *   of the line), and `T<seconds>`, `c:…`, `e:…`, `card:…`, which are ignored.
 */
export function parseStatsdLine(line: string): StatsdSample[] | string {
  const colon = line.indexOf(":");
  if (colon <= 0) return `expected "name:value|type", got "${line.slice(0, 80)}"`;
  const name = line.slice(0, colon);
  if (!METRIC_NAME.test(name) || name.length > MAX_STATSD_NAME) return `bad metric name "${name.slice(0, 80)}"`;
  const fields = line.slice(colon + 1).split("|");
  const samples: StatsdSample[] = [];
  let tags: string | undefined;
  let values: string | undefined = fields[0];
  let i = 1;
  while (values !== undefined) {
    if (i >= fields.length) return `"${name}": missing type after "${values.slice(0, 40)}" (expected |c, |g, |ms, |h, |d or |s)`;
    // A ':' after the type or the rate starts the line's next sample (`a:1|c:2|c`); tags hold ':' of their own.
    const [type, afterType] = cutAtColon(fields[i++]);
    let next = afterType;
    let sampleRate = 1;
    while (next === undefined && i < fields.length) {
      const field = fields[i++];
      if (field.startsWith("#")) {
        if (tags !== undefined) return `"${name}": more than one tag field`;
        tags = field.slice(1);
      } else if (field.startsWith("@")) {
        let rate: string;
        [rate, next] = cutAtColon(field.slice(1));
        sampleRate = Number(rate);
        if (!NUMBER.test(rate) || !(sampleRate > 0 && sampleRate <= 1)) return `"${name}": sample rate "@${rate.slice(0, 20)}" must be in (0, 1]`;
      } else if (!IGNORED_FIELD.test(field)) return `"${name}": unknown field "${field.slice(0, 40)}"`;
    }
    const parsed = parseValues(name, values, type, sampleRate);
    if (typeof parsed === "string") return parsed;
    samples.push(...parsed);
    values = next;
  }
  if (tags === undefined) return samples;
  const labels = tagLabels(tags);
  if (typeof labels === "string") return `"${name}": ${labels}`;
  if (Object.keys(labels).length === 0) return samples;
  return samples.map((sample) => ({ ...sample, labels }));
}

function cutAtColon(field: string): [string, string | undefined] {
  const colon = field.indexOf(":");
  return colon === -1 ? [field, undefined] : [field.slice(0, colon), field.slice(colon + 1)];
}

function parseValues(name: string, raw: string, type: string, sampleRate: number): StatsdSample[] | string {
  const kind = Object.hasOwn(TYPES, type) ? TYPES[type as keyof typeof TYPES] : undefined;
  if (kind === undefined) return `"${name}": unknown type "${type.slice(0, 10)}" (expected c, g, ms, h, d or s)`;
  if (kind === "set") return raw === "" ? `"${name}": empty set member` : [{ kind, name, member: raw }];
  const samples: StatsdSample[] = [];
  for (const text of raw.split(":")) {
    if (!NUMBER.test(text)) return `"${name}": value "${text.slice(0, 40)}" is not a number`;
    const value = Number(text);
    if (!Number.isFinite(value)) return `"${name}": value "${text.slice(0, 40)}" is not finite`;
    if (kind === "gauge") samples.push({ kind, name, value, delta: text.startsWith("+") || text.startsWith("-") });
    else samples.push({ kind, name, value, sampleRate });
  }
  return samples;
}
