import "server-only";
import type { MetricsSource } from "@/lib/metrics-source/types";
import { literalPrefix } from "./glob";
import { scanMetricNames } from "./scan-names";

/** Names a hint looks at at most: enough to describe a prefix, bounded for a prefix of 100,000 names. */
const HINT_SCAN = 10_000;

export interface NoMatchHint {
  /** The literal part of the pattern before its first wildcard (or label matcher). */
  prefix: string;
  /** Names under that prefix (counted up to HINT_SCAN; `atLeast` when there are more). */
  names: number;
  atLeast: boolean;
  /** Per depth (dotted segments), how many names and one example. */
  depths: { depth: number; names: number; example: string }[];
  message: string;
}

/**
 * Why a name, glob or selector matched nothing: how many names exist under its literal prefix
 * and at which depths, since a Graphite `*` never crosses a dot (`eco.*` misses `eco.a.b`).
 */
export async function noMatchHint(source: Pick<MetricsSource, "listNames">, pattern: string): Promise<NoMatchHint> {
  const name = pattern.includes("{") ? pattern.slice(0, pattern.indexOf("{")) : pattern;
  const matchers = pattern.slice(name.length);
  const prefix = literalPrefix(name);
  const byDepth = new Map<number, { names: number; example: string }>();
  let names = 0;
  let named = false;
  for await (const candidate of scanMetricNames(source, prefix)) {
    if (names++ >= HINT_SCAN) break;
    if (candidate === name) named = true;
    const depth = candidate.split(".").length;
    const seen = byDepth.get(depth);
    if (seen) seen.names++;
    else byDepth.set(depth, { names: 1, example: candidate });
  }
  const atLeast = names > HINT_SCAN;
  const counted = Math.min(names, HINT_SCAN);
  const depths = [...byDepth].map(([depth, d]) => ({ depth, ...d })).sort((a, b) => a.depth - b.depth);
  // What missed: the label matchers (the name has series), a wildcard (which never crosses a dot), or the name itself.
  const why =
    named && matchers
      ? `series named ${name} exist, but none has labels matching ${matchers}`
      : prefix !== name
        ? `the pattern has ${name.split(".").length} segment(s) and a * matches within one segment only`
        : `none is named ${name} exactly`;
  const message =
    counted === 0
      ? `no metric name starts with "${prefix}"`
      : `${atLeast ? "at least " : ""}${counted} name(s) start with "${prefix}", at depth ${depths.map((d) => `${d.depth} (${d.names}, e.g. ${d.example})`).join(", ")}; ${why}`;
  return { prefix, names: counted, atLeast, depths, message };
}
