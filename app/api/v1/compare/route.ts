import { NextResponse } from "next/server";
import { compareDeploys } from "@/lib/compare/compare-deploys";
import { compareQuerySchema } from "@/lib/compare/schema";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// GET /api/v1/compare?service=&a=&b=&environment=&windowMinutes= — two deploys' metrics over equal windows after each
export const GET = apiRoute(async (req) => {
  const query = parseQuery(req, compareQuerySchema);
  return NextResponse.json(await compareDeploys(await getStore(), query));
});
