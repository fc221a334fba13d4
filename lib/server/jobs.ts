import "server-only";
import crypto from "node:crypto";
import type { Store } from "@/lib/store/types";

export interface Job {
  name: string;
  everyMs: number;
  run: (store: Store) => Promise<unknown>;
}

const INSTANCE = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
const STARTED = Symbol.for("deploylines.jobs");

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
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (await store.tryLease(`job:${job.name}`, INSTANCE, job.everyMs * 3)) await job.run(store);
    } catch (error) {
      console.error(`[deploylines] job ${job.name} failed:`, error);
    } finally {
      running = false;
    }
  };
  setTimeout(tick, 500).unref();
  setInterval(tick, job.everyMs).unref();
}
