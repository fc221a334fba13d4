import "server-only";
import crypto from "node:crypto";
import type { Store } from "@/lib/store/types";

export interface Job {
  name: string;
  everyMs: number;
  run: (store: Store, lease: JobLease) => Promise<unknown>;
}

/** A run's hold on its job's lease: long runs renew it as they go, and stop when it is lost. */
export interface JobLease {
  /** Extends the lease if it is older than a third of its time to live; false once another instance holds it. */
  renew: () => Promise<boolean>;
}

/** A lease that never runs out, for running a job's function outside the scheduler (tests, one-off calls). */
export const HELD_LEASE: JobLease = { renew: async () => true };

/** A renewable hold on `name` for `owner`, taken at `takenAt`. */
export function jobLease(store: Store, name: string, owner: string, ttlMs: number, takenAt = Date.now()): JobLease {
  let renewedAt = takenAt;
  return {
    renew: async () => {
      if (Date.now() - renewedAt < ttlMs / 3) return true;
      const held = await store.tryLease(name, owner, ttlMs);
      if (held) renewedAt = Date.now();
      return held;
    },
  };
}

/** What this instance did with each job: ticks that asked for the lease, and runs it held the lease for. */
export interface JobActivity {
  instance: string;
  jobs: Record<string, { attempts: number; runs: number; lastRunAt: number | null }>;
}

// Next.js may load this module once per bundle (instrumentation, route handlers); the symbols on
// globalThis make them share one instance id, one set of timers and one set of counters.
const STARTED = Symbol.for("deploylines.jobs");
const ACTIVITY = Symbol.for("deploylines.jobActivity");

/** This process's lease owner id and job counters (the health endpoint shows them). */
export function jobActivity(): JobActivity {
  const holder = globalThis as { [ACTIVITY]?: JobActivity };
  return (holder[ACTIVITY] ??= { instance: `${process.pid}-${crypto.randomBytes(4).toString("hex")}`, jobs: {} });
}

/**
 * Runs background jobs on an interval. Each run first takes the job's lease in the database,
 * so with several app instances on one database every job runs on one instance at a time.
 */
export function startJobs(store: Store, jobs: Job[]): void {
  const holder = globalThis as { [STARTED]?: boolean };
  if (holder[STARTED]) return;
  holder[STARTED] = true;
  for (const job of jobs) schedule(store, job);
}

function schedule(store: Store, job: Job): void {
  const activity = jobActivity();
  const counts = (activity.jobs[job.name] = { attempts: 0, runs: 0, lastRunAt: null as number | null });
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      counts.attempts++;
      const lease = `job:${job.name}`;
      const ttl = job.everyMs * 3;
      if (await store.tryLease(lease, activity.instance, ttl)) {
        counts.runs++;
        counts.lastRunAt = Date.now();
        await job.run(store, jobLease(store, lease, activity.instance, ttl));
      }
    } catch (error) {
      console.error(`[deploylines] job ${job.name} failed:`, error);
    } finally {
      running = false;
    }
  };
  setTimeout(tick, 500).unref();
  setInterval(tick, job.everyMs).unref();
}
