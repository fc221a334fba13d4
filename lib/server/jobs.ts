import "server-only";
import crypto from "node:crypto";
import type { Store } from "@/lib/store/types";

export interface Job {
  name: string;
  everyMs: number;
  run: (store: Store) => Promise<unknown>;
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
      if (await store.tryLease(`job:${job.name}`, activity.instance, job.everyMs * 3)) {
        counts.runs++;
        counts.lastRunAt = Date.now();
        await job.run(store);
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
