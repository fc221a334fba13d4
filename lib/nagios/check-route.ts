import "server-only";
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/http/api-error";
import { renderCheck, unknown, type CheckResult } from "./check-result";

/**
 * Wraps a check endpoint: the plugin line as text/plain with the state in `X-Nagios-State` and
 * `X-Nagios-Exit-Code`. Any answered check is a 200, CRITICAL included; bad parameters are a 400
 * and a server fault a 500, both with an UNKNOWN line naming the reason so Nagios shows it.
 */
export function checkRoute(handler: (req: NextRequest) => Promise<CheckResult>): (req: NextRequest) => Promise<Response> {
  return async (req) => {
    try {
      return pluginResponse(await handler(req), 200);
    } catch (error) {
      if (ApiError.is(error)) {
        const problems = error.problems.map((p) => `${p.where}: ${p.message}`).join("; ");
        return pluginResponse(unknown(problems ? `${error.message}: ${problems}` : error.message), error.status);
      }
      console.error(`[deploylines] ${req.method} ${req.nextUrl.pathname} failed:`, error);
      return pluginResponse(unknown("internal error; see the server log"), 500);
    }
  };
}

function pluginResponse(result: CheckResult, status: number): Response {
  const { line, exitCode } = renderCheck(result);
  return new Response(`${line}\n`, {
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      "x-nagios-state": result.state,
      "x-nagios-exit-code": String(exitCode),
    },
  });
}
