import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/http/api-error";
import { idParamSchema } from "@/lib/http/id-param";
import { route } from "@/lib/http/route";
import { getStore } from "@/lib/store";
import { parseDuration } from "@/lib/time/parse-duration";
import { MAX_WAIT_MS, waitForVerdict } from "@/lib/verdicts/wait-verdict";

const verdictQuerySchema = z.object({
  wait: z
    .string()
    .max(20)
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === "") return 0;
      const ms = parseDuration(raw);
      if (ms === null || ms < 0) {
        ctx.addIssue({ code: "custom", message: `wait must be a duration such as 30s (at most ${MAX_WAIT_MS / 1000}s), got "${raw}"` });
        return z.NEVER;
      }
      return Math.min(ms, MAX_WAIT_MS);
    }),
});

// GET /api/v1/deployments/{id}/verdict?wait=30s — the verdict with its progress; with wait, a long poll until it is final (at most 60 s)
export const GET = route({ scope: "public", params: { id: idParamSchema }, query: verdictQuerySchema }, async ({ req, params: { id }, query: { wait } }) => {
  const state = await waitForVerdict(await getStore(), id, wait, req.signal);
  if (!state) throw notFound(`deployment ${id} not found`);
  return NextResponse.json(state, { headers: { "cache-control": "no-store" } });
});
