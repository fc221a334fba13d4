import type { Command } from "commander";
import { deploymentFilterSchema } from "@/lib/deploys/schema";
import { apiClient } from "../client";
import { emit, withJson } from "../output";
import { validate } from "../validate";

interface DeploymentsResponse {
  deployments: { id: number; service: string; environment: string; version: string; kind: string; status: string; startedAt: number; verdict: { status: string } }[];
  total: number;
}

/**
 * `deploylines deployments` lists deploy history, newest first — e.g. a script finding the id of
 * the deploy to roll back. Read-only: it never reads the token. Exit 0, 2 bad arguments, 3 unreachable.
 */
export function registerDeploymentsCommand(program: Command): void {
  const command = program
    .command("deployments")
    .description("list deployments, newest first (one per line: id, time, service, version → environment, kind, status, verdict)")
    .option("-s, --service <name>", "only this service")
    .option("-e, --environment <name>", "only this environment")
    .option("-v, --version <version>", "only this version")
    .option("--status <status>", "in_progress | succeeded | failed | rolled_back")
    .option("--from <time>", "epoch ms, ISO-8601 or relative like -7d")
    .option("--to <time>", "end of the range (default now)")
    .option("--limit <n>", "at most this many (default 20)", "20")
    .action(async (opts) => {
      const given = { service: opts.service, environment: opts.environment, version: opts.version, status: opts.status, from: opts.from, to: opts.to, limit: opts.limit };
      validate(deploymentFilterSchema, given, command);
      const query = new URLSearchParams(Object.entries(given).filter((entry): entry is [string, string] => entry[1] !== undefined));
      const res = await apiClient(program.opts()).get<DeploymentsResponse>(`/api/v1/deployments?${query}`);
      const lines = res.deployments.map(
        (d) => `${d.id}\t${new Date(d.startedAt).toISOString()}\t${d.service} ${d.version} → ${d.environment}\t${d.kind}\t${d.status}\t${d.verdict.status}`,
      );
      emit(opts, res, lines.length > 0 ? lines.join("\n") : "no deployments match");
    });
  withJson(command);
}
