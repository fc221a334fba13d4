import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { webhookInputSchema } from "@/lib/notifications/webhook-schema";
import { addWebhook, presentWebhook } from "@/lib/notifications/webhooks";
import { getStore } from "@/lib/store";

// GET /api/v1/webhooks — every webhook (per service, and the defaults for every service), without secrets
export const GET = route({ scope: "admin" }, async () => {
  const rows = await (await getStore()).listWebhooks();
  return NextResponse.json({ webhooks: rows.map(presentWebhook) });
});

// POST /api/v1/webhooks — add a receiver {url, service?, format: json|slack, events?}; answers its signing secret once
export const POST = route({ scope: "admin", body: webhookInputSchema }, async ({ body }) =>
  NextResponse.json(await addWebhook(await getStore(), body), { status: 201 }),
);
