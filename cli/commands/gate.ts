import type { Command } from "commander";
import { gateQuerySchema } from "@/lib/deploys/gate-schema";
import { apiClient, CliError } from "../client";
import { validate } from "../validate";
import { addVerdictGateOptions, gateOnVerdict } from "./gate-verdict";

interface GateResponse {
  pass: boolean;
  reason: string;
  reasons: string[];
}

/**
 * `deploylines gate` stops a pipeline before promoting a version that has not passed the lower
 * environments: exit 0 open, 1 shut (with the reasons), 2 bad arguments, 3 server unreachable.
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
    const query = validate(gateQuerySchema, { service: opts.service, version: opts.version, environment: opts.environment });
    let res: GateResponse;
    try {
      res = await apiClient(program.opts()).get<GateResponse>(`/api/v1/gate?${new URLSearchParams(query)}`);
    } catch (error) {
      // The server refusing the arguments (e.g. an environment outside the order) is a usage error, not a shut gate.
      if (error instanceof CliError && error.status === 400) throw new CliError(error.message, 2);
      throw error;
    }
    if (!res.pass) throw new CliError(`gate shut for ${query.service} ${query.version} → ${query.environment}:\n${res.reasons.map((r) => `  ${r}`).join("\n")}`, 1);
    console.log(`gate open for ${query.service} ${query.version} → ${query.environment}: ${res.reason}`);
  });
}
