import { MAX_SAMPLES_PER_BATCH, type DarkLaunchSample, type DarkLaunchSampleBatch } from "./schema";

export interface SampleReporterOptions {
  send: (samples: DarkLaunchSample[]) => Promise<unknown>;
  /** Send as soon as this many samples wait (at most 10,000, the API's batch limit). */
  batchSize?: number;
  /** Send whatever waits at least this often. */
  flushMs?: number;
  /** Samples kept while the server cannot take them (plus one batch in flight); beyond this the oldest are dropped. */
  maxBuffered?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** A send that has not settled by then counts as failed. */
  sendTimeoutMs?: number;
}

export interface SampleReporterStats {
  reported: number;
  dropped: number;
  buffered: number;
  failures: number;
  lastError: string | null;
}

export interface SampleReporter {
  add(sample: DarkLaunchSample): void;
  /** Sends what waits now, ignoring the backoff; resolves when that attempt settles. */
  flush(): Promise<void>;
  /** Stops the timers and tries to send the rest until `timeoutMs`; what is left counts as dropped. */
  close(timeoutMs?: number): Promise<void>;
  stats(): SampleReporterStats;
}

/**
 * Batches samples to a sender: every `batchSize` samples or `flushMs`. When sending fails (server down,
 * bad token) samples wait in a bounded buffer and are retried with exponential backoff; when the buffer
 * is full the oldest are dropped and counted, so the proxy's memory stays bounded.
 */
export function createSampleReporter(options: SampleReporterOptions): SampleReporter {
  const batchSize = Math.min(options.batchSize ?? 500, MAX_SAMPLES_PER_BATCH);
  const flushMs = options.flushMs ?? 5_000;
  const maxBuffered = Math.max(options.maxBuffered ?? 50_000, batchSize);
  const retryBaseMs = options.retryBaseMs ?? 500;
  const retryMaxMs = options.retryMaxMs ?? 30_000;
  const sendTimeoutMs = options.sendTimeoutMs ?? 30_000;

  let buffer: DarkLaunchSample[] = [];
  let inFlight: Promise<void> | null = null;
  let inFlightCount = 0;
  let consecutiveFailures = 0;
  let retryAt = 0;
  let closed = false;
  const counts = { reported: 0, dropped: 0, failures: 0, lastError: null as string | null };

  const timer = setInterval(() => void sendNext(false), flushMs);
  timer.unref();

  // A batch in flight is not counted here: if it fails it rejoins the buffer, and the oldest go then.
  function trim(): void {
    const excess = buffer.length - maxBuffered;
    if (excess <= 0) return;
    buffer.splice(0, excess);
    counts.dropped += excess;
  }

  function sendNext(force: boolean): Promise<void> {
    if (inFlight) return inFlight;
    if (buffer.length === 0 || (!force && Date.now() < retryAt)) return Promise.resolve();
    const batch = buffer.slice(0, batchSize);
    buffer = buffer.slice(batch.length);
    inFlightCount = batch.length;
    inFlight = withTimeout(options.send(batch), sendTimeoutMs).then(
      () => {
        counts.reported += batch.length;
        consecutiveFailures = 0;
        retryAt = 0;
      },
      (error: unknown) => {
        buffer = batch.concat(buffer);
        counts.failures++;
        counts.lastError = error instanceof Error ? error.message : String(error);
        consecutiveFailures++;
        const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** (consecutiveFailures - 1));
        retryAt = Date.now() + backoff * (0.5 + Math.random() / 2);
      },
    );
    return inFlight.finally(() => {
      inFlight = null;
      inFlightCount = 0;
      trim();
      if (!closed && consecutiveFailures === 0 && buffer.length >= batchSize) void sendNext(false);
    });
  }

  return {
    add(sample) {
      buffer.push(sample);
      trim();
      if (!closed && buffer.length >= batchSize) void sendNext(false);
    },
    flush: () => sendNext(true).then(() => (inFlight ?? Promise.resolve())),
    async close(timeoutMs = 5_000) {
      closed = true;
      clearInterval(timer);
      const deadline = Date.now() + timeoutMs;
      while ((buffer.length > 0 || inFlight) && Date.now() < deadline) {
        const before = counts.failures;
        await withTimeout(inFlight ?? sendNext(true), Math.max(1, deadline - Date.now())).catch(() => undefined);
        if (counts.failures > before) await sleep(Math.min(retryBaseMs, Math.max(0, deadline - Date.now())));
      }
      counts.dropped += buffer.length + inFlightCount;
      buffer = [];
    },
    stats: () => ({ ...counts, buffered: buffer.length + inFlightCount }),
  };
}

/** The sender for the deploylines API: one `POST /api/v1/dark-launches/{service}/samples` per batch. */
export function samplesSender(
  post: (path: string, body: DarkLaunchSampleBatch) => Promise<unknown>,
  service: string,
  candidateVersion?: string,
): (samples: DarkLaunchSample[]) => Promise<unknown> {
  const path = `/api/v1/dark-launches/${encodeURIComponent(service)}/samples`;
  return (samples) => post(path, { ...(candidateVersion && { candidateVersion }), samples });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timeout: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timeout = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timeout));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
