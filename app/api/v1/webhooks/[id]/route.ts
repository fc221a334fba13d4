import { NextResponse } from "next/server";
import { notFound } from "@/lib/http/api-error";
import { idParamSchema } from "@/lib/http/id-param";
import { route } from "@/lib/http/route";
import { getStore } from "@/lib/store";

// DELETE /api/v1/webhooks/{id} — remove a webhook and its undelivered notifications
export const DELETE = route({ scope: "admin", params: { id: idParamSchema } }, async ({ params: { id } }) => {
  if (!(await (await getStore()).deleteWebhook(id))) throw notFound(`webhook ${id} not found`);
  return new NextResponse(null, { status: 204 });
});
