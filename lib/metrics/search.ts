import { compileGlob, GlobError, isGlob, MAX_GLOB_LENGTH } from "./glob";

/**
 * Filters names by the metrics browser's `?q=`: a glob (per dotted segment, as the API) when it
 * has wildcards, otherwise a case-insensitive substring. An empty query keeps everything; a query
 * that is too long or not a valid glob matches nothing and says why.
 */
export function searchNames<T extends { name: string }>(metrics: T[], q: string): { matches: T[]; problem?: string } {
  const query = q.trim();
  if (!query) return { matches: metrics };
  if (query.length > MAX_GLOB_LENGTH) return { matches: [], problem: `search is ${query.length} characters long; at most ${MAX_GLOB_LENGTH} are accepted` };
  if (isGlob(query)) {
    try {
      const glob = compileGlob(query);
      return { matches: metrics.filter((m) => glob.test(m.name)) };
    } catch (error) {
      if (error instanceof GlobError) return { matches: [], problem: `invalid glob: ${error.message}` };
      throw error;
    }
  }
  const needle = query.toLowerCase();
  return { matches: metrics.filter((m) => m.name.toLowerCase().includes(needle)) };
}
