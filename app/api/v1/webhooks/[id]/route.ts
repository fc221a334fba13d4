import { NextResponse } from "next/server";
import { requireAdmin } from "@/lib/auth/require-writer";
import { notFound } from "@/lib/http/api-error";
import { apiRoute, parseId } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ id: string }> };

// DELETE /api/v1/webhooks/{id} — remove a webhook and its undelivered notifications
export const DELETE = apiRoute<Ctx>(async (req, { params }) => {
  requireAdmin(req);
  const id = parseId((await params).id);
  if (!(await (await getStore()).deleteWebhook(id))) throw notFound(`webhook ${id} not found`);
  return new NextResponse(null, { status: 204 });
});
