import "server-only";
import { metricsSourceFor } from "@/lib/metrics-source";
import { presentDeployment, type DeploymentView } from "@/lib/deploys/present";
import type { DeploymentRow, Store } from "@/lib/store/types";
import type { Verdict } from "./evaluate";
import { judgeOne } from "./job";

/** A long poll waits at most this long per request; the CLI asks again for longer waits. */
export const MAX_WAIT_MS = 60_000;
/** Waiters held at once per process; beyond that a request answers at once (and says it did not wait). */
export const MAX_WAITERS = 100;
/**
 * Each waiter re-checks this often; an evaluation reads the window's points, so the checks of
 * every waiter on one deploy within this time share one evaluation.
 */
const POLL_MS = 2_000;

// On globalThis: Next.js may load this module once per bundle, and the cap is per process.
const WAITERS = Symbol.for("deploylines.verdictWaiters");
const counter = globalThis as { [WAITERS]?: { n: number } };
const waiting = (counter[WAITERS] ??= { n: 0 });
const RECENT = Symbol.for("deploylines.verdictChecks");
const recent = ((globalThis as { [RECENT]?: Map<number, { at: number; updatedAt: number; state: Promise<VerdictNow> }> })[RECENT] ??= new Map());

/**
 * The deploy's verdict now (verdictOf), its evaluation shared by every caller asking about it
 * within `maxAgeMs` while its row is unchanged: only the judging is shared, and a rollback or a
 * status change since is seen by the next caller (updated_at grows with every write).
 */
async function sharedVerdictNow(store: Store, id: number, maxAgeMs: number): Promise<VerdictNow | undefined> {
  const row = await store.getDeployment(id);
  if (!row) return undefined;
  const now = Date.now();
  const hit = recent.get(id);
  if (hit && now - hit.at < maxAgeMs && hit.updatedAt === row.updatedAt) return hit.state;
  for (const [key, entry] of recent) if (now - entry.at >= POLL_MS) recent.delete(key);
  const state = verdictOf(store, row, now);
  recent.set(id, { at: now, updatedAt: row.updatedAt, state });
  state.catch(() => recent.delete(id));
  return state;
}

/** Where a deploy's verdict stands: final (as stored) or pending with the evaluation so far. */
export interface VerdictState {
  deployment: { id: number; service: string; environment: string; version: string; status: string };
  final: boolean;
  /** The stored verdict when final, else the live evaluation (null without criteria or before the deploy finished). */
  verdict: DeploymentView["verdict"] | Verdict | null;
  /** Why the verdict cannot move yet, when it cannot (deploy still rolling out, judging failing). */
  waitingOn?: string;
  waitedMs: number;
  /** False when the request was answered at once because too many were already waiting. */
  waited: boolean;
}

type VerdictNow = Omit<VerdictState, "waitedMs" | "waited">;

/** What the stored row says, without judging: final, or pending (with why it cannot move yet, when it cannot). */
function storedVerdict(row: DeploymentRow, now: number): VerdictNow {
  const deployment = { id: row.id, service: row.service, environment: row.environment, version: row.version, status: row.status };
  if (row.verdictStatus !== "pending") return { deployment, final: true, verdict: presentDeployment(row).verdict };
  if (row.status === "in_progress") return { deployment, final: false, verdict: null, waitingOn: "the deploy is still in progress: its window opens when it finishes" };
  if (row.judgeRetryAt !== null && row.judgeRetryAt > now) return { deployment, final: false, verdict: null, waitingOn: `judging failed (${row.judgeError}); retrying at ${new Date(row.judgeRetryAt).toISOString()}` };
  return { deployment, final: false, verdict: null };
}

/**
 * The verdict of a deploy now. A pending deploy whose verdict can be decided is judged on the
 * spot (and stored, exactly as the job would), so a waiting pipeline does not also wait for the
 * job's next tick.
 */
async function verdictOf(store: Store, row: DeploymentRow, now: number): Promise<VerdictNow> {
  const stored = storedVerdict(row, now);
  if (stored.final || stored.waitingOn) return stored;
  const service = await store.getService(row.service);
  if (!service) return stored;
  const judged = await judgeOne(store, service, row, metricsSourceFor(store).pointsFor(), now);
  if (judged.row) return { ...stored, final: true, verdict: presentDeployment(judged.row).verdict };
  return { ...stored, verdict: judged.verdict };
}

/**
 * Waits up to `waitMs` (capped at MAX_WAIT_MS) for a deploy's verdict to become final,
 * re-checking every POLL_MS on timers (the event loop stays free between checks, and waiters on
 * one deploy share each check), and stopping early when the client goes away.
 */
export async function waitForVerdict(store: Store, id: number, waitMs: number, signal?: AbortSignal): Promise<VerdictState | undefined> {
  const started = Date.now();
  const deadline = started + Math.min(Math.max(0, waitMs), MAX_WAIT_MS);
  // Over the cap nothing is judged: the stored row answers, so a flood of requests over many ids
  // costs one read each, and at most MAX_WAITERS evaluations run at once.
  if (waiting.n >= MAX_WAITERS) {
    const row = await store.getDeployment(id);
    return row && { ...storedVerdict(row, started), waitedMs: 0, waited: false };
  }
  waiting.n++;
  try {
    // A burst of first checks (many pipelines asking at once) shares one evaluation, but never an older one than half a second.
    let state = await sharedVerdictNow(store, id, 500);
    while (state && !state.final && Date.now() < deadline && !signal?.aborted) {
      await sleep(Math.min(POLL_MS, deadline - Date.now()), signal);
      state = await sharedVerdictNow(store, id, POLL_MS);
    }
    return state && { ...state, waitedMs: Date.now() - started, waited: true };
  } finally {
    waiting.n--;
  }
}

/** Resolves after `ms`, or at once when `signal` aborts; either way it leaves no listener behind on the signal. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal?.addEventListener("abort", wake, { once: true });
  });
}
