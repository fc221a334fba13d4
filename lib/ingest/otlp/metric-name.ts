import { METRIC_NAME } from "@/lib/metrics/name";

// Room for the longest suffix this mapping adds (`_bucket`) within the 255-character name limit.
const MAX_BASE_NAME = 255 - "_bucket".length;

/**
 * An OTel metric name as a deploylines metric name, or null when none can be made. OTel names
 * (`http.server.request.duration`) are already dotted segments; any other character becomes
 * `_` (`requests/sec` → `requests_sec`). Names left empty, with an empty segment (`a..b`, a
 * leading or trailing dot) or too long to take a suffix are refused, not guessed at.
 */
export function otlpMetricName(name: string | undefined): string | null {
  const cleaned = (name ?? "").replace(/[^A-Za-z0-9_\-:@.]/g, "_");
  return cleaned.length <= MAX_BASE_NAME && METRIC_NAME.test(cleaned) ? cleaned : null;
}
