import "server-only";
import crypto from "node:crypto";
import type { Store, WebhookDeliveryRow, WebhookRow } from "@/lib/store/types";
import type { WebhookInput } from "./webhook-schema";

/** A webhook as listed: never its secret. */
export function presentWebhook({ secret: _secret, ...row }: WebhookRow) {
  return { ...row, scope: row.service ?? "every service" };
}

/** A URL with its path hidden (a Slack incoming-webhook URL is itself a credential), for pages anyone may see. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname === "/" && !u.search ? u.origin : `${u.origin}/…`;
  } catch {
    return "…";
  }
}

/** Adds a webhook with a new random signing secret, returned this once (receivers verify X-Deploylines-Signature with it). */
export async function addWebhook(store: Store, input: WebhookInput, now = Date.now()) {
  const secret = crypto.randomBytes(24).toString("hex");
  const row = await store.createWebhook({ service: input.service ?? null, url: input.url, format: input.format, events: input.events, secret, createdAt: now });
  return { webhook: presentWebhook(row), secret };
}

/** A delivery in the log: what was sent where, and how it went. */
export function presentDelivery(row: WebhookDeliveryRow) {
  return { ...row, text: (row.payload as { text?: string }).text ?? null };
}
