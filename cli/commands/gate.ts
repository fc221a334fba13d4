import type { Command } from "commander";
import { gateQuerySchema } from "@/lib/deploys/gate-schema";
import { apiClient, CliError } from "../client";
import { EXIT } from "../exit-codes";
import { emit, withJson } from "../output";
import { validate } from "../validate";
import { addVerdictGateOptions, gateOnVerdict } from "./gate-verdict";

interface GateResponse {
  pass: boolean;
  reason: string;
  reasons: string[];
}

/**
 * `deploylines gate` stops a pipeline before promoting a version that has not passed the lower
 * environments: exit 0 open, 1 shut (with the reasons), 2 bad arguments (an environment outside
 * the promotion order included), 3 unreachable, 5 not found. It reads no token.
 */
export function registerGateCommand(program: Command): void {
  const command = program
    .command("gate")
    .description("exit 0 when the version passed in every environment below the target, 1 (with reasons) when not; with --wait-verdict, gate on a deploy's verdict")
    .option("-s, --service <name>", "service name")
    .option("-v, --version <version>", "version to promote")
    .option("-e, --environment <name>", "target environment, e.g. prod");
  addVerdictGateOptions(command).action(async (opts) => {
    if (opts.waitVerdict) return gateOnVerdict(program, opts);
    const missing = ["service", "version", "environment"].filter((name) => !opts[name]);
    if (missing.length > 0) throw new CliError(`gate needs ${missing.map((name) => `--${name}`).join(", ")} (or --wait-verdict --deployment <id>)`, EXIT.usage);
    const query = validate(gateQuerySchema, { service: opts.service, version: opts.version, environment: opts.environment }, command);
    const res = await apiClient(program.opts()).get<GateResponse>(`/api/v1/gate?${new URLSearchParams(query)}`);
    const target = `${query.service} ${query.version} → ${query.environment}`;
    if (opts.json) emit(opts, res, "");
    else if (res.pass) console.log(`gate open for ${target}: ${res.reason}`);
    else console.error(`deploylines: gate shut for ${target}:\n${res.reasons.map((r) => `  ${r}`).join("\n")}`);
    if (!res.pass) process.exitCode = EXIT.failed;
  });
  withJson(command);
}

