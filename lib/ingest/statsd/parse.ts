import type { Problem } from "@/lib/http/problem";
import { METRIC_NAME } from "@/lib/metrics/name";

/** One sample from a StatsD packet; tags (DogStatsD `|#a:b`) are parsed but not stored yet. */
export type StatsdSample =
  | { kind: "counter"; name: string; value: number; sampleRate: number; tags: string[] }
  | { kind: "gauge"; name: string; value: number; delta: boolean; tags: string[] }
  | { kind: "timer"; name: string; value: number; sampleRate: number; tags: string[] }
  | { kind: "set"; name: string; member: string; tags: string[] };

// Room within the store's 255 characters for the longest prefix and suffix a flush adds: the
// legacy `stats.timers.` and `.sum_squares_99_999` (percentiles have at most 3 decimals).
export const MAX_STATSD_NAME = 200;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a StatsD packet: newline-separated lines `name:value|type[|@rate][|#tags]`,
 * several values per line allowed as the reference daemon does (`a:1|c:2|c`).
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

/** Parses one StatsD line into its samples, or returns why it is malformed. */
export function parseStatsdLine(line: string): StatsdSample[] | string {
  const colon = line.indexOf(":");
  if (colon <= 0) return `expected "name:value|type", got "${line.slice(0, 80)}"`;
  const name = line.slice(0, colon);
  if (!METRIC_NAME.test(name) || name.length > MAX_STATSD_NAME) return `bad metric name "${name.slice(0, 80)}"`;
  let rest = line.slice(colon + 1);
  // Tags may contain ':' themselves, so cut them off before splitting multiple values.
  let tags: string[] = [];
  const tagStart = rest.indexOf("|#");
  if (tagStart !== -1) {
    tags = rest.slice(tagStart + 2).split(",").filter((t) => t !== "");
    rest = rest.slice(0, tagStart);
  }
  const samples: StatsdSample[] = [];
  for (const field of rest.split(":")) {
    const sample = parseValue(name, field, tags);
    if (typeof sample === "string") return sample;
    samples.push(sample);
  }
  return samples;
}

function parseValue(name: string, field: string, tags: string[]): StatsdSample | string {
  const [raw, type, ...options] = field.split("|");
  if (type === undefined) return `"${name}": missing type after "${raw}" (expected |c, |g, |ms, |h or |s)`;
  let sampleRate = 1;
  for (const option of options) {
    if (!option.startsWith("@")) return `"${name}": unknown field "${option.slice(0, 40)}"`;
    sampleRate = Number(option.slice(1));
    if (!NUMBER.test(option.slice(1)) || !(sampleRate > 0 && sampleRate <= 1)) return `"${name}": sample rate "${option}" must be in (0, 1]`;
  }
  if (type === "s") {
    if (raw === "") return `"${name}": empty set member`;
    return { kind: "set", name, member: raw, tags };
  }
  if (!NUMBER.test(raw)) return `"${name}": value "${raw.slice(0, 40)}" is not a number`;
  const value = Number(raw);
  if (!Number.isFinite(value)) return `"${name}": value "${raw.slice(0, 40)}" is not finite`;
  switch (type) {
    case "c":
      return { kind: "counter", name, value, sampleRate, tags };
    case "g":
      return { kind: "gauge", name, value, delta: raw.startsWith("+") || raw.startsWith("-"), tags };
    case "ms":
    case "h":
      return { kind: "timer", name, value, sampleRate, tags };
    default:
      return `"${name}": unknown type "${type.slice(0, 10)}" (expected c, g, ms, h or s)`;
  }
}
