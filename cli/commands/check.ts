import type { Command } from "commander";
import type { z } from "zod";
import { problemsFromZod } from "@/lib/http/problem";
import { renderCheck, unknown, type CheckResult } from "@/lib/nagios/check-result";
import { formatPluginOutput } from "@/lib/nagios/plugin-output";
import { darkLaunchCheckQuerySchema, deploymentCheckQuerySchema, metricCheckQuerySchema } from "@/lib/nagios/query-schema";
import { exitCode, stateOfExitCode } from "@/lib/nagios/state";
import { apiClient } from "../client";

const USAGE = "use --metric <name>, --deployment --service <name>, or --dark-launch --service <name>";

/**
 * `deploylines check` is a Nagios plugin: it asks the server's check endpoints and prints their
 * one line, exiting 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. Anything that keeps it from getting
 * an answer — bad arguments, an unreachable server, an error answer — is UNKNOWN (exit 3), never OK.
 */
export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description(`check a metric, the latest deploy or a dark launch as a Nagios plugin (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN); ${USAGE}`)
    .option("-m, --metric <name>", "metric to check, e.g. auth.api.latency.p95")
    .option("-a, --agg <agg>", "avg | min | max | last | sum | p95", "avg")
    .option("--window <duration>", "how far back to aggregate, e.g. 5m", "5m")
    .option("-w, --warning <range>", "warning range: 10, 10:, ~:10, 10:20 or @10:20")
    .option("-c, --critical <range>", "critical range, same syntax")
    .option("-l, --label <label>", "perfdata label (default the metric name)")
    .option("--max-age <duration>", "UNKNOWN when the newest point is older (default twice the window)")
    .option("--deployment", "check the latest deploy of --service to --environment")
    .option("--dark-launch", "check the dark-launch readiness of --service")
    .option("-s, --service <name>", "service, for --deployment and --dark-launch")
    .option("-e, --environment <name>", "environment, for --deployment", "prod")
    .option("--timeout <seconds>", "give up (UNKNOWN) after this many seconds", "10")
    // Nagios reads the first stdout line and the exit code: usage errors must be an UNKNOWN line and exit 3 too.
    .configureOutput({ outputError: (text) => process.stdout.write(`${formatPluginOutput("UNKNOWN", text.replace(/^error: /, ""))}\n`) })
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 3))
    .action(async (opts) => {
      const { base } = apiClient(program.opts());
      const outcome = await runCheck(base, opts);
      process.stdout.write(`${outcome.line}\n`);
      process.exitCode = outcome.exitCode;
    });
}

interface CheckOptions {
  metric?: string;
  agg: string;
  window: string;
  warning?: string;
  critical?: string;
  label?: string;
  maxAge?: string;
  deployment?: boolean;
  darkLaunch?: boolean;
  service?: string;
  environment: string;
  timeout: string;
}

async function runCheck(base: string, opts: CheckOptions): Promise<{ line: string; exitCode: number }> {
  const modes = [opts.metric !== undefined, opts.deployment === true, opts.darkLaunch === true].filter(Boolean).length;
  if (modes !== 1) return renderCheck(unknown(`${modes === 0 ? "nothing to check" : "one check at a time"}: ${USAGE}`));
  const request = opts.deployment
    ? query("/api/v1/check/deployment", deploymentCheckQuerySchema, { service: opts.service, environment: opts.environment })
    : opts.darkLaunch
      ? query("/api/v1/check/dark-launch", darkLaunchCheckQuerySchema, { service: opts.service })
      : query("/api/v1/check", metricCheckQuerySchema, {
          metric: opts.metric,
          agg: opts.agg,
          window: opts.window,
          warning: opts.warning,
          critical: opts.critical,
          label: opts.label,
          maxAge: opts.maxAge,
        });
  if ("result" in request) return renderCheck(request.result);
  const timeoutMs = Number(opts.timeout) * 1000;
  if (!(timeoutMs > 0)) return renderCheck(unknown(`invalid arguments: timeout "${opts.timeout}" is not a number of seconds`));
  return ask(`${base}${request.path}`, timeoutMs);
}

/** Validates the arguments with the endpoint's own schema, then builds the request path from them as given. */
function query(pathname: string, schema: z.ZodType, params: Record<string, string | undefined>): { path: string } | { result: CheckResult } {
  const given = Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error).map((p) => `${p.where}: ${p.message}`);
    return { result: unknown(`invalid arguments: ${problems.join("; ")}`) };
  }
  return { path: `${pathname}?${new URLSearchParams(given)}` };
}

async function ask(url: string, timeoutMs: number): Promise<{ line: string; exitCode: number }> {
  const origin = new URL(url).origin;
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    body = await response.text();
  } catch (error) {
    const cause = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : String((error as Error).cause ?? (error as Error).message);
    return renderCheck(unknown(`cannot reach deploylines at ${origin} (${cause}); set DEPLOYLINES_URL or --url`));
  }
  const line = body.split("\n")[0].trim();
  const code = Number(response.headers.get("x-nagios-exit-code"));
  if (response.ok && line.startsWith("DEPLOYLINES ") && Number.isInteger(code)) return { line, exitCode: exitCode(stateOfExitCode(code)) };
  if (line.startsWith("DEPLOYLINES UNKNOWN")) return { line, exitCode: 3 };
  return renderCheck(unknown(`deploylines at ${origin} answered ${response.status} ${response.statusText}: ${line.slice(0, 200)}`));
}
