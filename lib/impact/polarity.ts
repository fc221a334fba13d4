/** Which way a metric moves when things get worse; `unknown` when its name does not say. */
export type Polarity = "higher_is_worse" | "lower_is_worse" | "unknown";

const HIGHER_IS_WORSE = new Set([
  "latency", "latencies", "duration", "durations", "time", "elapsed", "p50", "p75", "p90", "p95", "p99", "p999",
  "error", "errors", "err", "errs", "exception", "exceptions", "fail", "fails", "failed", "failure", "failures",
  "timeout", "timeouts", "5xx", "4xx", "rejected", "dropped", "retries", "miss", "misses",
  "cpu", "memory", "mem", "rss", "heap", "gc", "queue", "backlog", "lag", "saturation",
]);

const LOWER_IS_WORSE = new Set([
  "success", "successes", "successful", "ok", "2xx", "throughput", "requests", "request", "reqs", "rps", "qps",
  "hit", "hits", "rate", "availability", "uptime", "apdex",
]);

/**
 * Guesses a metric's polarity from the words of its name. Words of harm (latency, errors,
 * cpu, p95, 5xx, …) win over words of volume (requests, rate, hits, success, …), because
 * `auth.api.errors.rate` is an error rate and `login.success.latency` a latency.
 */
export function metricPolarity(name: string): Polarity {
  const words = name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  if (words.some((w) => HIGHER_IS_WORSE.has(w))) return "higher_is_worse";
  if (words.some((w) => LOWER_IS_WORSE.has(w))) return "lower_is_worse";
  return "unknown";
}
