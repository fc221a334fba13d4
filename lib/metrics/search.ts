import { globToRegExp, isGlob } from "./glob";

/**
 * Filters names by the metrics browser's `?q=`: a glob (per dotted segment, as the API) when it
 * has wildcards, otherwise a case-insensitive substring. An empty query keeps everything.
 */
export function searchNames<T extends { name: string }>(metrics: T[], q: string): T[] {
  const query = q.trim();
  if (!query) return metrics;
  if (isGlob(query)) {
    const regex = globToRegExp(query);
    return metrics.filter((m) => regex.test(m.name));
  }
  const needle = query.toLowerCase();
  return metrics.filter((m) => m.name.toLowerCase().includes(needle));
}
