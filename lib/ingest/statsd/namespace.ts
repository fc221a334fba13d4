import { percentileName } from "./timer-stats";

/**
 * Where flushed StatsD stats are written.
 * - `plain` (default): under the name the developer sent — counter X → `X.count`, `X.rate`;
 *   timer X → `X.mean`, `X.upper`, `X.upper_90`, … and `X.pN` (an alias of `X.upper_N`, the name
 *   deploylines wrote first), with its count at `X.timer.count` so that a counter and a timer
 *   of one name (`incr` and `timing` on the same key) keep their own count; gauge X → `X`;
 *   set X → `X.count`.
 * - `legacy` (DEPLOYLINES_STATSD_LEGACY_NAMESPACE=1): statsd's default Graphite names —
 *   `stats.X` (counter rate), `stats_counts.X` (count), `stats.timers.X.<stat>`,
 *   `stats.gauges.X`, `stats.sets.X.count` — for dashboards built on statsd + Graphite.
 */
export type StatsdNamespace = "plain" | "legacy";

export const counterName = (ns: StatsdNamespace, name: string, stat: "count" | "rate"): string =>
  ns === "legacy" ? (stat === "rate" ? `stats.${name}` : `stats_counts.${name}`) : `${name}.${stat}`;

export const timerName = (ns: StatsdNamespace, name: string, stat: string): string =>
  ns === "legacy" ? `stats.timers.${name}.${stat}` : stat === "count" ? `${name}.timer.count` : `${name}.${stat}`;

export const gaugeName = (ns: StatsdNamespace, name: string): string => (ns === "legacy" ? `stats.gauges.${name}` : name);

export const setName = (ns: StatsdNamespace, name: string): string => (ns === "legacy" ? `stats.sets.${name}.count` : `${name}.count`);

/** The plain namespace's `X.pN` aliases of `X.upper_N`, kept so existing charts and checks still find them. */
export const percentileAlias = (pct: number): string => `p${percentileName(pct)}`;
