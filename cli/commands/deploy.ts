import type { Command } from "commander";
import { deploymentInputSchema, deploymentPatchSchema } from "@/lib/deploys/schema";
import { apiClient } from "../client";
import { validate } from "../validate";

interface DeploymentResponse {
  deployment: { id: number; service: string; environment: string; version: string; status: string };
  warnings: string[];
}

/** `deploylines deploy` records a deploy (or, with --id, updates one in progress). */
export function registerDeployCommand(program: Command): void {
  program
    .command("deploy")
    .description("record a deploy of a version to an environment; with --id, update a deploy in progress")
    .option("-s, --service <name>", "service name, e.g. auth")
    .option("-e, --environment <name>", "environment, e.g. prod")
    .option("-v, --version <version>", "version being deployed")
    .option("--commit <sha>", "commit deployed")
    .option("--author <who>", "who deployed")
    .option("--description <text>", "what changed")
    .option("--strategy <strategy>", "rolling | all-at-once | canary")
    .option("--status <status>", "in_progress | succeeded | failed | rolled_back")
    .option("--started-at <time>", "epoch ms, ISO-8601 or relative like -5m (default now)")
    .option("--finished-at <time>", "when it finished")
    .option("--instances <done/total>", "rolling progress, e.g. 3/10")
    .option("--message <text>", "progress note (with --id)")
    .option("--id <id>", "update this deployment instead of recording a new one")
    .action(async (opts) => {
      const client = apiClient(program.opts());
      const [done, total] = opts.instances ? String(opts.instances).split("/").map(Number) : [];
      const progress = opts.instances ? { instancesDone: done, instancesTotal: total } : {};
      if (opts.id) {
        const patch = validate(deploymentPatchSchema, { status: opts.status, finishedAt: opts.finishedAt, message: opts.message, ...progress });
        const res = await client.patch<DeploymentResponse>(`/api/v1/deployments/${encodeURIComponent(opts.id)}`, patch);
        console.log(`deployment ${res.deployment.id}: ${res.deployment.status}`);
        return;
      }
      const input = {
        service: opts.service,
        environment: opts.environment,
        version: opts.version,
        commit: opts.commit,
        author: opts.author ?? process.env.USER,
        description: opts.description,
        strategy: opts.strategy,
        status: opts.status,
        startedAt: opts.startedAt,
        finishedAt: opts.finishedAt,
        ...progress,
      };
      validate(deploymentInputSchema, input);
      const res = await client.post<DeploymentResponse>("/api/v1/deployments", input);
      const d = res.deployment;
      console.log(`recorded deployment ${d.id}: ${d.service} ${d.version} → ${d.environment} (${d.status})`);
      for (const warning of res.warnings ?? []) console.error(`warning: ${warning}`);
    });
}
