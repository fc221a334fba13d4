/** What a team glances at first, in order: tail latency, errors, traffic, then any other latency. */
const KEY_PATTERNS = [/latency.*p9[59]|p9[59].*latency/i, /error|fail|5xx/i, /request|throughput|traffic|rps|qps|\.rate$/i, /latency|duration|time/i];

/**
 * Picks up to `limit` of a service's metrics for the standup screen: one per pattern (latency p95,
 * errors, requests, latency), then more of the same kinds. A service none of whose metrics match
 * still shows its first ones rather than an empty screen.
 */
export function pickKeyMetrics<M extends { name: string }>(metrics: M[], limit = 4): M[] {
  const sorted = [...metrics].sort((a, b) => a.name.localeCompare(b.name));
  const picked: M[] = [];
  const take = (m: M | undefined) => {
    if (m && !picked.includes(m) && picked.length < limit) picked.push(m);
  };
  for (const pattern of KEY_PATTERNS) take(sorted.find((m) => !picked.includes(m) && pattern.test(m.name)));
  for (const pattern of KEY_PATTERNS) for (const m of sorted) if (pattern.test(m.name)) take(m);
  if (picked.length === 0) sorted.slice(0, limit).forEach(take);
  return picked;
}
