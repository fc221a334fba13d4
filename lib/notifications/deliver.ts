import "server-only";
import { HELD_LEASE, type Job, type JobLease } from "@/lib/server/jobs";
import { backoffMs } from "@/lib/time/backoff";
import type { DueDelivery, Store } from "@/lib/store/types";
import type { Notification } from "./events";
import { deliveryBody } from "./payload";
import { SIGNATURE_HEADER, signBody } from "./sign";

/** A receiver gets this long to answer; a slow one costs one attempt, never the judge's time. */
const TIMEOUT_MS = 5_000;
/** Attempts before a delivery is given up as failed; retries wait 5 s, 10 s, 20 s … up to an hour. */
export const MAX_ATTEMPTS = 8;
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 3_600_000;
/** Deliveries sent per run, at once. */
const BATCH = 20;
/**
 * How long a claimed delivery is held for its sender: the receiver's time plus a margin for the
 * writes around it. Past this, a sender that died is presumed gone and the delivery is due again.
 */
const CLAIM_MS = TIMEOUT_MS + 30_000;

/** Drains the outbox: sends every due delivery, records each attempt, and schedules retries with backoff. */
export const deliveryJob: Job = {
  name: "webhooks",
  everyMs: 2_000,
  run: (store, lease) => deliverDue(store, Date.now(), lease),
};

/**
 * One pass over the due deliveries, claimed first so that no other instance sends them too;
 * returns how many were delivered and how many failed this time (a send skipped because the
 * job's lease was lost counts as neither: its claim runs out and it is sent later).
 */
export async function deliverDue(store: Store, now = Date.now(), lease: JobLease = HELD_LEASE): Promise<{ delivered: number; failed: number }> {
  const due = await store.claimDueDeliveries(now, BATCH, CLAIM_MS);
  const results = await Promise.all(due.map((delivery) => deliverOne(store, delivery, lease)));
  return { delivered: results.filter((r) => r === "delivered").length, failed: results.filter((r) => r === "failed").length };
}

async function deliverOne(store: Store, delivery: DueDelivery, lease: JobLease): Promise<"delivered" | "failed" | "skipped"> {
  // Each send renews the job's lease (a run can take the receiver's whole timeout), and none
  // starts once another instance holds it.
  if (!(await lease.renew())) return "skipped";
  const body = deliveryBody(delivery.format, delivery.payload as Notification);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "deploylines-webhooks",
    "x-deploylines-event": delivery.event,
    "x-deploylines-delivery": String(delivery.id),
    [SIGNATURE_HEADER]: signBody(delivery.secret, body, Math.floor(Date.now() / 1000)),
  };
  const attempts = delivery.attempts + 1;
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(delivery.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
    status = res.status;
    await res.body?.cancel();
    if (!res.ok) error = `receiver answered ${res.status}`;
  } catch (e) {
    error = (e as Error).name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : `${(e as Error).message}${(e as { cause?: Error }).cause ? `: ${(e as { cause?: Error }).cause?.message}` : ""}`;
  }
  const done = Date.now();
  if (error === null) {
    await store.recordDeliveryAttempt(delivery.id, { state: "delivered", attempts, nextAttemptAt: done, lastStatus: status, lastError: null, deliveredAt: done });
    await lease.renew();
    return "delivered";
  }
  const givenUp = attempts >= MAX_ATTEMPTS;
  const nextAttemptAt = done + backoffMs(attempts, RETRY_BASE_MS, RETRY_MAX_MS);
  await store.recordDeliveryAttempt(delivery.id, { state: givenUp ? "failed" : "pending", attempts, nextAttemptAt, lastStatus: status, lastError: error.slice(0, 500), deliveredAt: null });
  await lease.renew();
  return "failed";
}
