import { NextResponse } from "next/server";
import { requireAdmin } from "@/lib/auth/require-writer";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";
import { webhookInputSchema } from "@/lib/notifications/webhook-schema";
import { addWebhook, presentWebhook } from "@/lib/notifications/webhooks";
import { getStore } from "@/lib/store";

// GET /api/v1/webhooks — every webhook (per service, and the defaults for every service), without secrets
export const GET = apiRoute(async (req) => {
  requireAdmin(req);
  const rows = await (await getStore()).listWebhooks();
  return NextResponse.json({ webhooks: rows.map(presentWebhook) });
});

// POST /api/v1/webhooks — add a receiver {url, service?, format: json|slack, events?}; answers its signing secret once
export const POST = apiRoute(async (req) => {
  requireAdmin(req);
  const input = await parseJsonBody(req, webhookInputSchema);
  return NextResponse.json(await addWebhook(await getStore(), input), { status: 201 });
});
