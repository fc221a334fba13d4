import type { Command } from "commander";
import { renderCheck, unknown } from "@/lib/nagios/check-result";
import { parsePluginOutput } from "@/lib/nagios/parse-plugin-output";
import { formatPluginOutput } from "@/lib/nagios/plugin-output";
import { exitCode, stateOfExitCode } from "@/lib/nagios/state";
import { parseThreshold } from "@/lib/nagios/threshold";
import { describeCause, serverUrl } from "../client";
import { plainGet, type PlainResponse } from "../plain-get";
import { withJson } from "../output";

const USAGE = "use --metric <name>, --deployment --service <name>, --drift --service <name>, or --dark-launch --service <name>";

/**
 * `deploylines check` is a Nagios plugin: it asks the server's check endpoints and prints their
 * one line, exiting 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. Anything that keeps it from getting
 * an answer — bad arguments, an unreachable server, an error answer — is UNKNOWN (exit 3), never OK.
 * It reads no token: Nagios runs it as a user who cannot read the server's data folder.
 */
export function registerCheckCommand(program: Command): void {
  const command = program
    .command("check")
    .description(`check a metric, the latest deploy, version drift or a dark launch as a Nagios plugin (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN); ${USAGE}`)
    .option("-m, --metric <name>", 'metric to check, e.g. auth.api.latency.p95, or one labelled series, e.g. http_requests{route="/login"}')
    .option("-a, --agg <agg>", "avg | min | max | last | sum | p95", "avg")
    .option("--window <duration>", "how far back to aggregate, e.g. 5m (at most 31d; 7d for p95)", "5m")
    .option("-w, --warning <range>", "warning range: 10, 10:, ~:10, 10:20 or @10:20")
    .option("-c, --critical <range>", "critical range, same syntax")
    .option("-l, --label <label>", "perfdata label (default the metric name)")
    .option("--max-age <duration>", "UNKNOWN when the newest point is older (default twice the window)")
    .option("--deployment", "check the latest deploy of --service to --environment")
    .option("--drift", "check that --service in --environment runs the version last deployed there (CRITICAL on drift)")
    .option("--dark-launch", "check the dark-launch readiness of --service")
    .option("-s, --service <name>", "service, for --deployment, --drift and --dark-launch")
    .option("-e, --environment <name>", "environment, for --deployment and --drift", "prod")
    .option("--timeout <seconds>", "give up (UNKNOWN) after this many seconds", "10")
    // Nagios reads the first stdout line and the exit code: usage errors must be an UNKNOWN line and exit 3 too.
    .configureOutput({
      outputError: (text) => {
        const line = formatPluginOutput("UNKNOWN", text.replace(/^error: /, ""));
        process.stdout.write(`${process.argv.includes("--json") ? JSON.stringify(checkJson({ line, exitCode: 3 })) : line}\n`);
      },
    })
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 3))
    .action(async (opts) => {
      const outcome = await runCheck(serverUrl(program.opts()), opts);
      process.stdout.write(`${opts.json ? JSON.stringify(checkJson(outcome)) : outcome.line}\n`);
      process.exitCode = outcome.exitCode;
    });
  withJson(command);
}

/** The UNKNOWN line for whatever went wrong while checking. */
export function unknownLine(error: unknown): string {
  return renderCheck(unknown(`check failed: ${error instanceof Error ? error.message : String(error)}`)).line;
}

function checkJson(outcome: { line: string; exitCode: number }) {
  const parsed = parsePluginOutput(outcome.line);
  return { state: parsed?.state ?? "UNKNOWN", exitCode: outcome.exitCode, text: parsed?.text ?? outcome.line, perfdata: parsed?.perfdata ?? [], line: outcome.line };
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
  drift?: boolean;
  darkLaunch?: boolean;
  service?: string;
  environment: string;
  timeout: string;
  json?: boolean;
}

async function runCheck(base: string, opts: CheckOptions): Promise<{ line: string; exitCode: number }> {
  const modes = [opts.metric !== undefined, opts.deployment === true, opts.drift === true, opts.darkLaunch === true].filter(Boolean).length;
  if (modes !== 1) return renderCheck(unknown(`${modes === 0 ? "nothing to check" : "one check at a time"}: ${USAGE}`));
  const timeoutMs = Number(opts.timeout) * 1000;
  if (!(timeoutMs > 0)) return renderCheck(unknown(`invalid arguments: timeout "${opts.timeout}" is not a number of seconds`));
  // The endpoints validate every parameter with their zod schemas and answer an UNKNOWN line naming
  // the problem; checking thresholds here too names a bad one even when the server is down.
  // zod itself stays out of this path: loading it would double the plugin's start-up time.
  for (const [name, range] of [["warning", opts.warning], ["critical", opts.critical]]) {
    if (!range) continue;
    try {
      parseThreshold(range);
    } catch (error) {
      return renderCheck(unknown(`invalid arguments: ${name}: ${(error as Error).message}`));
    }
  }
  const target = { service: opts.service, environment: opts.environment };
  const params = opts.deployment
    ? { path: "/api/v1/check/deployment", query: target }
    : opts.drift
      ? { path: "/api/v1/check/drift", query: target }
      : opts.darkLaunch
        ? { path: "/api/v1/check/dark-launch", query: { service: opts.service } }
        : {
            path: "/api/v1/check",
            query: { metric: opts.metric, agg: opts.agg, window: opts.window, warning: opts.warning, critical: opts.critical, label: opts.label, maxAge: opts.maxAge },
          };
  const given = Object.fromEntries(Object.entries(params.query).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return ask(`${base}${params.path}?${new URLSearchParams(given)}`, timeoutMs);
}

async function ask(url: string, timeoutMs: number): Promise<{ line: string; exitCode: number }> {
  const origin = URL.canParse(url) ? new URL(url).origin : url;
  let response: PlainResponse;
  try {
    response = await plainGet(url, timeoutMs);
  } catch (error) {
    const cause = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : describeCause(error);
    return renderCheck(unknown(`cannot reach deploylines at ${origin} (${cause}); set DEPLOYLINES_URL or --url`));
  }
  const line = response.body.split("\n")[0].trim();
  const code = Number(response.header("x-nagios-exit-code"));
  const ok = response.status >= 200 && response.status < 300;
  if (ok && line.startsWith("DEPLOYLINES ") && Number.isInteger(code)) return { line, exitCode: exitCode(stateOfExitCode(code)) };
  if (line.startsWith("DEPLOYLINES UNKNOWN")) return { line, exitCode: 3 };
  return renderCheck(unknown(`deploylines at ${origin} answered ${response.status} ${response.statusText}: ${line.slice(0, 200)}`));
}
