import { genericPath } from "./json-path";

export interface NoiseLearnerOptions {
  /** Share of mirrored idempotent requests sent to the primary a second time (0–1). */
  sampleRate?: number;
  /** The first probes per endpoint are always taken, so noise is known before mismatches pile up. */
  warmupPerEndpoint?: number;
  /** Cap on fields remembered per endpoint, so a response of random keys cannot grow memory. */
  maxFieldsPerEndpoint?: number;
  random?: () => number;
}

export interface NoiseLearner {
  /** Whether to ask the primary twice for this request. */
  shouldProbe(endpoint: string): boolean;
  /** Records the paths that differed between two primary answers to the same request. */
  learn(endpoint: string, differingPaths: string[]): void;
  /** True when this path has been seen differing between two primary answers for this endpoint. */
  isNoise(endpoint: string, path: string): boolean;
  /** Learned noisy paths per endpoint, array positions folded to `[*]`. */
  fields(): Record<string, string[]>;
  probes(): number;
}

/**
 * Learns noise the way Twitter's Diffy does: a field that differs between two answers of the primary
 * to the same request (timestamps, request ids, random order) cannot tell a good candidate from a bad
 * one, so it is left out of the comparison for that endpoint from then on.
 */
export function createNoiseLearner(options: NoiseLearnerOptions = {}): NoiseLearner {
  const sampleRate = options.sampleRate ?? 0.1;
  const warmup = options.warmupPerEndpoint ?? 3;
  const maxFields = options.maxFieldsPerEndpoint ?? 200;
  const random = options.random ?? Math.random;
  const noisy = new Map<string, Set<string>>();
  const probesPerEndpoint = new Map<string, number>();
  let probeCount = 0;

  return {
    shouldProbe(endpoint) {
      const seen = probesPerEndpoint.get(endpoint) ?? 0;
      const probe = seen < warmup || random() < sampleRate;
      if (probe) {
        probesPerEndpoint.set(endpoint, seen + 1);
        probeCount++;
      }
      return probe;
    },
    learn(endpoint, differingPaths) {
      let fields = noisy.get(endpoint);
      for (const path of differingPaths) {
        if (!path.startsWith("$")) continue;
        if (!fields) noisy.set(endpoint, (fields = new Set()));
        if (fields.size >= maxFields) break;
        fields.add(genericPath(path));
      }
    },
    isNoise(endpoint, path) {
      const fields = noisy.get(endpoint);
      if (!fields) return false;
      const generic = genericPath(path);
      for (const field of fields) if (generic === field || generic.startsWith(`${field}.`) || generic.startsWith(`${field}[`)) return true;
      return false;
    },
    fields() {
      return Object.fromEntries([...noisy].map(([endpoint, fields]) => [endpoint, [...fields].sort()]));
    },
    probes: () => probeCount,
  };
}
