import { NextResponse } from "next/server";
import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import { route } from "@/lib/http/route";
import { presentDelivery } from "@/lib/notifications/webhooks";
import { getStore } from "@/lib/store";

const deliveriesQuerySchema = z.object({
  service: nameSchema.optional(),
  webhook: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// GET /api/v1/webhooks/deliveries?service=&webhook=&limit= — the delivery log, newest first: state, attempts, last status and error
export const GET = route({ scope: "admin", query: deliveriesQuerySchema }, async ({ query }) => {
  const rows = await (await getStore()).listDeliveries({ service: query.service, webhookId: query.webhook, limit: query.limit });
  return NextResponse.json({ deliveries: rows.map(presentDelivery) });
});
