import { NextResponse } from "next/server";
import { evaluateGate } from "@/lib/deploys/evaluate-gate";
import { gateQuerySchema } from "@/lib/deploys/gate-schema";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// GET /api/v1/gate?service=&version=&environment= — may this version go there? pass when it passed in every lower environment
export const GET = apiRoute(async (req) => {
  const query = parseQuery(req, gateQuerySchema);
  return NextResponse.json(await evaluateGate(await getStore(), query));
});
