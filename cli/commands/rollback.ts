import type { Command } from "commander";
import { z } from "zod";
import { rollbackRequestSchema } from "@/lib/deploys/rollback-schema";
import { apiClient } from "../client";
import { emit, withJson } from "../output";
import { validate } from "../validate";

interface RollbackResponse {
  deployment: { id: number; service: string; environment: string; version: string; previousVersion: string | null; status: string };
}

/**
 * `deploylines rollback` records a rollback of a deploy, by default to its environment's last known
 * good version. Exit 0, 2 bad arguments (or nothing to roll back to), 3 unreachable, 4 unauthorized, 5 no such deployment.
 */
export function registerRollbackCommand(program: Command): void {
  const command = program
    .command("rollback")
    .description("record a rollback of a deployment, to --version or by default the environment's last known good version")
    .requiredOption("--id <id>", "the deployment being rolled back")
    .option("-v, --version <version>", "version to return to (default: last known good before the deploy)")
    .option("--reason <text>", "why")
    .option("--author <who>", "who rolled back (default $USER)")
    .option("--status <status>", "in_progress | succeeded | failed (default succeeded)")
    .option("--started-at <time>", "epoch ms, ISO-8601 or relative like -5m (default now)")
    .option("--finished-at <time>", "when it finished")
    .action(async (opts) => {
      const { id } = validate(z.object({ id: z.coerce.number().int().positive() }), { id: opts.id });
      const body = { version: opts.version, reason: opts.reason, author: opts.author ?? process.env.USER, status: opts.status, startedAt: opts.startedAt, finishedAt: opts.finishedAt };
      validate(rollbackRequestSchema, body);
      const res = await apiClient(program.opts()).post<RollbackResponse>(`/api/v1/deployments/${id}/rollback`, body);
      const d = res.deployment;
      emit(opts, res, `recorded rollback ${d.id}: ${d.service} ${d.environment} ${d.previousVersion ?? "?"} → ${d.version} (${d.status}); deployment ${id} rolled back`);
    });
  withJson(command);
}
