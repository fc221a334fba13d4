import "server-only";
import { presentDeployment, type DeploymentView } from "@/lib/deploys/present";
import { rawPointsReader } from "@/lib/series/raw-points-reader";
import type { Store } from "@/lib/store/types";
import type { Verdict } from "./evaluate";
import { judgeOne } from "./job";

/** A long poll waits at most this long per request; the CLI asks again for longer waits. */
export const MAX_WAIT_MS = 60_000;
/** Waiters held at once per process; beyond that a request answers at once (and says it did not wait). */
export const MAX_WAITERS = 200;
const POLL_MS = 1_000;

// On globalThis: Next.js may load this module once per bundle, and the cap is per process.
const WAITERS = Symbol.for("deploylines.verdictWaiters");
const counter = globalThis as { [WAITERS]?: { n: number } };
const waiting = (counter[WAITERS] ??= { n: 0 });

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

/**
 * The verdict of a deploy now. A pending deploy whose verdict can be decided is judged on the
 * spot (and stored, exactly as the job would), so a waiting pipeline does not also wait for the
 * job's next tick. Undefined for an unknown deploy.
 */
export async function verdictNow(store: Store, id: number, now = Date.now()): Promise<Omit<VerdictState, "waitedMs" | "waited"> | undefined> {
  const row = await store.getDeployment(id);
  if (!row) return undefined;
  const deployment = { id: row.id, service: row.service, environment: row.environment, version: row.version, status: row.status };
  if (row.verdictStatus !== "pending") return { deployment, final: true, verdict: presentDeployment(row).verdict };
  if (row.status === "in_progress") return { deployment, final: false, verdict: null, waitingOn: "the deploy is still in progress: its window opens when it finishes" };
  if (row.judgeRetryAt !== null && row.judgeRetryAt > now) return { deployment, final: false, verdict: null, waitingOn: `judging failed (${row.judgeError}); retrying at ${new Date(row.judgeRetryAt).toISOString()}` };
  const service = await store.getService(row.service);
  if (!service) return { deployment, final: false, verdict: null };
  const judged = await judgeOne(store, service, row, rawPointsReader(store), now);
  if (judged.row) return { deployment, final: true, verdict: presentDeployment(judged.row).verdict };
  return { deployment, final: false, verdict: judged.verdict };
}

/**
 * Waits up to `waitMs` (capped at MAX_WAIT_MS) for a deploy's verdict to become final,
 * re-checking once a second on timers (the event loop stays free), and stopping early when
 * the client goes away.
 */
export async function waitForVerdict(store: Store, id: number, waitMs: number, signal?: AbortSignal): Promise<VerdictState | undefined> {
  const started = Date.now();
  const deadline = started + Math.min(Math.max(0, waitMs), MAX_WAIT_MS);
  let state = await verdictNow(store, id);
  if (!state || state.final || Date.now() >= deadline) return state && { ...state, waitedMs: Date.now() - started, waited: true };
  if (waiting.n >= MAX_WAITERS) return { ...state, waitedMs: 0, waited: false };
  waiting.n++;
  try {
    while (state && !state.final && Date.now() < deadline && !signal?.aborted) {
      await sleep(Math.min(POLL_MS, deadline - Date.now()), signal);
      state = await verdictNow(store, id);
    }
  } finally {
    waiting.n--;
  }
  return state && { ...state, waitedMs: Date.now() - started, waited: true };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
