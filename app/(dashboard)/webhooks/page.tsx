import type { Metadata } from "next";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { signedInScope } from "@/lib/auth/session";
import { NOTIFICATION_EVENTS } from "@/lib/notifications/events";
import { presentDelivery, presentWebhook, redactedUrl } from "@/lib/notifications/webhooks";
import { getStore } from "@/lib/store";
import { AddWebhookForm, DeleteWebhookButton } from "./client";
import { LocalTime } from "@/components/local-time";

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
          <div data-testid="webhooks">
            <DataTable
              bare
              label="webhooks"
              columns={[
                { key: "scope", label: "scope" },
                { key: "url", label: "url" },
                { key: "format", label: "format" },
                { key: "events", label: "events" },
                { key: "actions", label: "", sortable: false },
              ]}
              rows={webhooks.map(presentWebhook).map((w) => {
                // Rows reach the browser whole (sort values too): only what this reader may see goes in.
                const url = admin ? w.url : redactedUrl(w.url);
                return {
                  key: w.id,
                  attrs: { "data-webhook-id": w.id },
                  sort: { scope: w.scope, url, format: w.format },
                  cells: {
                    scope: w.scope,
                    url: <span className="font-mono text-xs">{url}</span>,
                    format: w.format,
                    events: <span className="text-xs text-slate-600">{w.events.join(", ")}</span>,
                    actions: admin && <DeleteWebhookButton id={w.id} />,
                  },
                };
              })}
            />
          </div>
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
          <div data-testid="deliveries">
            <DataTable
              bare
              label="delivery log"
              columns={[
                { key: "queued", label: "queued" },
                { key: "event", label: "event" },
                { key: "webhook", label: "webhook" },
                { key: "state", label: "state" },
                { key: "attempts", label: "attempts", align: "right" },
                { key: "answer", label: "last answer" },
                { key: "message", label: "message" },
              ]}
              rows={deliveries.map(presentDelivery).map((d) => ({
                key: d.id,
                attrs: { "data-delivery-id": d.id, "data-state": d.state },
                sort: { queued: d.createdAt, event: d.event, webhook: d.webhookId, state: d.state, attempts: d.attempts },
                cells: {
                  queued: <span className="whitespace-nowrap">
                    <LocalTime ts={d.createdAt} />
                  </span>,
                  event: d.event,
                  webhook: `#${d.webhookId}`,
                  state: <StatusBadge status={d.state} />,
                  attempts: d.attempts,
                  answer: <span className="text-xs">{d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : "—")}</span>,
                  message: <span className="text-xs text-slate-600">{d.text}</span>,
                },
              }))}
            />
          </div>
        )}
      </section>
    </div>
  );
}
