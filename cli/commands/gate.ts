import type { Command } from "commander";
import { gateQuerySchema } from "@/lib/deploys/gate-schema";
import { apiClient, CliError } from "../client";
import { validate } from "../validate";

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
  program
    .command("gate")
    .description("exit 0 when the version passed in every environment below the target, 1 (with reasons) when not")
    .requiredOption("-s, --service <name>", "service name")
    .requiredOption("-v, --version <version>", "version to promote")
    .requiredOption("-e, --environment <name>", "target environment, e.g. prod")
    .action(async (opts) => {
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
