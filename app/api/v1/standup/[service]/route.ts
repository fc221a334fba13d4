import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/handler";
import { parseName } from "@/lib/http/parse-name";
import { standupBoard } from "@/lib/standup/board";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ service: string }> };

// GET /api/v1/standup/{service} — the last 24 h of one service for the standup screen
export const GET = apiRoute<Ctx>(async (_req, { params }) => {
  const service = parseName((await params).service);
  return NextResponse.json(await standupBoard(await getStore(), service));
});
