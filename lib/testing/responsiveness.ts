/** How a server answered health probes while something else was going on. */
export interface Responsiveness {
  probes: number;
  failures: number;
  /** Slowest probe, in ms (a probe that failed counts as its timeout). */
  maxMs: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Runs `attack` while probing `GET {url}/api/v1/health` back to back (one at a time, each
 * bounded by `timeoutMs`), so an adversarial test can assert that the attack did not freeze
 * the server for other clients. Returns the attack's result and the probe latencies.
 */
export async function whileProbingHealth<T>(url: string, attack: () => Promise<T>, options: { timeoutMs?: number; everyMs?: number } = {}): Promise<{ result: T; health: Responsiveness }> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const everyMs = options.everyMs ?? 25;
  const latencies: number[] = [];
  let failures = 0;
  let done = false;
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      try {
        const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(timeoutMs) });
        await res.arrayBuffer();
        if (!res.ok) failures++;
        latencies.push(performance.now() - started);
      } catch {
        failures++;
        latencies.push(timeoutMs);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  try {
    const result = await attack();
    return { result, health: summarise(latencies, failures) };
  } finally {
    done = true;
    await probing;
  }
}

function summarise(latencies: number[], failures: number): Responsiveness {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : 0);
  return { probes: sorted.length, failures, maxMs: sorted.at(-1) ?? 0, p50Ms: at(0.5), p99Ms: at(0.99) };
}
