/**
 * Which names only repeat a classic histogram: `<base>_count` and `<base>_sum` beside a
 * `<base>_bucket`. The histogram is drawn and measured once, from its buckets (p95 per label
 * set); its count and sum would show the same requests again, so the service's charts, its
 * impact analysis and version comparison all leave them out.
 */
export function histogramRepeats(names: Iterable<string>): (name: string) => boolean {
  const histograms = new Set<string>();
  for (const name of names) if (name.endsWith("_bucket")) histograms.add(name.slice(0, -"_bucket".length));
  return (name) => /_(count|sum)$/.test(name) && histograms.has(name.replace(/_(count|sum)$/, ""));
}
