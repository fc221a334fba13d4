import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { signedInScope } from "@/lib/auth/session";
import { NOTIFICATION_EVENTS } from "@/lib/notifications/events";
import { presentDelivery, presentWebhook, redactedUrl } from "@/lib/notifications/webhooks";
import { getStore } from "@/lib/store";
import { formatTime } from "@/lib/ui/format";
import { AddWebhookForm, DeleteWebhookButton } from "./client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhooks" };

const ADMIN_ONLY = "Sign in with an admin token to see the full webhook URLs, add or remove webhooks, and read the delivery log.";

/**
 * Webhooks per service (and the defaults), and the delivery log of the outbox. Webhook URLs carry
 * credentials (a Slack URL is one) and the log carries payloads and receivers' errors, so, as in
 * the API, only an admin session sees them; anyone else sees redacted URLs.
 */
export default async function WebhooksPage() {
  const store = await getStore();
  const admin = (await signedInScope()) === "admin";
  const [webhooks, deliveries] = await Promise.all([store.listWebhooks(), admin ? store.listDeliveries({ limit: 100 }) : []]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <p className="text-sm text-slate-500">notified on {NOTIFICATION_EVENTS.join(", ")} · JSON bodies signed in X-Deploylines-Signature</p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Receivers</h2>
        {webhooks.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-500">No webhooks yet: nobody is told when a verdict fails.</p>
        ) : (
          <table className="w-full text-sm" data-testid="webhooks">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="px-4 py-2">scope</th>
                <th className="px-4 py-2">url</th>
                <th className="px-4 py-2">format</th>
                <th className="px-4 py-2">events</th>
                <th className="px-4 py-2" />
              </tr>
            </thead>
            <tbody>
              {webhooks.map(presentWebhook).map((w) => (
                <tr key={w.id} className="border-t border-slate-100" data-webhook-id={w.id}>
                  <td className="px-4 py-2">{w.scope}</td>
                  <td className="px-4 py-2 font-mono text-xs">{admin ? w.url : redactedUrl(w.url)}</td>
                  <td className="px-4 py-2">{w.format}</td>
                  <td className="px-4 py-2 text-xs text-slate-600">{w.events.join(", ")}</td>
                  <td className="px-4 py-2 text-right">{admin && <DeleteWebhookButton id={w.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="border-t border-slate-200 px-4 py-3">{admin ? <AddWebhookForm events={[...NOTIFICATION_EVENTS]} /> : <p className="text-sm text-slate-500" data-testid="admin-only">{ADMIN_ONLY}</p>}</div>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Delivery log</h2>
        {!admin ? (
          <p className="px-4 py-3 text-sm text-slate-500">{ADMIN_ONLY}</p>
        ) : deliveries.length === 0 ? (
          <EmptyState title="Nothing sent yet">
            <p>Each notification is queued here first and sent by a background job, with retries (5 s, 10 s, 20 s … up to 8 attempts).</p>
          </EmptyState>
        ) : (
          <table className="w-full text-sm" data-testid="deliveries">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="px-4 py-2">queued</th>
                <th className="px-4 py-2">event</th>
                <th className="px-4 py-2">webhook</th>
                <th className="px-4 py-2">state</th>
                <th className="px-4 py-2">attempts</th>
                <th className="px-4 py-2">last answer</th>
                <th className="px-4 py-2">message</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map(presentDelivery).map((d) => (
                <tr key={d.id} className="border-t border-slate-100" data-delivery-id={d.id} data-state={d.state}>
                  <td className="px-4 py-2 whitespace-nowrap">{formatTime(d.createdAt)}</td>
                  <td className="px-4 py-2">{d.event}</td>
                  <td className="px-4 py-2">#{d.webhookId}</td>
                  <td className="px-4 py-2">
                    <StatusBadge status={d.state} />
                  </td>
                  <td className="px-4 py-2">{d.attempts}</td>
                  <td className="px-4 py-2 text-xs">{d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : "—")}</td>
                  <td className="px-4 py-2 text-xs text-slate-600">{d.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
